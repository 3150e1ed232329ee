package io.jenkins.plugins.influxforecast.influx;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
     */
    public record Options(int batchSize, Precision precision, RetryPolicy retry, boolean dryRun) {
        public static final int DEFAULT_BATCH_SIZE = 5000;

        public Options {
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
        // one batch in flight while the next is read: the server's work overlaps ours
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "influx-load-sender");
            t.setDaemon(true);
            return t;
        });
        long written = 0;
        int batch = 0;
        byte[] buf = new byte[1 << 20];
        byte[] spare = new byte[1 << 20];
        int len = 0;
        int inBatch = 0;
        long firstLine = 0;
        Future<?> inFlight = null;
        int inFlightPoints = 0;
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
                    if (inFlight != null) {
                        await(inFlight);
                        written += inFlightPoints;
                        listener.batchWritten(batch, batches, written);
                    }
                    batch++;
                    final byte[] body = buf;
                    final int bodyLength = len;
                    final int batchPoints = inBatch;
                    final int number = batch;
                    final long before = written;
                    final long from = firstLine;
                    final long to = r.lineNumber;
                    inFlight = sender.submit(() -> send(target, options, log, body, bodyLength, batchPoints, number, batches,
                            summary.points(), before, from, to));
                    inFlightPoints = batchPoints;
                    buf = spare;
                    spare = body;
                    len = 0;
                    inBatch = 0;
                }
            }
            if (inFlight != null) {
                await(inFlight);
                written += inFlightPoints;
                listener.batchWritten(batch, batches, written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            sender.shutdownNow();
        }
        return new Report(points, written, batches, summary.minTime(), summary.maxTime(), false, summary);
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
            int batch, int batches, long totalPoints, long writtenBefore, long firstLine, long lastLine) {
        RetryPolicy retry = options.retry();
        String which = "batch " + batch + " of " + batches + " (lines " + firstLine + "-" + lastLine + ", " + points + " points)";
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
                long written = writtenBefore;
                String detail;
                if (partial) {
                    long accepted = dropped >= 0 ? Math.max(0, points - dropped) : 0;
                    written += accepted;
                    detail = "InfluxDB dropped " + (dropped >= 0 ? dropped : "some") + " of its " + points + " points";
                } else {
                    detail = attempt > 1 ? "failed after " + attempt + " attempts" : "failed";
                }
                throw new LoadFailedException("load to " + target.describe() + " failed at " + which + ": " + detail + "; "
                        + written + " of " + totalPoints + " points were written (re-running the load rewrites"
                        + " them without duplicates): " + failure.getMessage(), failure.status(), written, batch, batches,
                        Math.max(dropped, 0), failure);
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
