package io.jenkins.plugins.influxforecast.report;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolNames;
import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * forecast.lp: one line per forecast step, nanosecond timestamps. By default the layout of the Argo
 * pipeline this replaces: measurement {@code <series name>-prediction}, field {@code value}, the
 * series' own tags; measurement, field and extra tags are configurable. The interval bounds go
 * beside the value as {@code lower_<level>} and {@code upper_<level>}, so a dashboard can fill
 * between them, and the model spec as the string field {@code model} (see {@link Layout}). Every
 * name is checked before the first line is written, with the check {@code load} applies
 * ({@link #check}); every value while its line is built (no NaN, no infinity).
 */
public final class ForecastLineProtocol {

    /**
     * @param measurement the measurement, or null for {@code <series name>-prediction}
     * @param field       the field key of the forecast value
     * @param extraTags   tags added to every point (override series tags of the same key)
     * @param modelTag    tag key of the model spec on every point, or null for none
     * @param runFields   fields identifying the run (as_of, build) added to every point
     * @param modelField  string field key of the model spec on every point, or null for none
     */
    public record Layout(String measurement, String field, Map<String, String> extraTags, String modelTag,
                         Map<String, Double> runFields, String modelField) {
        public Layout {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("field must not be empty");
            }
            extraTags = Map.copyOf(extraTags);
            runFields = runFields == null ? Map.of() : new LinkedHashMap<>(runFields);
            if (modelField != null && (modelField.equals(field) || runFields.containsKey(modelField))) {
                throw new IllegalArgumentException("modelField '" + modelField + "' is also the value field or a run field; choose another key");
            }
            if (runFields.containsKey(field)) {
                throw new IllegalArgumentException("field '" + field + "' is also a run field (as_of, build); choose another --field");
            }
            runFields = java.util.Collections.unmodifiableMap(runFields);
        }

        public Layout(String measurement, String field, Map<String, String> extraTags) {
            this(measurement, field, extraTags, null, Map.of(), null);
        }

        public Layout(String measurement, String field, Map<String, String> extraTags, String modelTag, Map<String, Double> runFields) {
            this(measurement, field, extraTags, modelTag, runFields, null);
        }

        public String measurementFor(String seriesName) {
            return measurement != null ? measurement : seriesName + "-prediction";
        }
    }

    private ForecastLineProtocol() {
    }

    /**
     * The earliest and latest time InfluxDB stores: nanoseconds since the epoch from
     * -9223372036854775806 to 9223372036854775806 (1677-09-21 to 2262-04-11).
     */
    public static final Instant MIN_TIME = Instant.ofEpochSecond(0, -9_223_372_036_854_775_806L);
    public static final Instant MAX_TIME = Instant.ofEpochSecond(0, 9_223_372_036_854_775_806L);

    /**
     * Checks every name the file would carry (measurement, tags, fields, key sizes) as {@code load}
     * checks them ({@link LineProtocolNames}), and every line: a name that line protocol cannot carry
     * as given, or a time outside InfluxDB's range, is refused here, naming the series, before
     * anything is written.
     */
    public static void check(List<ForecastOutput> outputs, Layout layout) {
        for (ForecastOutput o : outputs) {
            check(o, layout);
        }
    }

    /** {@link #check(List, Layout)} for the forecast of one series, so that one bad series can fail alone. */
    public static void check(ForecastOutput o, Layout layout) {
        lines(o, layout, line -> { });
    }

    /** Writes the file, once every series is checked; returns the number of points (lines). */
    public static int write(Path file, List<ForecastOutput> outputs, Layout layout) throws IOException {
        check(outputs, layout);
        int[] lines = {0};
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ForecastOutput o : outputs) {
                lines(o, layout, line -> {
                    try {
                        w.write(line);
                        w.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    lines[0]++;
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return lines[0];
    }

    private static void lines(ForecastOutput o, Layout layout, Consumer<String> out) {
        Map<String, String> tags = new TreeMap<>(o.history().tags());
        tags.putAll(layout.extraTags());
        if (layout.modelTag() != null) {
            tags.put(layout.modelTag(), o.future().model());
        }
        String series = "series '" + o.history().name() + "'" + (o.history().tags().isEmpty() ? "" : " " + o.history().tags());
        if (tags.containsKey(layout.field())) {
            throw new IllegalArgumentException("field '" + layout.field() + "' is also a tag key of " + series + "; choose another --field");
        }
        if (layout.modelField() != null && tags.containsKey(layout.modelField())) {
            throw new IllegalArgumentException("modelField '" + layout.modelField() + "' is also a tag key of " + series
                    + "; choose another --model-field");
        }
        String key;
        try {
            key = LineProtocolWriter.seriesKey(layout.measurementFor(o.history().name()), tags);
            int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
            List<String> fields = new java.util.ArrayList<>(List.of(layout.field()));
            fields.addAll(layout.runFields().keySet());
            if (layout.modelField() != null) {
                fields.add(layout.modelField());
            }
            for (double level : o.future().levels()) {
                fields.add("lower_" + ForecastCsv.levelName(level));
                fields.add("upper_" + ForecastCsv.levelName(level));
            }
            for (String field : fields) {
                String escaped = LineProtocolWriter.escapeFieldKey(field);
                LineProtocolNames.checkKeySize(keyBytes, escaped.getBytes(StandardCharsets.UTF_8).length, field);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(series + " cannot be written as line protocol: " + e.getMessage(), e);
        }
        Forecast f = o.future();
        for (int i = 0; i < f.horizon(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(layout.field(), f.mean(i));
            for (double level : f.levels()) {
                fields.put("lower_" + ForecastCsv.levelName(level), f.lower(level)[i]);
                fields.put("upper_" + ForecastCsv.levelName(level), f.upper(level)[i]);
            }
            fields.putAll(layout.runFields());
            if (layout.modelField() != null) {
                fields.put(layout.modelField(), f.model());
            }
            out.accept(LineProtocolWriter.line(key, fields, epochNanos(f.time(i), series)));
        }
    }

    private static long epochNanos(Instant t, String series) {
        if (t.isBefore(MIN_TIME) || t.isAfter(MAX_TIME)) {
            throw new IllegalArgumentException(series + ": forecast time " + t + " is outside the range InfluxDB stores ("
                    + MIN_TIME + " to " + MAX_TIME + ")");
        }
        return Timestamps.toEpochNanos(t);
    }
}
