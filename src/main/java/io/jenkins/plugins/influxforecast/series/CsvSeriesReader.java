package io.jenkins.plugins.influxforecast.series;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolTags;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one or more series from a CSV file in one of the {@link InputFormat}s. Series are told
 * apart by name and tags (InfluxDB GROUP BY tag sets, Flux tables). Empty values become NaN (gaps,
 * filled later); text that is not a number, and NaN or infinite values, are errors naming the line.
 */
public final class CsvSeriesReader {

    /**
     * @param format      the dialect, or AUTO
     * @param timeColumn  the time column, or null for the dialect's default
     * @param valueColumn the value column, or null for the dialect's default
     * @param name        the series name, or null: the measurement, else the file name
     */
    public record Options(InputFormat format, String timeColumn, String valueColumn, String name) {
        public static Options defaults() {
            return new Options(InputFormat.AUTO, null, null, null);
        }
    }

    /** What was read: the series and the dialect that was used. */
    public record Result(List<RawSeries> series, InputFormat format) {
    }

    private static final Set<String> TIME_NAMES = Set.of("time", "_time", "timestamp", "date", "datetime", "ds", "t");

    private final Options options;

    public CsvSeriesReader(Options options) {
        this.options = options;
    }

    public Result read(Path file) throws IOException {
        String fileName = String.valueOf(file.getFileName());
        List<String> head;
        try {
            if (Files.size(file) == 0) {
                throw new IllegalArgumentException("input file " + file + " is empty");
            }
            head = firstLines(file, 5);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file " + file + " does not exist");
        }
        if (head.isEmpty()) {
            throw new IllegalArgumentException("input file " + file + " is empty");
        }
        InputFormat format = options.format() == InputFormat.AUTO ? detect(head) : options.format();
        String defaultName = stripExtension(fileName);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get().parse(r)) {
            Collector c = new Collector(file, format, defaultName);
            for (CSVRecord rec : parser) {
                c.accept(rec, parser.getCurrentLineNumber());
            }
            List<RawSeries> out = c.finish();
            if (out.isEmpty()) {
                throw new IllegalArgumentException("input file " + file + " has a header but no data rows");
            }
            return new Result(out, format);
        }
    }

    static InputFormat detect(List<String> head) {
        String first = head.get(0).trim();
        if (first.startsWith("#datatype") || first.startsWith("#group") || first.startsWith("#default")) {
            return InputFormat.INFLUX2;
        }
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.startsWith(",result,table") || lower.startsWith("result,table")) {
            return InputFormat.INFLUX2;
        }
        if (lower.startsWith("name,tags,time") || lower.equals("error")) {
            return InputFormat.INFLUX1;
        }
        return InputFormat.CSV;
    }

    private static List<String> firstLines(Path file, int n) throws IOException {
        List<String> out = new ArrayList<>();
        try (var br = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < n && (line = br.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line.startsWith("\uFEFF") ? line.substring(1) : line);
                }
            }
        }
        return out;
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Accumulates rows into series keyed by name and tags, following header changes. */
    private final class Collector {
        private final Path file;
        private final InputFormat format;
        private final String defaultName;
        private final Map<String, Builder> series = new LinkedHashMap<>();
        /** The _field of each series of annotated CSV, to refuse a second field under the same key. */
        private final Map<String, String> fields = new HashMap<>();
        private List<String> header;
        private boolean expectHeader = true;
        private int timeIdx;
        private int valueIdx;
        private int nameIdx;
        private int tagsIdx;
        private int measurementIdx;
        private int fieldIdx;
        private List<Integer> tagColumns = List.of();

        Collector(Path file, InputFormat format, String defaultName) {
            this.file = file;
            this.format = format;
            this.defaultName = defaultName;
        }

        void accept(CSVRecord rec, long line) {
            List<String> cells = rec.toList();
            if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
                cells.set(0, cells.get(0).substring(1));
            }
            if (format == InputFormat.INFLUX2) {
                if (!cells.isEmpty() && cells.get(0).startsWith("#")) {
                    expectHeader = true;
                    return;
                }
                if (!expectHeader && isFluxHeader(cells)) {
                    expectHeader = true;
                }
            } else if (format == InputFormat.INFLUX1 && header != null && cells.equals(header)) {
                return; // the header of the next statement's block
            }
            if (expectHeader) {
                setHeader(cells, line);
                expectHeader = false;
                return;
            }
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                return;
            }
            if (cells.size() < header.size()) {
                throw new IllegalArgumentException(file + " line " + line + ": " + cells.size() + " columns, the header has " + header.size());
            }
            if (format == InputFormat.INFLUX1 && header.size() == 1 && header.get(0).equals("error")) {
                throw new IllegalArgumentException(file + ": InfluxDB returned an error: " + cells.get(0));
            }
            String timeText = cells.get(timeIdx);
            Instant t = Timestamps.parseOrNull(timeText);
            if (t == null) {
                throw new IllegalArgumentException(file + " line " + line + ": cannot parse time '" + timeText
                        + "' in column '" + header.get(timeIdx) + "' (expected ISO-8601 or epoch seconds/ms/ns)");
            }
            double v = parseValue(cells.get(valueIdx), line);
            String name;
            Map<String, String> tags = new TreeMap<>();
            switch (format) {
                case INFLUX1 -> {
                    name = options.name() != null ? options.name() : nonEmpty(cells.get(nameIdx), defaultName);
                    if (tagsIdx >= 0) {
                        tags.putAll(parseTagSet(cells.get(tagsIdx), line));
                    }
                }
                case INFLUX2 -> {
                    String measurement = measurementIdx >= 0 ? cells.get(measurementIdx) : "";
                    name = options.name() != null ? options.name() : nonEmpty(measurement, defaultName);
                    for (int i : tagColumns) {
                        if (!cells.get(i).isEmpty()) {
                            tags.put(header.get(i), cells.get(i));
                        }
                    }
                }
                default -> name = options.name() != null ? options.name() : defaultName;
            }
            String key = name + '\u0000' + tags;
            if (fieldIdx >= 0 && format == InputFormat.INFLUX2) {
                // _field is no tag (InfluxDB reserves the key): one field per series, as extract reads it
                String field = cells.get(fieldIdx);
                String before = fields.putIfAbsent(key, field);
                if (before != null && !before.equals(field)) {
                    throw new IllegalArgumentException(file + " line " + line + ": series " + name + tags + " has several fields ('"
                            + before + "' and '" + field + "'); filter one _field in the query, or group the tables");
                }
            }
            series.computeIfAbsent(key, k -> new Builder(name, tags)).add(t, v);
        }

        private boolean isFluxHeader(List<String> cells) {
            return cells.contains("_value") || (cells.contains("result") && cells.contains("table"));
        }

        private void setHeader(List<String> cells, long line) {
            header = cells;
            switch (format) {
                case INFLUX1 -> {
                    if (cells.size() == 1 && cells.get(0).equals("error")) {
                        timeIdx = valueIdx = 0;
                        return;
                    }
                    nameIdx = require("name", "name", line);
                    tagsIdx = cells.indexOf("tags");
                    timeIdx = require(options.timeColumn(), "time", line);
                    valueIdx = valueColumn(line, "value", Set.of("name", "tags"));
                }
                case INFLUX2 -> {
                    timeIdx = require(options.timeColumn(), "_time", line);
                    valueIdx = require(options.valueColumn(), "_value", line);
                    measurementIdx = cells.indexOf("_measurement");
                    fieldIdx = cells.indexOf("_field");
                    List<Integer> tc = new ArrayList<>();
                    for (int i = 0; i < cells.size(); i++) {
                        String h = cells.get(i);
                        if (!h.isEmpty() && !h.startsWith("_") && !h.equals("result") && !h.equals("table")
                                && i != timeIdx && i != valueIdx) {
                            tc.add(i);
                        }
                    }
                    tagColumns = tc;
                }
                default -> {
                    timeIdx = options.timeColumn() != null ? require(options.timeColumn(), null, line) : guessTimeColumn();
                    valueIdx = valueColumn(line, "value", Set.of(header.get(timeIdx)));
                }
            }
        }

        private int guessTimeColumn() {
            for (int i = 0; i < header.size(); i++) {
                if (TIME_NAMES.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            return 0;
        }

        private int require(String given, String fallback, long line) {
            String col = given != null ? given : fallback;
            int i = header.indexOf(col);
            if (i < 0) {
                String what = col.equals(options.timeColumn()) ? "time column" : col.equals(options.valueColumn()) ? "value column" : "column";
                throw new IllegalArgumentException(file + " line " + line + ": " + what + " '" + col + "' not found; columns: "
                        + String.join(", ", header));
            }
            return i;
        }

        private int valueColumn(long line, String fallback, Set<String> notValues) {
            if (options.valueColumn() != null) {
                return require(options.valueColumn(), null, line);
            }
            int i = header.indexOf(fallback);
            if (i >= 0) {
                return i;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int j = 0; j < header.size(); j++) {
                if (j != timeIdx && !notValues.contains(header.get(j))) {
                    candidates.add(j);
                }
            }
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
            throw new IllegalArgumentException(file + " line " + line + ": value column 'value' not found and "
                    + (candidates.isEmpty() ? "no other column" : "several columns") + " could be the value; give --value-column; columns: "
                    + String.join(", ", header));
        }

        private double parseValue(String text, long line) {
            String v = text.trim();
            if (v.isEmpty()) {
                return Double.NaN;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ": value '" + text + "' in column '"
                        + header.get(valueIdx) + "' is not a number");
            }
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(file + " line " + line + ": value '" + text
                        + "' is NaN or infinite; leave the value empty to mark a gap");
            }
            return d;
        }

        private Map<String, String> parseTagSet(String text, long line) {
            try {
                return LineProtocolTags.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage());
            }
        }

        List<RawSeries> finish() {
            List<RawSeries> out = new ArrayList<>();
            for (Builder b : series.values()) {
                out.add(b.build());
            }
            return out;
        }
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }

    private static final class Builder {
        private final String name;
        private final Map<String, String> tags;
        private Instant[] times = new Instant[256];
        private double[] values = new double[256];
        private int n;

        Builder(String name, Map<String, String> tags) {
            this.name = name;
            this.tags = tags;
        }

        void add(Instant t, double v) {
            if (n == times.length) {
                times = java.util.Arrays.copyOf(times, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            times[n] = t;
            values[n] = v;
            n++;
        }

        RawSeries build() {
            return new RawSeries(name, tags, java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(values, n));
        }
    }
}
