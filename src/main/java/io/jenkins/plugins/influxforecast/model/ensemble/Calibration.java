package io.jenkins.plugins.influxforecast.model.ensemble;

/**
 * Prediction intervals for a model without analytic ones, calibrated from its backtest errors: the
 * root mean square error of each horizon step over the windows, smoothed by a power law
 * {@code se(j) = a j^b} fitted on the log scale ({@code 0 <= b <= 1}: errors do not shrink with the
 * horizon and grow at most linearly), so that a few windows give stable widths.
 */
final class Calibration {

    private Calibration() {
    }

    static double[] standardErrors(double[][] errors, int horizon) {
        int steps = 0;
        for (double[] e : errors) {
            steps = Math.max(steps, e.length);
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int cnt = 0;
        double pooled = 0;
        int pooledN = 0;
        for (int j = 0; j < steps; j++) {
            double ss = 0;
            int c = 0;
            for (double[] e : errors) {
                if (j < e.length && Double.isFinite(e[j])) {
                    ss += e[j] * e[j];
                    c++;
                }
            }
            if (c == 0 || ss <= 0) {
                continue;
            }
            pooled += ss;
            pooledN += c;
            double x = Math.log(j + 1.0);
            double y = 0.5 * Math.log(ss / c);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            cnt++;
        }
        double[] se = new double[horizon];
        if (cnt == 0) {
            java.util.Arrays.fill(se, Double.NaN);
            return se;
        }
        double b = 0;
        if (cnt > 1 && sxx * cnt - sx * sx > 1e-12) {
            b = (cnt * sxy - sx * sy) / (cnt * sxx - sx * sx);
        }
        b = Math.max(0, Math.min(1, b));
        double a = Math.exp((sy - b * sx) / cnt);
        if (!(a > 0)) {
            a = Math.sqrt(pooled / pooledN);
        }
        for (int j = 0; j < horizon; j++) {
            se[j] = a * Math.pow(j + 1.0, b);
        }
        return se;
    }
}
