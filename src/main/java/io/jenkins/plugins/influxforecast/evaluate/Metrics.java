package io.jenkins.plugins.influxforecast.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Point-forecast accuracy measures, as the M4 competition and R's {@code accuracy} define them.
 * Pairs where the actual or the forecast is not finite are skipped; a measure with no usable pair
 * is NaN.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - forecast[i];
            if (Double.isFinite(e)) {
                sum += Math.abs(e);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - forecast[i];
            if (Double.isFinite(e)) {
                sum += e * e;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sum / n);
    }

    /** Mean absolute percentage error, in percent; pairs with a zero actual are skipped. */
    public static double mape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - forecast[i];
            if (Double.isFinite(e) && actual[i] != 0) {
                sum += Math.abs(e / actual[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * sum / n;
    }

    /** Symmetric MAPE as M4: mean of 200|y - f| / (|y| + |f|), in percent; 0/0 pairs count as 0. */
    public static double smape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            double y = actual[i];
            double f = forecast[i];
            if (Double.isFinite(y) && Double.isFinite(f)) {
                double d = Math.abs(y) + Math.abs(f);
                sum += d == 0 ? 0 : 200 * Math.abs(y - f) / d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal naive forecast
     * with lag {@code m} (m = 1: naive). NaN when the scale is zero or the history shorter than m + 1.
     */
    public static double mase(double[] actual, double[] forecast, double[] insample, int m) {
        double scale = naiveScale(insample, m);
        if (!(scale > 0)) {
            return Double.NaN;
        }
        return mae(actual, forecast) / scale;
    }

    /** The in-sample mean absolute seasonal difference with lag m (MASE's denominator). */
    public static double naiveScale(double[] insample, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("MASE season must be >= 1, got " + m);
        }
        double sum = 0;
        int n = 0;
        for (int t = m; t < insample.length; t++) {
            double d = insample[t] - insample[t - m];
            if (Double.isFinite(d)) {
                sum += Math.abs(d);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** All five measures, named as in metrics.json. */
    public static Map<String, Double> all(double[] actual, double[] forecast, double[] insample, int m) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("mae", mae(actual, forecast));
        out.put("rmse", rmse(actual, forecast));
        out.put("mape", mape(actual, forecast));
        out.put("smape", smape(actual, forecast));
        out.put("mase", mase(actual, forecast, insample, m));
        return out;
    }

    private static void check(double[] actual, double[] forecast) {
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values, forecast " + forecast.length);
        }
    }
}
