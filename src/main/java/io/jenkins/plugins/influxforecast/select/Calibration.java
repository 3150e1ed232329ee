package io.jenkins.plugins.influxforecast.select;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.List;

/**
 * Prediction intervals for a model without analytic ones, calibrated from its backtest errors: the
 * root mean square error of each horizon step over the windows, smoothed by a power law
 * {@code se(j) = a j^b} fitted on the log scale ({@code 0 <= b <= 1}: errors do not shrink with the
 * horizon and grow at most linearly), so that a few windows give stable widths.
 */
public final class Calibration {

    private Calibration() {
    }

    /**
     * Adds Gaussian intervals at {@code levels} to {@code forecast} (of a model without analytic
     * ones), calibrated on a rolling-origin backtest of {@code model} on {@code series}: up to three
     * windows of the forecast's horizon (shortened to fit), one season apart. Returns the forecast
     * unchanged when no window fits.
     */
    public static Forecast calibrate(ForecastModel model, TimeSeries series, Forecast forecast, int season, double... levels) {
        int n = series.size();
        int h = Math.min(forecast.horizon(), Math.max(1, n / 4));
        Backtester.Plan plan = new Backtester.Plan(h, 3, Math.max(Math.max(1, season), h), Math.max(2, Math.min(n - h, Math.max(10, 2 * season))));
        List<Backtester.Window> windows;
        try {
            windows = Backtester.windows(series, plan);
        } catch (IllegalArgumentException e) {
            return forecast;
        }
        double[][] errors = new double[windows.size()][];
        for (int w = 0; w < windows.size(); w++) {
            Backtester.Window win = windows.get(w);
            double[] mean = model.fit(win.train()).forecast(win.actual().length).mean();
            errors[w] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                errors[w][j] = win.actual()[j] - mean[j];
            }
        }
        double[] se = standardErrors(errors, forecast.horizon());
        for (double s : se) {
            if (!(s > 0)) {
                return forecast;
            }
        }
        return forecast.withNormalIntervals(se, levels);
    }

    /** Per-step standard errors for steps 1..horizon from backtest errors ([window][step]). */
    public static double[] standardErrors(double[][] errors, int horizon) {
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
