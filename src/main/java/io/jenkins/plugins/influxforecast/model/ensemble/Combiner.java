package io.jenkins.plugins.influxforecast.model.ensemble;

import java.util.Arrays;

/** How the forecasts of several models are combined into one, point by point. */
public enum Combiner {
    MEDIAN, MEAN;

    /** Combines values (NaN-free). */
    public double combine(double[] v, int n) {
        if (this == MEAN || n <= 2) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[i];
            }
            return s / n;
        }
        double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return n % 2 != 0 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }
}
