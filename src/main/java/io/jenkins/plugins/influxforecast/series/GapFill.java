package io.jenkins.plugins.influxforecast.series;

import java.util.Locale;

/** How missing points on the grid are filled. */
public enum GapFill {
    /** Straight line between the neighbours. */
    LINEAR,
    /** Repeat the last value before the gap. */
    PREVIOUS,
    /** Any gap is an error. */
    FAIL;

    public static GapFill parse(String text) {
        if (text == null || text.isBlank()) {
            return LINEAR;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fill must be one of linear, previous, fail, got " + Echo.quote(text));
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
