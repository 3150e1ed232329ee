package io.jenkins.plugins.influxforecast.model.season;

/**
 * Classical decomposition by moving averages, as R's {@code decompose}: the trend is the centred
 * moving average of one period (a 2 x m average for even m), the seasonal figure is the mean
 * detrended value at each position of the cycle (counted from the first value), normalised to sum
 * zero (additive) or to average one (multiplicative), and repeated over the series.
 */
public final class ClassicalDecomposition {

    private ClassicalDecomposition() {
    }

    public static Decomposition decompose(double[] x, int m, Decomposition.Type type) {
        int n = x.length;
        if (m < 2) {
            throw new IllegalArgumentException("classical decomposition needs a period >= 2, got " + m);
        }
        if (n < 2 * m) {
            throw new IllegalArgumentException("series too short for classical decomposition with period " + m + ": "
                    + n + " points, need at least " + 2 * m);
        }
        boolean add = type == Decomposition.Type.ADDITIVE;
        double[] trend = centredMovingAverage(x, m);
        double[] figure = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            int count = 0;
            for (int t = i; t < n; t += m) {
                double d = add ? x[t] - trend[t] : x[t] / trend[t];
                if (!Double.isNaN(d)) {
                    sum += d;
                    count++;
                }
            }
            figure[i] = count == 0 ? Double.NaN : sum / count;
        }
        double mean = 0;
        for (double f : figure) {
            mean += f;
        }
        mean /= m;
        for (int i = 0; i < m; i++) {
            figure[i] = add ? figure[i] - mean : figure[i] / mean;
        }
        double[] seasonal = new double[n];
        double[] random = new double[n];
        for (int t = 0; t < n; t++) {
            seasonal[t] = figure[t % m];
            random[t] = add ? x[t] - seasonal[t] - trend[t] : x[t] / seasonal[t] / trend[t];
        }
        return new Decomposition(type, new int[] {m}, x, trend, new double[][] {seasonal}, random);
    }

    /**
     * The centred moving average of one period: weights 1/m over m values for odd m, and
     * (1/2, 1, ..., 1, 1/2)/m over m + 1 values for even m. NaN where the window leaves the data.
     */
    public static double[] centredMovingAverage(double[] x, int m) {
        int n = x.length;
        int len = m % 2 == 0 ? m + 1 : m;
        double[] w = new double[len];
        java.util.Arrays.fill(w, 1.0 / m);
        if (m % 2 == 0) {
            w[0] = 0.5 / m;
            w[len - 1] = 0.5 / m;
        }
        int half = len / 2;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            if (t - half < 0 || t + half >= n) {
                out[t] = Double.NaN;
                continue;
            }
            double s = 0;
            for (int j = 0; j < len; j++) {
                s += w[j] * x[t - half + j];
            }
            out[t] = s;
        }
        return out;
    }
}
