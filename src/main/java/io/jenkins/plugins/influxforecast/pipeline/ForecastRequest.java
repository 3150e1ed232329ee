package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolNames;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.Echo;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.GapFill;
import io.jenkins.plugins.influxforecast.series.InputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated {@code forecast} request: everything is checked here, before any data is read or any
 * file written. Built from the option values of {@link Commands#FORECAST}.
 */
public record ForecastRequest(
        Path input,
        Path outputDir,
        ModelSpec model,
        Integer horizon,
        ValidationSplit validation,
        Frequency frequency,
        int smoothing,
        GapFill fill,
        Integer maxGap,
        InputFormat format,
        String timeColumn,
        String valueColumn,
        String name,
        String measurement,
        String field,
        Map<String, String> tags,
        double[] levels,
        boolean nonNegative,
        java.time.Instant asOf,
        Integer build,
        String modelTag,
        String modelField,
        boolean history,
        String historyMeasurement,
        Path liveAccuracy,
        int backfill) {
    public ForecastRequest {
        tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        levels = levels == null ? null : levels.clone();
    }

    /** The interval levels in percent (a copy: the request stays as it was validated). */
    @Override
    public double[] levels() {
        return levels == null ? null : levels.clone();
    }

    /** The most missed runs one forecast fills. */
    public static final int MAX_BACKFILL = 10;

    /** The longest forecast the engine makes (100,000 steps: 1.9 years of 10-minute data). */
    public static final int MAX_HORIZON = 100_000;

    /** Builds and validates a request from option values keyed by step parameter name. */
    public static ForecastRequest fromOptions(Map<String, ?> given) {
        Map<String, Object> o = Commands.FORECAST.withDefaults(given);
        String input = text(o, "input");
        String outputDir = text(o, "outputDir");
        if (input == null) {
            throw new IllegalArgumentException("input is required (the CSV file to forecast)");
        }
        if (outputDir == null) {
            throw new IllegalArgumentException("outputDir is required (the folder the outputs go to)");
        }
        String modelText = text(o, "model");
        if (modelText == null) {
            throw new IllegalArgumentException("model must not be empty; e.g. snaive, naive, drift, mean, movingaverage(window=30)");
        }
        ModelSpec model = ModelSpec.parse(modelText); // parsed once: the runner works with the spec
        Models.create(model); // validates the spec now, before reading any data
        Integer horizon = integer(o, "horizon");
        if (horizon != null && horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (horizon != null && horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("horizon must be <= " + MAX_HORIZON + ", got " + horizon);
        }
        ValidationSplit split = ValidationSplit.parse(text(o, "validation"));
        if (horizon == null && split.isNone()) {
            throw new IllegalArgumentException("horizon is required when validation is 0 (nothing held out to size it by)");
        }
        String freqText = text(o, "frequency");
        Frequency frequency = freqText == null ? null : Frequency.parse(freqText);
        Integer smoothing = integer(o, "smoothing");
        if (smoothing != null && smoothing < 0) {
            throw new IllegalArgumentException("smoothing must be >= 0 (a window in points; 0 = none), got " + smoothing);
        }
        Integer maxGap = integer(o, "maxGap");
        if (maxGap != null && maxGap < 0) {
            throw new IllegalArgumentException("maxGap must be >= 0, got " + maxGap);
        }
        String field = text(o, "field");
        String measurement = text(o, "measurement");
        if (measurement != null && measurement.isBlank()) {
            throw new IllegalArgumentException("measurement must not be blank");
        }
        // the names forecast.lp will carry, checked as load checks them, before anything is read or written
        if (measurement != null) {
            LineProtocolNames.checkMeasurement(measurement);
        }
        LineProtocolNames.checkFieldKey(field == null ? "value" : field);
        tags(o.get("tags")).forEach((k, v) -> {
            LineProtocolNames.checkTagKey(k);
            LineProtocolNames.checkTagValue(k, v);
        });
        Path inputPath = Path.of(input);
        Path outputPath = Path.of(outputDir);
        refuseInputThatWouldBeOverwritten(inputPath, outputPath);
        return new ForecastRequest(inputPath, outputPath, model, horizon, split, frequency,
                smoothing == null ? 0 : smoothing, GapFill.parse(text(o, "fill")), maxGap,
                InputFormat.parse(text(o, "format")), text(o, "timeColumn"), text(o, "valueColumn"), text(o, "name"),
                measurement, field == null ? "value" : field, tags(o.get("tags")), levels(text(o, "levels")),
                bool(o.get("nonNegative")), asOf(text(o, "asOf")), build(integer(o, "build")), modelTag(text(o, "modelTag")),
                modelField(o.get("modelField"), field == null ? "value" : field, text(o, "modelTag")), bool("history", o.get("history")),
                blankIsError("historyMeasurement", text(o, "historyMeasurement"), o.get("historyMeasurement")),
                text(o, "liveAccuracy") == null ? null : Path.of(text(o, "liveAccuracy")), backfill(o));
    }

    /**
     * The outputs replace the files of the same names in the output folder: an input among them would
     * be overwritten by the forecast made from it (and a rerun would read the forecast as data).
     */
    static void refuseInputThatWouldBeOverwritten(Path input, Path outputDir) {
        Path in = canonical(input);
        Path out = canonical(outputDir);
        Path inFolder = in.getParent();
        Path inName = in.getFileName();
        if (inFolder != null && inFolder.equals(out) && inName != null && OUTPUT_FILES.contains(inName.toString())) {
            throw new IllegalArgumentException("input " + input + " is inside outputDir " + outputDir + " and would be overwritten by the"
                    + " forecast's " + inName + "; move the input or choose another outputDir");
        }
        if (Files.isRegularFile(out)) {
            throw new IllegalArgumentException("outputDir " + outputDir + " is a file, not a folder");
        }
    }

    /** The file names a forecast writes into its output folder. */
    public static final java.util.Set<String> OUTPUT_FILES = java.util.Set.of(ForecastRunner.CSV, ForecastRunner.LP,
            ForecastRunner.METRICS, ForecastRunner.PNG, ForecastRunner.BACKTEST, ForecastRunner.HTML,
            io.jenkins.plugins.influxforecast.report.HtmlReport.CSS);

    /** The real path where it exists (symbolic links resolved), else the absolute normalised path. */
    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (java.io.IOException e) {
            Path parent = abs.getParent();
            return parent != null && abs.getFileName() != null ? canonical(parent).resolve(abs.getFileName()) : abs;
        }
    }

    private static java.time.Instant asOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("asOf must be an ISO-8601 time such as 2024-05-01T12:00:00Z, got " + Echo.quote(text.trim()));
        }
    }

    /** The model's field key: "model" unless given; an empty text for none. */
    private static String modelField(Object given, String valueField, String modelTag) {
        String key = given == null ? "model" : String.valueOf(given).trim();
        if (key.equals(modelTag)) {
            return null; // asked for as a tag: the tag replaces the field of the same key
        }
        if (key.isEmpty()) {
            return null;
        }
        if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*") || key.equals("time")) {
            throw new IllegalArgumentException("modelField must be a field key (letters, digits, _ . -; not time), got '" + key + "'");
        }
        if (key.equals(valueField) || key.equals("as_of") || key.equals("build")) {
            throw new IllegalArgumentException("modelField '" + key + "' is also the value field or a run field (as_of, build);"
                    + " choose another key");
        }
        return key;
    }

    private static int backfill(Map<String, ?> o) {
        Integer n = integer(o, "backfill");
        if (n == null || n == 0) {
            return 0;
        }
        if (n < 0 || n > MAX_BACKFILL) {
            throw new IllegalArgumentException("backfill must be between 0 and " + MAX_BACKFILL + " (missed runs filled per forecast), got " + n);
        }
        if (!bool("history", o.get("history")) || text(o, "liveAccuracy") == null) {
            throw new IllegalArgumentException("backfill " + n + " needs history (the points it fills) and liveAccuracy (the score.json"
                    + " that lists the missed runs, from score --every)");
        }
        return n;
    }

    /** The same request as of another time (a missed run): its history points are issued then. */
    public ForecastRequest asOf(java.time.Instant time) {
        return new ForecastRequest(input, outputDir, model, horizon, validation, frequency, smoothing, fill, maxGap, format, timeColumn,
                valueColumn, name, measurement, field, tags, levels, nonNegative, time, build, modelTag, modelField, history,
                historyMeasurement, liveAccuracy, 0);
    }

    private static String blankIsError(String key, String text, Object given) {
        if (text == null && given != null && !String.valueOf(given).isEmpty()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return text;
    }

    private static Integer build(Integer build) {
        if (build != null && build < 0) {
            throw new IllegalArgumentException("build must be >= 0, got " + build);
        }
        return build;
    }

    private static String modelTag(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("modelTag must be a tag key (letters, digits, _ . -), got " + Echo.quote(key));
        }
        return key;
    }

    /** The fields that identify the run on every forecast point: as_of (epoch seconds) and build. */
    public Map<String, Double> runFields() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (asOf != null) {
            m.put("as_of", (double) asOf.getEpochSecond());
        }
        if (build != null) {
            m.put("build", (double) build);
        }
        return m;
    }

    /** The resolved parameters, for metrics.json and the step's record of what ran. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input.toString());
        m.put("output_dir", outputDir.toString());
        m.put("model", model.toString());
        m.put("horizon", horizon);
        m.put("validation", validation.toString());
        m.put("frequency", frequency == null ? null : frequency.toString());
        m.put("smoothing", smoothing);
        m.put("fill", fill.toString());
        m.put("max_gap", maxGap);
        m.put("format", format.toString());
        m.put("time_column", timeColumn);
        m.put("value_column", valueColumn);
        m.put("name", name);
        m.put("measurement", measurement);
        m.put("field", field);
        m.put("tags", tags);
        List<Double> l = new ArrayList<>();
        for (double d : levels) {
            l.add(d);
        }
        m.put("levels", l);
        m.put("non_negative", nonNegative);
        m.put("as_of", asOf == null ? null : asOf.toString());
        m.put("build", build);
        m.put("model_tag", modelTag);
        m.put("model_field", modelField);
        m.put("history", history);
        m.put("history_measurement", history ? (historyMeasurement != null ? historyMeasurement : "<name>-forecast-history") : null);
        m.put("live_accuracy", liveAccuracy == null ? null : liveAccuracy.toString());
        m.put("backfill", backfill);
        return m;
    }

    static boolean bool(Object v) {
        return bool("nonNegative", v);
    }

    static boolean bool(String key, Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "yes", "1", "on" -> true;
            case "", "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got " + Echo.quote(String.valueOf(v)));
        };
    }

    static String text(Map<String, ?> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    static Integer integer(Map<String, ?> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        String s = String.valueOf(v).trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got " + Echo.quote(s));
        }
    }

    static Map<String, String> tags(Object v) {
        Map<String, String> tags = new TreeMap<>();
        if (v == null) {
            return tags;
        }
        Collection<?> items = v instanceof Collection<?> c ? c : List.of(v);
        for (Object item : items) {
            String s = String.valueOf(item);
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("tag must be key=value with a non-empty key and value, got " + Echo.quote(s));
            }
            String key = s.substring(0, eq).trim();
            String value = s.substring(eq + 1).trim();
            String earlier = tags.put(key, value);
            if (earlier != null) {
                throw new IllegalArgumentException("tag key " + Echo.quote(key) + " is given twice (" + Echo.quote(key + "=" + earlier)
                        + " and " + Echo.quote(key + "=" + value) + "); a point has one value per tag key");
            }
        }
        return tags;
    }

    static double[] levels(String text) {
        if (text == null || text.isBlank()) {
            return new double[0];
        }
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("levels must be percentages between 0 and 100 separated by commas (e.g. 80,95), got " + Echo.quote(text));
            }
            if (!(out[i] > 0 && out[i] < 100)) {
                throw new IllegalArgumentException("levels must be between 0 and 100 (exclusive), got " + parts[i].trim());
            }
        }
        java.util.Arrays.sort(out);
        return out;
    }

    /** The model this request names, built from its spec. */
    public ForecastModel createModel() {
        return Models.create(model);
    }

    /** The model for a forecast of {@code steps} steps (see {@link ForecastModel#forHorizon}). */
    public ForecastModel createModel(int steps) {
        return createModel().forHorizon(steps);
    }
}
