package io.jenkins.plugins.influxforecast.model.season;

import java.util.Arrays;

/**
 * The result of a seasonal decomposition: the data, the trend, one seasonal component per period
 * and the remainder, as plain arrays (copied in and out). Additive: data = trend + seasonals +
 * remainder; multiplicative: data = trend * seasonal * remainder. The trend and remainder are NaN
 * where the method defines none (the ends of a classical moving average). Immutable.
 */
public final class Decomposition {

    /** How the components combine. */
    public enum Type { ADDITIVE, MULTIPLICATIVE }

    private final Type type;
    private final int[] periods;
    private final double[] data;
    private final double[] trend;
    private final double[][] seasonal;
    private final double[] remainder;

    public Decomposition(Type type, int[] periods, double[] data, double[] trend, double[][] seasonal, double[] remainder) {
        if (periods.length != seasonal.length) {
            throw new IllegalArgumentException(periods.length + " periods but " + seasonal.length + " seasonal components");
        }
        this.type = type;
        this.periods = periods.clone();
        this.data = data.clone();
        this.trend = trend.clone();
        this.seasonal = new double[seasonal.length][];
        for (int i = 0; i < seasonal.length; i++) {
            if (seasonal[i].length != data.length) {
                throw new IllegalArgumentException("seasonal component " + i + " has " + seasonal[i].length + " values, data " + data.length);
            }
            this.seasonal[i] = seasonal[i].clone();
        }
        this.remainder = remainder.clone();
    }

    public Type type() {
        return type;
    }

    public int size() {
        return data.length;
    }

    /** The seasonal periods, in the order of the components (shortest first). */
    public int[] periods() {
        return periods.clone();
    }

    public int components() {
        return periods.length;
    }

    public double[] data() {
        return data.clone();
    }

    public double[] trend() {
        return trend.clone();
    }

    public double[] seasonal(int component) {
        return seasonal[component].clone();
    }

    public double[] remainder() {
        return remainder.clone();
    }

    /** All seasonal components combined: their sum (additive) or product (multiplicative). */
    public double[] seasonalTotal() {
        double[] s = new double[data.length];
        Arrays.fill(s, type == Type.ADDITIVE ? 0 : 1);
        for (double[] c : seasonal) {
            for (int t = 0; t < s.length; t++) {
                s[t] = type == Type.ADDITIVE ? s[t] + c[t] : s[t] * c[t];
            }
        }
        return s;
    }

    /** The seasonally adjusted data: data minus (or divided by) all seasonal components. */
    public double[] adjusted() {
        double[] s = seasonalTotal();
        double[] a = new double[data.length];
        for (int t = 0; t < a.length; t++) {
            a[t] = type == Type.ADDITIVE ? data[t] - s[t] : data[t] / s[t];
        }
        return a;
    }

    /**
     * The seasonal components continued {@code h} steps past the end, each by repeating its last
     * full cycle (a seasonal naive forecast per component), then combined.
     */
    public double[] seasonalForecast(int h) {
        double[] out = new double[h];
        Arrays.fill(out, type == Type.ADDITIVE ? 0 : 1);
        int n = data.length;
        for (int c = 0; c < seasonal.length; c++) {
            int m = periods[c];
            for (int i = 0; i < h; i++) {
                double v = seasonal[c][n - m + (i % m)];
                out[i] = type == Type.ADDITIVE ? out[i] + v : out[i] * v;
            }
        }
        return out;
    }
}
