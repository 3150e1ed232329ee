package io.jenkins.plugins.influxforecast.influx;

import io.jenkins.plugins.influxforecast.influx.LineProtocol.FieldType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every line of a line-protocol file before anything is sent: syntax, no NaN or infinity,
 * no tag key used twice or also as a field key, no field key twice, no {@code time} key, a
 * timestamp on every point (so a re-run rewrites the same points) within range for the precision,
 * and one type per field of a measurement across the file (an integer/float clash makes InfluxDB
 * drop points).
 */
public final class LineProtocolValidator {

    /** How many error lines a report lists (the count is always exact). */
    static final int MAX_LISTED_ERRORS = 10;

    /** What a valid file holds. */
    public record Summary(long lines, long points, long minTime, long maxTime, Map<String, Map<String, FieldType>> fieldTypes) {
    }

    /** The file has invalid lines: the message lists the first ones and the count. */
    public static final class InvalidFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final long invalidLines;

        InvalidFileException(String message, long invalidLines) {
            super(message);
            this.invalidLines = invalidLines;
        }

        public long invalidLines() {
            return invalidLines;
        }
    }

    private LineProtocolValidator() {
    }

    public static Summary validate(Path file, Precision precision) {
        Map<String, Map<String, TypeSeen>> types = new HashMap<>();
        List<String> errors = new ArrayList<>();
        long invalid = 0;
        long lines = 0;
        long points = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        LineChecker checker = new LineChecker();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines++;
                if (LineProtocol.isSkippable(line)) {
                    continue;
                }
                try {
                    checker.reset();
                    if (!LineProtocol.parse(line, checker)) {
                        throw new IllegalArgumentException("no timestamp: every point needs one, so that a re-run writes"
                                + " the same points instead of new ones");
                    }
                    if (!precision.inRange(checker.timestamp)) {
                        throw new IllegalArgumentException("timestamp " + checker.timestamp + " is out of range for precision "
                                + precision);
                    }
                    Map<String, TypeSeen> m = types.computeIfAbsent(checker.measurement, k -> new HashMap<>());
                    for (int i = 0; i < checker.fieldCount; i++) {
                        String key = checker.fieldKeys[i];
                        FieldType type = checker.fieldTypes[i];
                        TypeSeen seen = m.get(key);
                        if (seen == null) {
                            m.put(key, new TypeSeen(type, lines));
                        } else if (seen.type != type) {
                            throw new IllegalArgumentException("field '" + key + "' of measurement '" + checker.measurement
                                    + "' is " + type.lower() + " here but " + seen.type.lower() + " on line " + seen.line
                                    + "; InfluxDB drops points whose field type differs (write floats as 12 or 12.5, never 12i)");
                        }
                    }
                    points++;
                    min = Math.min(min, checker.timestamp);
                    max = Math.max(max, checker.timestamp);
                } catch (IllegalArgumentException e) {
                    invalid++;
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add("line " + lines + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (invalid > 0) {
            throw new InvalidFileException(file + ": " + invalid + " invalid line(s), nothing was written: "
                    + String.join("; ", errors) + (invalid > errors.size() ? "; ..." : ""), invalid);
        }
        Map<String, Map<String, FieldType>> out = new LinkedHashMap<>();
        types.forEach((m, fields) -> {
            Map<String, FieldType> f = new LinkedHashMap<>();
            fields.forEach((k, v) -> f.put(k, v.type));
            out.put(m, f);
        });
        return new Summary(lines, points, points == 0 ? 0 : min, points == 0 ? 0 : max, out);
    }

    private record TypeSeen(FieldType type, long line) {
    }

    /** Per-line checks: duplicate keys, tag/field key collisions, the reserved key {@code time}. */
    private static final class LineChecker implements LineProtocol.Handler {
        String measurement;
        String[] tagKeys = new String[8];
        int tagCount;
        String[] fieldKeys = new String[8];
        FieldType[] fieldTypes = new FieldType[8];
        int fieldCount;
        long timestamp;

        void reset() {
            tagCount = 0;
            fieldCount = 0;
        }

        @Override
        public void measurement(String m) {
            measurement = m;
        }

        @Override
        public void tag(String key, String value) {
            if (key.equals("time")) {
                throw new IllegalArgumentException("'time' cannot be a tag key");
            }
            for (int i = 0; i < tagCount; i++) {
                if (tagKeys[i].equals(key)) {
                    throw new IllegalArgumentException("tag key '" + key + "' appears twice");
                }
            }
            if (tagCount == tagKeys.length) {
                tagKeys = java.util.Arrays.copyOf(tagKeys, tagCount * 2);
            }
            tagKeys[tagCount++] = key;
        }

        @Override
        public void field(String key, FieldType type) {
            if (key.equals("time")) {
                throw new IllegalArgumentException("'time' cannot be a field key");
            }
            for (int i = 0; i < tagCount; i++) {
                if (tagKeys[i].equals(key)) {
                    throw new IllegalArgumentException("'" + key + "' is both a tag key and a field key");
                }
            }
            for (int i = 0; i < fieldCount; i++) {
                if (fieldKeys[i].equals(key)) {
                    throw new IllegalArgumentException("field key '" + key + "' appears twice");
                }
            }
            if (fieldCount == fieldKeys.length) {
                fieldKeys = java.util.Arrays.copyOf(fieldKeys, fieldCount * 2);
                fieldTypes = java.util.Arrays.copyOf(fieldTypes, fieldCount * 2);
            }
            fieldKeys[fieldCount] = key;
            fieldTypes[fieldCount++] = type;
        }

        @Override
        public void timestamp(long t) {
            timestamp = t;
        }
    }
}
