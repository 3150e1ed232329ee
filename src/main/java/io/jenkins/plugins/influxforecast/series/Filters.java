package io.jenkins.plugins.influxforecast.series;

/** Filters applied to the input before a model sees it. */
public final class Filters {

    private Filters() {
    }

    /**
     * Trailing moving average over {@code window} points: each value becomes the mean of itself and
     * the {@code window - 1} values before it (fewer at the start). It never looks ahead, so no
     * future value leaks into the history a model is fitted on. A window of 0 or 1 returns the series.
     */
    public static TimeSeries movingAverage(TimeSeries series, int window) {
        if (window < 0) {
            throw new IllegalArgumentException("smoothing must be >= 0 (a window in points), got " + window);
        }
        if (window <= 1) {
            return series;
        }
        if (window > series.size()) {
            throw new IllegalArgumentException("smoothing window " + window + " is longer than the series ("
                    + series.size() + " points)");
        }
        double[] y = series.values();
        double[] out = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i];
            if (i >= window) {
                sum -= y[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return series.withValues(out);
    }
}
