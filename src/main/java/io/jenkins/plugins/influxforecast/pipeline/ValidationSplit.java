package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.series.Echo;

/**
 * The hold-out for scoring: a fraction of the points ({@code 0.2}) or a count ({@code 168});
 * {@code 0} holds out nothing.
 */
public record ValidationSplit(double fraction, int count) {

    public static ValidationSplit parse(String text) {
        if (text == null || text.isBlank()) {
            return new ValidationSplit(0.2, -1);
        }
        String t = text.trim();
        try {
            if (t.matches("\\d+")) {
                return new ValidationSplit(-1, Integer.parseInt(t));
            }
            double d = Double.parseDouble(t);
            if (d >= 0 && d < 1) {
                return new ValidationSplit(d, -1);
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("validation must be a fraction from 0 to below 1 (e.g. 0.2) or a whole number of points (e.g. 168), got " + Echo.quote(text));
    }

    /** Points held out of a series of n points. */
    public int size(int n) {
        return count >= 0 ? count : (int) Math.round(fraction * n);
    }

    public boolean isNone() {
        return count == 0 || fraction == 0;
    }

    @Override
    public String toString() {
        return count >= 0 ? Integer.toString(count) : Double.toString(fraction);
    }
}
