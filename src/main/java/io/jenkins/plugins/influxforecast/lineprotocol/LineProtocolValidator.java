package io.jenkins.plugins.influxforecast.lineprotocol;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        public Summary {
            Map<String, Map<String, FieldType>> copy = new java.util.LinkedHashMap<>();
            if (fieldTypes != null) {
                fieldTypes.forEach((m, f) -> copy.put(m, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(f))));
            }
            fieldTypes = fieldTypes == null ? null : java.util.Collections.unmodifiableMap(copy);
        }
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


    /**
     * Where the batches of a valid file are, recorded while it is validated, so that the load
     * sends byte ranges of the file without scanning its lines again: per batch, the offset of its
     * first point's line and the line numbers of its first and last point. A batch's bytes run up
     * to the next batch's first line (the last batch's to the end of the file); blank and comment
     * lines inside that range are sent as they are (InfluxDB skips them as the validator did).
     */
    public static final class BatchPlan {
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

        public BatchPlan(int batchSize) {
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

        public int batches() {
            return count;
        }

        void clear() {
            count = 0;
            pointsInLast = 0;
            carriageReturns = false;
        }

        public long from(int batch) {
            return start[batch];
        }

        /** The end (exclusive) of a batch's bytes. */
        public long to(int batch) {
            return batch + 1 < count ? start[batch + 1] : size;
        }

        public long firstLine(int batch) {
            return firstLine[batch];
        }

        public long lastLine(int batch) {
            return lastLine[batch];
        }

        public int points(int batch) {
            return batch + 1 < count ? batchSize : (int) pointsInLast;
        }

        /** Some line ends with CR: the sender removes the CRs, as the validator ignored them. */
        public boolean carriageReturns() {
            return carriageReturns;
        }

        /** The size of the file when it was validated. */
        public long size() {
            return size;
        }

        /** The modification time of the file when it was validated. */
        public java.nio.file.attribute.FileTime modified() {
            return modified;
        }
    }

    public static Summary validate(Path file, Precision precision) {
        return validate(file, precision, null);
    }

    /** Files at least this large are validated in parts, one per processor (up to {@link #MAX_PARTS}). */
    static final long PARALLEL_MIN_BYTES = 8L << 20;
    static final int MAX_PARTS = 4;

    /** Validates, and fills in {@code plan} (when not null) with where the batches are. */
    public static Summary validate(Path file, Precision precision, BatchPlan plan) {
        return validate(file, precision, plan, Math.min(MAX_PARTS, Runtime.getRuntime().availableProcessors()),
                PARALLEL_MIN_BYTES);
    }

    /**
     * Validates in {@code parts} byte ranges at once when the file is at least {@code minBytes}
     * long; an invalid file is then validated again in one pass, so that its report (the first
     * errors, in file order, with their count) is exactly the one-pass report.
     */
    static Summary validate(Path file, Precision precision, BatchPlan plan, int parts, long minBytes) {
        try {
            if (plan != null) {
                plan.modified = Files.getLastModifiedTime(file);
            }
            if (parts > 1 && Files.size(file) >= minBytes) {
                Summary s = validateInParts(file, precision, plan, parts);
                if (s != null) {
                    return s;
                }
                if (plan != null) {
                    plan.clear();
                }
            }
            Range all = new Range(0, Long.MAX_VALUE, 0);
            try (InputStream in = Files.newInputStream(file)) {
                all.scan(in, precision, plan, false);
            }
            if (plan != null) {
                plan.size = all.bytes;
            }
            return all.summary(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The parts validated at once; null when a part is invalid or two parts disagree about a field's type. */
    private static Summary validateInParts(Path file, Precision precision, BatchPlan plan, int parts) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            List<Range> ranges = new ArrayList<>();
            long from = 0;
            for (int k = 1; k < parts && from < size; k++) {
                long to = lineStartAfter(ch, Math.max(from, size * k / parts), size);
                if (to > from && to < size) {
                    ranges.add(new Range(from, to, 0));
                    from = to;
                }
            }
            ranges.add(new Range(from, size, 0));
            if (ranges.size() == 1) {
                return null;
            }
            ExecutorService pool = Executors.newFixedThreadPool(ranges.size() - 1, r -> {
                Thread t = new Thread(r, "influx-validate");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int k = 1; k < ranges.size(); k++) {
                    Range range = ranges.get(k);
                    done.add(pool.submit(() -> {
                        range.scan(new RangeStream(ch, range.from, range.to), precision, null, true);
                        return null;
                    }));
                }
                Range first = ranges.get(0);
                first.scan(new RangeStream(ch, first.from, first.to), precision, plan, true);
                for (Future<?> f : done) {
                    f.get();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while validating", e);
            } finally {
                pool.shutdownNow();
            }
            // merge in file order: line numbers, counts, the first type of each field
            Range all = new Range(0, size, 0);
            for (Range r : ranges) {
                if (r.invalid > 0) {
                    return null;
                }
                if (!all.absorb(r)) {
                    return null;
                }
            }
            if (plan != null) {
                // where the batches of the later parts start: their lines again, without parsing them
                for (int k = 1; k < ranges.size(); k++) {
                    Range r = ranges.get(k);
                    LineReader lr = new LineReader(new RangeStream(ch, r.from, r.to));
                    while (lr.next()) {
                        if (lr.endsWithCr()) {
                            plan.carriageReturns = true;
                        }
                        if (!lr.skippable()) {
                            plan.point(r.from + lr.offset(), r.lineBase + lr.lineNumber);
                        }
                    }
                }
                plan.size = size;
            }
            return all.summary(file);
        }
    }

    /** The offset just after the first line break at or after {@code at}, or {@code size}. */
    private static long lineStartAfter(FileChannel ch, long at, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        long pos = at;
        while (pos < size) {
            b.clear();
            int n = ch.read(b, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    /** The bytes {@code [from, to)} of a file. */
    private static final class RangeStream extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long to;

        RangeStream(FileChannel ch, long from, long to) {
            this.ch = ch;
            this.pos = from;
            this.to = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= to) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - pos)), pos);
            if (n < 0) {
                return -1;
            }
            pos += n;
            return n;
        }
    }

    /** What the lines of a byte range hold: counts, the first errors, the field types, times. */
    private static final class Range {
        final long from;
        final long to;
        /** Lines before this range (set when ranges are merged). */
        long lineBase;
        long lines;
        long points;
        long invalid;
        long bytes;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        final List<String> errors = new ArrayList<>();
        final Map<String, Map<String, TypeSeen>> types = new HashMap<>();

        Range(long from, long to, long lineBase) {
            this.from = from;
            this.to = to;
            this.lineBase = lineBase;
        }

        /** Validates every line; with {@code stopAtError} the first invalid line ends the scan. */
        void scan(InputStream in, Precision precision, BatchPlan plan, boolean stopAtError) throws IOException {
            LineScanner sc = new LineScanner();
            Schema previous = new Schema();
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
                    sc.scan(r.buffer(), r.start, r.end, r.plainAscii);
                    if (!sc.hasTimestamp) {
                        throw new IllegalArgumentException("no timestamp: every point needs one, so that a re-run writes"
                                + " the same points instead of new ones");
                    }
                    if (!precision.inRange(sc.timestamp)) {
                        throw new IllegalArgumentException("timestamp " + sc.timestamp + " is out of range for precision "
                                + precision + ": InfluxDB takes " + Precision.MIN_NANOS + " to " + Precision.MAX_NANOS + " ns");
                    }
                    if (!previous.matches(sc)) {
                        checkKeys(sc);
                        checkTypes(sc, types, lines);
                        previous.remember(sc);
                    }
                    points++;
                    if (plan != null) {
                        plan.point(from + r.offset(), lines);
                    }
                    min = Math.min(min, sc.timestamp);
                    max = Math.max(max, sc.timestamp);
                } catch (IllegalArgumentException e) {
                    invalid++;
                    previous.clear();
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add("line " + lines + ": " + e.getMessage());
                    }
                    if (stopAtError) {
                        return;
                    }
                }
            }
            bytes = r.bytesRead();
        }

        /** Adds the next range (in file order); false when a field's type differs from an earlier range's. */
        boolean absorb(Range next) {
            next.lineBase = lines;
            for (Map.Entry<String, Map<String, TypeSeen>> m : next.types.entrySet()) {
                Map<String, TypeSeen> mine = types.computeIfAbsent(m.getKey(), k -> new HashMap<>());
                for (Map.Entry<String, TypeSeen> f : m.getValue().entrySet()) {
                    TypeSeen seen = mine.get(f.getKey());
                    if (seen == null) {
                        mine.put(f.getKey(), new TypeSeen(f.getValue().type, lines + f.getValue().line));
                    } else if (seen.type != f.getValue().type) {
                        return false;
                    }
                }
            }
            lines += next.lines;
            points += next.points;
            min = Math.min(min, next.min);
            max = Math.max(max, next.max);
            return true;
        }

        Summary summary(Path file) {
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
    }

    /**
     * The names of a line (checked once per measurement, tag set and field keys): each one as
     * {@code forecast} checks it ({@link LineProtocolNames}), InfluxDB's key size limit, duplicate
     * keys and tag/field key collisions.
     */
    private static void checkKeys(LineScanner sc) {
        LineProtocolNames.checkMeasurement(sc.measurement());
        for (int t = 0; t < sc.tagCount; t++) {
            String key = sc.text(sc.tagKeyStart[t], sc.tagKeyEnd[t], true);
            LineProtocolNames.checkTagKey(key);
            LineProtocolNames.checkTagValue(key, sc.text(sc.tagValueStart[t], sc.tagValueEnd[t], true));
            for (int u = 0; u < t; u++) {
                if (sc.sameRange(sc.tagKeyStart[t], sc.tagKeyEnd[t], sc.tagKeyStart[u], sc.tagKeyEnd[u])) {
                    throw new IllegalArgumentException("tag key '" + key + "' appears twice");
                }
            }
        }
        for (int f = 0; f < sc.fieldCount; f++) {
            String key = sc.fieldKey(f);
            LineProtocolNames.checkFieldKey(key);
            LineProtocolNames.checkKeySize(sc.keyEnd - sc.measStart, sc.fieldKeyEnd[f] - sc.fieldKeyStart[f], key);
            for (int t = 0; t < sc.tagCount; t++) {
                if (sc.sameRange(sc.fieldKeyStart[f], sc.fieldKeyEnd[f], sc.tagKeyStart[t], sc.tagKeyEnd[t])) {
                    throw new IllegalArgumentException("'" + key + "' is both a tag key and a field key");
                }
            }
            for (int g = 0; g < f; g++) {
                if (sc.sameRange(sc.fieldKeyStart[f], sc.fieldKeyEnd[f], sc.fieldKeyStart[g], sc.fieldKeyEnd[g])) {
                    throw new IllegalArgumentException("field key '" + key + "' appears twice");
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
     * The measurement and tags (raw bytes), field keys and types of the last valid line: a line
     * with the same ones (nearly every line of a forecast file) has the same keys, already checked,
     * and the same types, already recorded, so it needs neither again.
     */
    private static final class Schema {
        private byte[] key = new byte[0];
        private byte[][] keys = new byte[0][];
        private FieldType[] types = new FieldType[0];
        private boolean valid;

        boolean matches(LineScanner sc) {
            if (!valid || sc.fieldCount != keys.length
                    || !LineScanner.same(sc.b, sc.measStart, sc.keyEnd, key, 0, key.length)) {
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
            key = Arrays.copyOfRange(sc.b, sc.measStart, sc.keyEnd);
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
