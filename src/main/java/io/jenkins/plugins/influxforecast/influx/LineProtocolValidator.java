package io.jenkins.plugins.influxforecast.influx;

import io.jenkins.plugins.influxforecast.influx.LineProtocol.FieldType;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final byte[] TIME = {'t', 'i', 'm', 'e'};

    /**
     * Where the batches of a valid file are, recorded while it is validated, so that the load
     * sends byte ranges of the file without scanning its lines again: per batch, the offset of its
     * first point's line and the line numbers of its first and last point. A batch's bytes run up
     * to the next batch's first line (the last batch's to the end of the file); blank and comment
     * lines inside that range are sent as they are (InfluxDB skips them as the validator did).
     */
    static final class BatchPlan {
        final int batchSize;
        private long[] start = new long[64];
        private long[] firstLine = new long[64];
        private long[] lastLine = new long[64];
        private int count;
        private long pointsInLast;
        /** Some line ends with CR (CRLF breaks): the sender removes the CRs, as the validator ignored them. */
        boolean carriageReturns;
        long size;
        java.nio.file.attribute.FileTime modified;

        BatchPlan(int batchSize) {
            this.batchSize = batchSize;
        }

        void point(long offset, long line) {
            if (count == 0 || pointsInLast == batchSize) {
                if (count == start.length) {
                    start = Arrays.copyOf(start, count * 2);
                    firstLine = Arrays.copyOf(firstLine, count * 2);
                    lastLine = Arrays.copyOf(lastLine, count * 2);
                }
                start[count] = offset;
                firstLine[count++] = line;
                pointsInLast = 0;
            }
            pointsInLast++;
            lastLine[count - 1] = line;
        }

        int batches() {
            return count;
        }

        long from(int batch) {
            return start[batch];
        }

        /** The end (exclusive) of a batch's bytes. */
        long to(int batch) {
            return batch + 1 < count ? start[batch + 1] : size;
        }

        long firstLine(int batch) {
            return firstLine[batch];
        }

        long lastLine(int batch) {
            return lastLine[batch];
        }

        int points(int batch) {
            return batch + 1 < count ? batchSize : (int) pointsInLast;
        }
    }

    public static Summary validate(Path file, Precision precision) {
        return validate(file, precision, null);
    }

    /** Validates, and fills in {@code plan} (when not null) with where the batches are. */
    static Summary validate(Path file, Precision precision, BatchPlan plan) {
        Map<String, Map<String, TypeSeen>> types = new HashMap<>();
        List<String> errors = new ArrayList<>();
        long invalid = 0;
        long lines = 0;
        long points = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        LineScanner sc = new LineScanner();
        Schema previous = new Schema();
        try (InputStream in = Files.newInputStream(file)) {
            if (plan != null) {
                plan.modified = Files.getLastModifiedTime(file);
            }
            LineReader r = new LineReader(in);
            while (r.next()) {
                lines = r.lineNumber;
                if (plan != null && r.endsWithCr()) {
                    plan.carriageReturns = true;
                }
                if (r.skippable()) {
                    continue;
                }
                try {
                    sc.scan(r.buffer(), r.start, r.end);
                    if (!sc.hasTimestamp) {
                        throw new IllegalArgumentException("no timestamp: every point needs one, so that a re-run writes"
                                + " the same points instead of new ones");
                    }
                    if (!precision.inRange(sc.timestamp)) {
                        throw new IllegalArgumentException("timestamp " + sc.timestamp + " is out of range for precision "
                                + precision);
                    }
                    checkKeys(sc);
                    if (!previous.matches(sc)) {
                        checkTypes(sc, types, lines);
                        previous.remember(sc);
                    }
                    points++;
                    if (plan != null) {
                        plan.point(r.offset(), lines);
                    }
                    min = Math.min(min, sc.timestamp);
                    max = Math.max(max, sc.timestamp);
                } catch (IllegalArgumentException e) {
                    invalid++;
                    previous.clear();
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add("line " + lines + ": " + e.getMessage());
                    }
                }
            }
            if (plan != null) {
                plan.size = r.bytesRead();
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

    /** Duplicate keys, tag/field key collisions and the reserved key {@code time}, on raw bytes. */
    private static void checkKeys(LineScanner sc) {
        for (int t = 0; t < sc.tagCount; t++) {
            if (sc.rangeIs(sc.tagKeyStart[t], sc.tagKeyEnd[t], TIME)) {
                throw new IllegalArgumentException("'time' cannot be a tag key");
            }
            for (int u = 0; u < t; u++) {
                if (sc.sameRange(sc.tagKeyStart[t], sc.tagKeyEnd[t], sc.tagKeyStart[u], sc.tagKeyEnd[u])) {
                    throw new IllegalArgumentException("tag key '" + sc.text(sc.tagKeyStart[t], sc.tagKeyEnd[t], true)
                            + "' appears twice");
                }
            }
        }
        for (int f = 0; f < sc.fieldCount; f++) {
            if (sc.rangeIs(sc.fieldKeyStart[f], sc.fieldKeyEnd[f], TIME)) {
                throw new IllegalArgumentException("'time' cannot be a field key");
            }
            for (int t = 0; t < sc.tagCount; t++) {
                if (sc.sameRange(sc.fieldKeyStart[f], sc.fieldKeyEnd[f], sc.tagKeyStart[t], sc.tagKeyEnd[t])) {
                    throw new IllegalArgumentException("'" + sc.fieldKey(f) + "' is both a tag key and a field key");
                }
            }
            for (int g = 0; g < f; g++) {
                if (sc.sameRange(sc.fieldKeyStart[f], sc.fieldKeyEnd[f], sc.fieldKeyStart[g], sc.fieldKeyEnd[g])) {
                    throw new IllegalArgumentException("field key '" + sc.fieldKey(f) + "' appears twice");
                }
            }
        }
    }

    /** One type per field of a measurement across the file. */
    private static void checkTypes(LineScanner sc, Map<String, Map<String, TypeSeen>> types, long line) {
        String measurement = sc.measurement();
        Map<String, TypeSeen> m = types.computeIfAbsent(measurement, k -> new HashMap<>());
        for (int f = 0; f < sc.fieldCount; f++) {
            String key = sc.fieldKey(f);
            FieldType type = sc.fieldTypes[f];
            TypeSeen seen = m.get(key);
            if (seen == null) {
                m.put(key, new TypeSeen(type, line));
            } else if (seen.type != type) {
                throw new IllegalArgumentException("field '" + key + "' of measurement '" + measurement + "' is "
                        + type.lower() + " here but " + seen.type.lower() + " on line " + seen.line
                        + "; InfluxDB drops points whose field type differs (write floats as 12 or 12.5, never 12i)");
            }
        }
    }

    /**
     * The measurement, field keys and types of the last valid line: a line with the same ones
     * (nearly every line of a forecast file) needs no map look-up.
     */
    private static final class Schema {
        private byte[] measurement = new byte[0];
        private byte[][] keys = new byte[0][];
        private FieldType[] types = new FieldType[0];
        private boolean valid;

        boolean matches(LineScanner sc) {
            if (!valid || sc.fieldCount != keys.length
                    || !LineScanner.same(sc.b, sc.measStart, sc.measEnd, measurement, 0, measurement.length)) {
                return false;
            }
            for (int f = 0; f < keys.length; f++) {
                if (sc.fieldTypes[f] != types[f]
                        || !LineScanner.same(sc.b, sc.fieldKeyStart[f], sc.fieldKeyEnd[f], keys[f], 0, keys[f].length)) {
                    return false;
                }
            }
            return true;
        }

        void remember(LineScanner sc) {
            measurement = Arrays.copyOfRange(sc.b, sc.measStart, sc.measEnd);
            keys = new byte[sc.fieldCount][];
            types = Arrays.copyOf(sc.fieldTypes, sc.fieldCount);
            for (int f = 0; f < sc.fieldCount; f++) {
                keys[f] = Arrays.copyOfRange(sc.b, sc.fieldKeyStart[f], sc.fieldKeyEnd[f]);
            }
            valid = true;
        }

        void clear() {
            valid = false;
        }
    }

    private record TypeSeen(FieldType type, long line) {
    }
}
