package io.jenkins.plugins.influxforecast.series;

import java.util.Locale;

/** The CSV dialects the engine reads. */
public enum InputFormat {
    /** Detect from the first lines. */
    AUTO,
    /** InfluxDB 1.x {@code /query} with {@code Accept: application/csv}: name,tags,time,value. */
    INFLUX1,
    /** InfluxDB 2.x annotated CSV (Flux): #datatype/#group/#default rows, _time, _value. */
    INFLUX2,
    /** A plain CSV with a header: a time column and a value column. */
    CSV;

    public static InputFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be one of auto, influx1, influx2, csv, got " + Echo.quote(text));
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
