package io.jenkins.plugins.influxforecast.influx;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        public static final int DEFAULT_CONCURRENCY = 1;

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
        LineProtocolValidator.Summary summary = LineProtocolValidator.validate(file, options.precision());
        long points = summary.points();
        int batches = (int) ((points + options.batchSize() - 1) / options.batchSize());
        if (options.dryRun()) {
            log.accept("dry run: " + file.getFileName() + " is valid: " + points + " point(s) in " + batches
                    + " batch(es) of up to " + options.batchSize() + "; nothing written to " + target.describe());
            return new Report(points, 0, batches, summary.minTime(), summary.maxTime(), true, summary);
        }
        // up to `concurrency` batches in flight while the next is read: the server's work overlaps ours
        ExecutorService sender = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "influx-load-sender");
            t.setDaemon(true);
            return t;
        });
        long[] written = {0};
        int batch = 0;
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        ArrayDeque<byte[]> free = new ArrayDeque<>();
        byte[] buf = new byte[1 << 20];
        int len = 0;
        int inBatch = 0;
        long firstLine = 0;
        try (InputStream in = Files.newInputStream(file)) {
            LineReader r = new LineReader(in);
            boolean more = true;
            while (more) {
                more = r.next();
                if (more) {
                    if (r.skippable()) {
                        continue;
                    }
                    if (inBatch == 0) {
                        firstLine = r.lineNumber;
                    }
                    int end = r.end > r.start && r.buffer()[r.end - 1] == '\r' ? r.end - 1 : r.end;
                    int n = end - r.start;
                    if (len + n + 1 > buf.length) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 1));
                    }
                    System.arraycopy(r.buffer(), r.start, buf, len, n);
                    len += n;
                    buf[len++] = '\n';
                    inBatch++;
                }
                if (inBatch > 0 && (inBatch == options.batchSize() || !more)) {
                    while (inFlight.size() >= options.concurrency()) {
                        complete(inFlight, free, written, batches, points, target, listener);
                    }
                    batch++;
                    final byte[] body = buf;
                    final int bodyLength = len;
                    final int batchPoints = inBatch;
                    final String which = "batch " + batch + " of " + batches + " (lines " + firstLine + "-" + r.lineNumber
                            + ", " + inBatch + " points)";
                    Future<?> f = sender.submit(() -> send(target, options, log, body, bodyLength, batchPoints, which));
                    inFlight.add(new InFlight(f, body, batchPoints, batch));
                    buf = free.isEmpty() ? new byte[body.length] : free.poll();
                    len = 0;
                    inBatch = 0;
                }
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

    private record InFlight(Future<?> future, byte[] buffer, int points, int number) {
    }

    /** A batch that failed: why, and how many of its points InfluxDB kept (partial write). */
    private static final class BatchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient InfluxException cause;
        final String which;
        final String detail;
        final long accepted;
        final long dropped;

        BatchFailed(InfluxException cause, String which, String detail, long accepted, long dropped) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
            this.which = which;
            this.detail = detail;
            this.accepted = accepted;
            this.dropped = dropped;
        }
    }

    /**
     * Waits for the oldest batch in flight. Batches complete in order for the count; when one
     * failed, the others in flight are waited for too, so the count of written points is exact.
     */
    private static void complete(ArrayDeque<InFlight> inFlight, ArrayDeque<byte[]> free, long[] written, int batches,
            long totalPoints, WriteTarget target, Listener listener) {
        InFlight oldest = inFlight.poll();
        try {
            await(oldest.future());
        } catch (BatchFailed failed) {
            long later = 0;
            for (InFlight other : inFlight) {
                try {
                    await(other.future());
                    later += other.points();
                } catch (RuntimeException ignored) {
                    // counted as not written
                }
            }
            long total = written[0] + failed.accepted + later;
            throw new LoadFailedException("load to " + target.describe() + " failed at " + failed.which + ": " + failed.detail
                    + "; " + total + " of " + totalPoints + " points were written (re-running the load rewrites them without"
                    + " duplicates): " + failed.cause.getMessage(), failed.cause.status(), totalPoints, total, oldest.number(), batches,
                    failed.dropped, failed.cause);
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

    private static void send(WriteTarget target, Options options, Consumer<String> log, byte[] buf, int len, int points,
            String which) {
        RetryPolicy retry = options.retry();
        for (int attempt = 1; ; attempt++) {
            InfluxException failure;
            try {
                target.write(buf, len, points, options.precision());
                return;
            } catch (InfluxException e) {
                failure = e;
            }
            long dropped = dropped(failure.getMessage());
            boolean partial = failure.getMessage().contains("partial write");
            if (partial || !RetryPolicy.retryable(failure.status()) || attempt >= retry.maxAttempts()) {
                if (partial) {
                    long accepted = dropped >= 0 ? Math.max(0, points - dropped) : 0;
                    throw new BatchFailed(failure, which, "InfluxDB dropped " + (dropped >= 0 ? dropped : "some") + " of its "
                            + points + " points", accepted, Math.max(dropped, 0));
                }
                throw new BatchFailed(failure, which, attempt > 1 ? "failed after " + attempt + " attempts" : "not retried", 0, 0);
            }
            Duration wait = retry.backoff(attempt, failure.retryAfter());
            log.accept("WARNING: " + which + ": " + failure.getMessage() + "; retrying in " + Durations.format(wait)
                    + " (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
            RetryPolicy.sleep(wait);
        }
    }

    /** N of "dropped=N" in a partial-write message, or -1. */
    static long dropped(String message) {
        Matcher m = DROPPED.matcher(message == null ? "" : message);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
