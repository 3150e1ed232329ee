package io.jenkins.plugins.influxforecast.influx;

import io.jenkins.plugins.influxforecast.files.ExitCleanup;
import io.jenkins.plugins.influxforecast.files.OutputFolder;
import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes query results as the InfluxDB 1.x CSV layout the {@code forecast} command reads:
 * {@code name,tags,time,value}, time in epoch nanoseconds ascending within each series, tags in
 * line-protocol form ({@code k=v,k2=v2}, keys sorted, {@code , = space} escaped with a backslash),
 * fields quoted per RFC 4180 when needed, an empty value for a gap.
 *
 * <p>Streaming with bounded memory: an ascending series goes straight to the file; a descending one
 * ({@code ORDER BY time DESC}) is spilled to a temporary file of 16-byte records and read back
 * backwards. Empty values before a series' first value and after its last one are dropped (and
 * counted: GROUP BY time without a time range runs up to now() and reports one empty window per
 * step); empty values in between stay as gaps. The output appears atomically on {@link #commit()}.
 */
public final class ExtractCsvWriter implements PointSink, AutoCloseable {

    public static final String HEADER = "name,tags,time,value";

    private final Path output;
    private final Path temp;
    private OutputStream out;
    private final List<String> warnings = new ArrayList<>();
    /** The output buffer: lines are formatted straight into it and written out when it is full. */
    private byte[] line = new byte[1 << 16];
    private int lineLength;

    private int seriesCount;
    private long pointCount;
    private long gapCount;

    // the current series
    private String label;
    private String prefix; // "name,tags,"
    private byte[] prefixBytes;
    private int state; // 0 none, 1 one point held, 2 ascending, 3 descending (spilling)
    // the first points of a series, all at one time, until a later time tells the order
    private long heldTime;
    private double[] heldValues = new double[4];
    private int heldCount;
    private long lastTime;
    private volatile Path spillFile;
    private final ExitCleanup cleanup;
    private DataOutputStream spill;
    private long spillCount;
    // trimming of empty values
    private boolean seenValue;
    private long leadingEmpty;
    private long[] pending = new long[16];
    private int pendingCount;
    private long seriesPoints;

    public ExtractCsvWriter(Path output) {
        this.output = output.toAbsolutePath();
        try {
            Path dir = this.output.getParent();
            Files.createDirectories(dir);
            this.temp = Files.createTempFile(dir, "." + this.output.getFileName() + ".", ".tmp");
            this.cleanup = ExitCleanup.deleting(() -> java.util.Arrays.asList(temp, spillFile));
            this.out = Files.newOutputStream(temp);
            out.write((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void beginSeries(String name, Map<String, String> tags) {
        if (prefix != null) {
            endSeries();
        }
        Map<String, String> sorted = new TreeMap<>(tags);
        String tagText = LineProtocol.tagSet(sorted);
        label = sorted.isEmpty() ? name : name + "," + tagText;
        prefix = csvField(name) + "," + csvField(tagText) + ",";
        prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        state = 0;
        seenValue = false;
        leadingEmpty = 0;
        pendingCount = 0;
        seriesPoints = 0;
        spillCount = 0;
    }

    @Override
    public void point(long t, double v) {
        switch (state) {
            case 0 -> {
                heldTime = t;
                heldValues[0] = v;
                heldCount = 1;
                state = 1;
            }
            case 1 -> {
                if (t == heldTime) {
                    // duplicates (several series merged without GROUP BY): the order is still open
                    if (heldCount == heldValues.length) {
                        heldValues = Arrays.copyOf(heldValues, heldCount * 2);
                    }
                    heldValues[heldCount++] = v;
                } else if (t > heldTime) {
                    state = 2;
                    for (int i = 0; i < heldCount; i++) {
                        emit(heldTime, heldValues[i]);
                    }
                    emit(t, v);
                } else {
                    state = 3;
                    for (int i = 0; i < heldCount; i++) {
                        spill(heldTime, heldValues[i]);
                    }
                    spill(t, v);
                }
            }
            case 2 -> {
                if (t < lastTime) {
                    throw outOfOrder(t);
                }
                emit(t, v);
            }
            default -> {
                if (t > lastTime) {
                    throw outOfOrder(t);
                }
                spill(t, v);
            }
        }
        lastTime = t;
    }

    /** A query that returns its points out of order: the query's mistake, named for the user to fix. */
    private IllegalArgumentException outOfOrder(long t) {
        return new IllegalArgumentException("the points of series " + label + " are not in time order (" + t + " after "
                + lastTime + "); sort them in the query (ORDER BY time, or |> sort(columns: [\"_time\"]) in Flux)");
    }

    @Override
    public void endSeries() {
        if (prefix == null) {
            return;
        }
        try {
            if (state == 1) {
                for (int i = 0; i < heldCount; i++) {
                    emit(heldTime, heldValues[i]);
                }
            } else if (state == 3) {
                replaySpillBackwards();
            }
        } finally {
            deleteSpill();
        }
        long trailing = pendingCount;
        pendingCount = 0;
        if (seriesPoints == 0) {
            if (state != 0 || leadingEmpty > 0) {
                warnings.add("series " + label + " has only empty values (" + leadingEmpty + "); left out");
            }
        } else {
            seriesCount++;
            if (leadingEmpty + trailing > 0) {
                warnings.add("series " + label + ": dropped " + leadingEmpty + " empty value(s) before its first value and "
                        + trailing + " after its last (GROUP BY time without a time range runs up to now())");
            }
        }
        prefix = null;
    }

    private void emit(long t, double v) {
        if (Double.isNaN(v)) {
            if (!seenValue) {
                leadingEmpty++;
            } else {
                if (pendingCount == pending.length) {
                    pending = Arrays.copyOf(pending, pending.length * 2);
                }
                pending[pendingCount++] = t;
            }
            return;
        }
        try {
            if (pendingCount > 0) {
                for (int i = 0; i < pendingCount; i++) {
                    startLine(pending[i]);
                    line[lineLength++] = '\n';
                }
                gapCount += pendingCount;
                pendingCount = 0;
            }
            startLine(t);
            appendNumber(v);
            line[lineLength++] = '\n';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        seenValue = true;
        seriesPoints++;
        pointCount++;
    }

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final long[] LPOW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** Room for a line: its prefix, a time, a value (at most 25 characters each) and separators. */
    private void room(int prefixLength) throws IOException {
        int need = prefixLength + 64;
        if (line.length - lineLength < need) {
            flushLines();
            if (line.length < need) {
                line = new byte[need];
            }
        }
    }

    private void flushLines() throws IOException {
        out.write(line, 0, lineLength);
        lineLength = 0;
    }

    /** "prefix" + time + ",". */
    private void startLine(long t) throws IOException {
        room(prefixBytes.length);
        System.arraycopy(prefixBytes, 0, line, lineLength, prefixBytes.length);
        lineLength += prefixBytes.length;
        appendLong(t);
        line[lineLength++] = ',';
    }

    /** "00" to "99". */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private void appendLong(long v) {
        if (v == Long.MIN_VALUE) {
            appendAscii(Long.toString(v));
            return;
        }
        if (v < 0) {
            line[lineLength++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int i = lineLength + digits;
        lineLength = i;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            v = q;
            line[--i] = PAIRS[2 * r + 1];
            line[--i] = PAIRS[2 * r];
        }
        if (v >= 10) {
            line[--i] = PAIRS[2 * (int) v + 1];
            line[--i] = PAIRS[2 * (int) v];
        } else {
            line[--i] = (byte) ('0' + v);
        }
    }

    private void appendAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            line[lineLength++] = (byte) s.charAt(i);
        }
    }

    /**
     * A number as InfluxDB's CSV prints it: whole numbers without a decimal point, others with the
     * fewest decimals that read back as the same double (checked, so the fast path is exact), else
     * Java's round-trip form.
     */
    private void appendNumber(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            appendLong((long) v);
            return;
        }
        if (a < 1e7 && a >= 1e-4) {
            for (int k = 1; k < POW10.length; k++) {
                double r = Math.rint(a * POW10[k]);
                if (r / POW10[k] == a) {
                    long digits = (long) r;
                    if (v < 0) {
                        line[lineLength++] = '-';
                    }
                    appendLong(digits / LPOW10[k]);
                    line[lineLength++] = '.';
                    long frac = digits % LPOW10[k];
                    for (long p = LPOW10[k] / 10; p > 0; p /= 10) {
                        line[lineLength++] = (byte) ('0' + (frac / p) % 10);
                    }
                    return;
                }
            }
        }
        appendAscii(Double.toString(v));
    }

    /** The text {@link #appendNumber} writes, for tests. */
    String format(double v) {
        int start = lineLength;
        appendNumber(v);
        String text = new String(line, start, lineLength - start, StandardCharsets.US_ASCII);
        lineLength = start;
        return text;
    }

    private void spill(long t, double v) {
        try {
            if (spill == null) {
                spillFile = Files.createTempFile(output.getParent(), ".extract-spill.", ".bin");
                spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
            }
            spill.writeLong(t);
            spill.writeDouble(v);
            spillCount++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file next to " + output + ": " + e.getMessage(), e);
        }
    }

    private void replaySpillBackwards() {
        try {
            spill.close();
            spill = null;
            final int recordsPerBlock = 8192;
            ByteBuffer buf = ByteBuffer.allocate(recordsPerBlock * 16);
            try (FileChannel ch = FileChannel.open(spillFile, StandardOpenOption.READ)) {
                long remaining = spillCount;
                while (remaining > 0) {
                    int n = (int) Math.min(recordsPerBlock, remaining);
                    long pos = (remaining - n) * 16;
                    buf.clear().limit(n * 16);
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, pos + buf.position()) < 0) {
                            throw new IOException("temporary file ended early");
                        }
                    }
                    for (int i = n - 1; i >= 0; i--) {
                        emit(buf.getLong(i * 16), buf.getDouble(i * 16 + 8));
                    }
                    remaining -= n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a temporary file next to " + output + ": " + e.getMessage(), e);
        }
    }

    private void deleteSpill() {
        try {
            if (spill != null) {
                spill.close();
                spill = null;
            }
            if (spillFile != null) {
                Files.deleteIfExists(spillFile);
                spillFile = null;
            }
        } catch (IOException e) {
            warnings.add("could not delete a temporary file: " + e.getMessage());
        }
    }

    /** RFC 4180: quoted (with doubled quotes) when the text holds a comma, quote or line break. */
    static String csvField(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }

    /** Forgets everything written so far (the answer is read again from its start): the header only, no series. */
    @Override
    public void discardAll() {
        deleteSpill();
        try {
            out.close();
            out = Files.newOutputStream(temp);
            out.write((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        lineLength = 0;
        prefix = null;
        label = null;
        state = 0;
        seriesCount = 0;
        pointCount = 0;
        gapCount = 0;
        warnings.clear();
        pendingCount = 0;
    }

    /** Finishes the file and moves it into place. */
    public void commit() {
        endSeries();
        try {
            flushLines();
            out.close();
            OutputFolder.moveAtomically(temp, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /** Discards the output unless committed. */
    @Override
    public void close() {
        cleanup.close();
        deleteSpill();
        try {
            out.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more to do: a temporary file may stay behind
        }
    }

    public int seriesCount() {
        return seriesCount;
    }

    public long pointCount() {
        return pointCount;
    }

    /** Empty values kept as gaps (between a series' first and last value). */
    public long gapCount() {
        return gapCount;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
