package io.jenkins.plugins.influxforecast.influx;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolValidator;
import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a line-protocol file: validates every line first ({@link LineProtocolValidator}; nothing is
 * sent unless the whole file is valid), then writes it in batches with an explicit precision,
 * retrying network errors, 429 and 5xx with exponential backoff and jitter (honouring Retry-After),
 * never a 4xx. Points carry timestamps, so a re-run writes the same points again (InfluxDB keeps
 * one point per series and time): no duplicates.
 */
public final class LineProtocolLoader {

    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

    /**
     * @param batchSize points per request (1 to 100,000)
     * @param precision unit of the file's timestamps
     * @param retry     retry policy per batch
     * @param dryRun    validate and report, write nothing
     * @param concurrency batches in flight at once (1 to 8); batches are counted in order
     */
    public record Options(int batchSize, Precision precision, RetryPolicy retry, boolean dryRun, int concurrency) {
        public static final int DEFAULT_BATCH_SIZE = 5000;
        /**
         * Four: the server parses batches on all its cores while the next ones are on their way, and InfluxDB
         * commits concurrent writes to its WAL together (measured on 2 cores against two in flight: the load of 1M
         * points faster in 6 of 7 paired runs, with 0.4 s less server CPU in the median).
         */
        public static final int DEFAULT_CONCURRENCY = 4;

        /** With one batch in flight at a time. */
        public Options(int batchSize, Precision precision, RetryPolicy retry, boolean dryRun) {
            this(batchSize, precision, retry, dryRun, 1);
        }

        public Options {
            if (concurrency < 1 || concurrency > 8) {
                throw new IllegalArgumentException("concurrency must be between 1 and 8, got " + concurrency);
            }
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 100000, got " + batchSize);
            }
            precision = precision == null ? Precision.NS : precision;
            retry = retry == null ? RetryPolicy.DEFAULT : retry;
        }
    }

    /** What a load did. */
    public record Report(long points, long pointsWritten, int batches, long minTime, long maxTime, boolean dryRun,
            LineProtocolValidator.Summary validation) {
    }

    /** Told after each batch that InfluxDB accepted. */
    public interface Listener {
        void batchWritten(int batch, int batches, long pointsWritten);
    }

    private LineProtocolLoader() {
    }

    public static Report load(Path file, WriteTarget target, Options options, Consumer<String> log, Listener listener) {
        LineProtocolValidator.BatchPlan plan = new LineProtocolValidator.BatchPlan(options.batchSize());
        LineProtocolValidator.Summary summary = LineProtocolValidator.validate(file, options.precision(), plan);
        if (!target.acceptsUnsigned()) {
            summary.fieldTypes().forEach((measurement, fields) -> fields.forEach((field, type) -> {
                if (type == io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.FieldType.UNSIGNED) {
                    throw new IllegalArgumentException(file + ": field '" + field + "' of measurement '" + measurement
                            + "' holds unsigned integers (1u), which " + target.describe() + " refuses (InfluxDB 1.x has"
                            + " no unsigned type); nothing was written; write them as integers (1i) or floats");
                }
            }));
        }
        long points = summary.points();
        int batches = plan.batches();
        if (options.dryRun()) {
            log.accept("dry run: " + file.getFileName() + " is valid: " + points + " point(s) in " + batches
                    + " batch(es) of up to " + options.batchSize() + "; nothing written to " + target.describe());
            return new Report(points, 0, batches, summary.minTime(), summary.maxTime(), true, summary);
        }
        // up to `concurrency` batches in flight and one more ready in the sender's queue, so that a sender goes on to
        // the next batch as soon as the server answered; the batch after that is read and compressed meanwhile
        ExecutorService sender = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "influx-load-sender");
            t.setDaemon(true);
            return t;
        });
        long[] written = {0};
        AtomicBoolean failed = new AtomicBoolean();
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        ArrayDeque<byte[]> free = new ArrayDeque<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            // what is sent is what was validated: the same bytes, or nothing
            if (in.size() != plan.size() || !Files.getLastModifiedTime(file).equals(plan.modified())) {
                throw new IllegalArgumentException(file + " changed while it was being validated; nothing was written;"
                        + " run the load again once the file is complete");
            }
            for (int batch = 0; batch < batches; batch++) {
                long from = plan.from(batch);
                long to = plan.to(batch);
                if (to - from > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("batch " + (batch + 1) + " of " + file + " is over 2 GB; use a smaller"
                            + " batchSize");
                }
                int n = (int) (to - from);
                byte[] buf = free.isEmpty() ? new byte[Math.max(n + 1, 1 << 16)] : free.poll();
                if (buf.length < n + 1) {
                    buf = new byte[n + n / 4 + 1];
                }
                readFully(in, buf, n, from, file);
                int len = plan.carriageReturns() ? withoutCr(buf, n) : n;
                if (len == 0 || buf[len - 1] != '\n') {
                    buf[len++] = '\n';
                }
                final int number = batch + 1;
                final int batchPoints = plan.points(batch);
                final String which = "batch " + number + " of " + batches + " (lines " + plan.firstLine(batch) + "-"
                        + plan.lastLine(batch) + ", " + batchPoints + " points)";
                final byte[] raw = buf;
                final int rawLength = len;
                final WriteTarget.Body body = target.prepare(buf, len);
                while (inFlight.size() > options.concurrency()) {
                    complete(inFlight, free, written, batches, points, target, listener);
                }
                Future<?> f = sender.submit(() -> {
                    if (failed.get()) {
                        throw new NotSent(); // an earlier batch failed: the load stops there
                    }
                    try {
                        send(target, options, log, body, batchPoints, which, new Batch(raw, rawLength, plan.firstLine(number - 1)));
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                });
                inFlight.add(new InFlight(f, buf, batchPoints, number));
            }
            while (!inFlight.isEmpty()) {
                complete(inFlight, free, written, batches, points, target, listener);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            sender.shutdownNow();
        }
        return new Report(points, written[0], batches, summary.minTime(), summary.maxTime(), false, summary);
    }

    private static void readFully(FileChannel in, byte[] buf, int n, long from, Path file) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
            if (in.read(bb, from + bb.position()) < 0) {
                throw new IOException(file + " became shorter while it was being loaded");
            }
        }
    }

    /** Removes the CR of each CRLF (and a CR at the end) in {@code buf[0, n)}; returns the new length. */
    static int withoutCr(byte[] buf, int n) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            byte c = buf[i];
            if (c == '\r' && (i + 1 == n || buf[i + 1] == '\n')) {
                continue;
            }
            buf[w++] = c;
        }
        return w;
    }

    private record InFlight(Future<?> future, byte[] buffer, int points, int number) {
    }

    /** A batch left unsent because an earlier one failed. */
    private static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSent() {
            super("not sent", null, false, false);
        }
    }

    /** The bytes of a batch as read from the file, and the line number of its first line. */
    private record Batch(byte[] lines, int length, long firstLine) {
    }

    /**
     * A batch that failed: why, and how many of its points InfluxDB kept: {@code accepted} points
     * for sure, or none and {@code unknown} true when the server's answer does not tell (no answer,
     * a 5xx, a partial write without a count). {@code droppedLines}: the file's line numbers of
     * the points InfluxDB named as dropped.
     */
    private static final class BatchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient InfluxException cause;
        final String which;
        final String detail;
        final long accepted;
        final long dropped;
        final boolean unknown;
        final transient List<Long> droppedLines;

        BatchFailed(InfluxException cause, String which, String detail, long accepted, long dropped, boolean unknown,
                List<Long> droppedLines) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
            this.which = which;
            this.detail = detail;
            this.accepted = accepted;
            this.dropped = dropped;
            this.unknown = unknown;
            this.droppedLines = droppedLines;
        }
    }

    /**
     * Waits for the oldest batch in flight. Batches complete in order for the count; when one
     * failed, the others in flight are waited for too, so the count of written points is exact,
     * and the points whose fate the server did not tell are counted apart, never as written.
     */
    private static void complete(ArrayDeque<InFlight> inFlight, ArrayDeque<byte[]> free, long[] written, int batches,
            long totalPoints, WriteTarget target, Listener listener) {
        InFlight oldest = inFlight.poll();
        try {
            await(oldest.future());
        } catch (BatchFailed failed) {
            long later = 0;
            long unknown = failed.unknown ? oldest.points() : 0;
            List<Integer> unknownBatches = new ArrayList<>();
            if (failed.unknown) {
                unknownBatches.add(oldest.number());
            }
            for (InFlight other : inFlight) {
                try {
                    await(other.future());
                    later += other.points();
                } catch (BatchFailed f) {
                    later += f.accepted;
                    if (f.unknown) {
                        unknown += other.points();
                        unknownBatches.add(other.number());
                    }
                } catch (RuntimeException notSent) {
                    // an earlier batch failed: this one was not sent
                }
            }
            long total = written[0] + failed.accepted + later;
            String fate = unknown == 0 ? ""
                    : "; for " + unknown + " point(s) (batch" + (unknownBatches.size() == 1 ? " " : "es ")
                            + unknownBatches.stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + ") InfluxDB's answer does not tell whether it kept them: unknown";
            throw new LoadFailedException("load to " + target.describe() + " failed at " + failed.which + ": " + failed.detail
                    + "; " + total + " of " + totalPoints + " points were written for sure" + fate
                    + " (re-running the load rewrites them without duplicates): " + failed.cause.getMessage(),
                    failed.cause.status(), totalPoints, total, oldest.number(), batches, failed.dropped, failed.cause)
                    .withUnknown(unknown, failed.droppedLines);
        }
        written[0] += oldest.points();
        free.add(oldest.buffer());
        listener.batchWritten(oldest.number(), batches, written[0]);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new InfluxException("load interrupted", 0, e);
        }
    }

    private static void send(WriteTarget target, Options options, Consumer<String> log, WriteTarget.Body body, int points,
            String which, Batch batch) {
        RetryPolicy retry = options.retry();
        long deadline = System.nanoTime() + target.timeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            InfluxException failure;
            try {
                target.send(body, points, options.precision(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                return;
            } catch (InfluxException e) {
                failure = e;
            }
            String message = failure.getMessage();
            // only a refusal can be a partial write (1.x and 3.x: 400, 2.x: 422): the same words in a 2xx, a 3xx
            // or a 5xx (a proxy's page, an echo) say nothing about what InfluxDB kept
            if ((failure.status() == 400 || failure.status() == 422)
                    && (message.contains("partial write") || message.contains("unable to parse"))) {
                throw partialWrite(failure, which, points, batch);
            }
            if (failure.status() == 422) {
                // InfluxDB 2.x: "some or all of the data has been rejected", without saying how much
                throw new BatchFailed(failure, which, "InfluxDB rejected some or all of its " + points + " points and did"
                        + " not say how many: unknown", 0, 0, true, List.of());
            }
            String stop = null;
            Duration wait = null;
            if (!RetryPolicy.retryable(failure.status())) {
                stop = "not retried";
            } else if (attempt >= retry.maxAttempts()) {
                stop = "failed after " + attempt + " attempts";
            } else {
                wait = retry.backoff(attempt, failure.retryAfter());
                if (deadline - System.nanoTime() <= wait.plusMillis(100).toNanos()) {
                    stop = "failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ", with no time left for"
                            + " another within the timeout of " + Durations.format(target.timeout());
                }
            }
            if (stop != null) {
                // a 4xx refuses the whole batch; without an answer, or with a 5xx, nobody knows what was stored
                boolean unknown = !failure.notSent() && (failure.status() == 0 || failure.status() >= 500);
                throw new BatchFailed(failure, which, stop, 0, 0, unknown, List.of());
            }
            log.accept("WARNING: " + which + ": " + message + "; retrying in " + Durations.format(wait)
                    + " (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
            RetryPolicy.sleep(wait);
        }
    }

    private static final Pattern UNPARSED = Pattern.compile("unable to parse '(.*?)': ");

    /**
     * A partial write: InfluxDB 1.x answers 400 "partial write: reason dropped=N" when it kept the
     * other points of the batch, and names each line it could not parse ("unable to parse 'line':
     * why", those not counted in N). The batch then wrote its size minus N minus the unparsed
     * lines; without a count the number is unknown, never "all".
     */
    private static BatchFailed partialWrite(InfluxException failure, String which, int points, Batch batch) {
        String message = failure.getMessage();
        long dropped = dropped(message);
        List<Long> lines = new ArrayList<>();
        Matcher m = UNPARSED.matcher(message);
        long unparsed = 0;
        while (m.find()) {
            unparsed++;
            long line = lineOf(batch, m.group(1));
            if (line > 0) {
                lines.add(line);
            }
        }
        if (dropped < 0 || dropped + unparsed > points) {
            return new BatchFailed(failure, which, "InfluxDB kept only part of its " + points + " points and did not say how"
                    + " many: unknown", 0, 0, true, lines);
        }
        long lost = dropped + unparsed;
        return new BatchFailed(failure, which, "InfluxDB dropped " + lost + " of its " + points + " points"
                + (lines.isEmpty() ? "" : " (line" + (lines.size() == 1 ? " " : "s ")
                        + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"),
                points - lost, lost, false, lines);
    }

    /** The file's line number of the batch line with this text, or -1. */
    private static long lineOf(Batch batch, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long line = batch.firstLine();
        int start = 0;
        for (int i = 0; i <= batch.length(); i++) {
            if (i == batch.length() || batch.lines()[i] == '\n') {
                if (i - start == t.length && java.util.Arrays.equals(batch.lines(), start, i, t, 0, t.length)) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return -1;
    }

    /**
     * N of the last "dropped=N" in a partial-write message (InfluxDB puts it at the end, after the
     * reason, which may quote a name or a line holding the same words), or -1 when there is none or
     * N is beyond any batch.
     */
    static long dropped(String message) {
        Matcher m = DROPPED.matcher(message == null ? "" : message);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null || last.length() > 12) {
            return -1;
        }
        return Long.parseLong(last);
    }
}
