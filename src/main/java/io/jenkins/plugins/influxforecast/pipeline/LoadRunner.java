package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.influx.HttpWriteTarget;
import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.InfluxException;
import io.jenkins.plugins.influxforecast.influx.LineProtocolLoader;
import io.jenkins.plugins.influxforecast.influx.LoadFailedException;
import io.jenkins.plugins.influxforecast.influx.WriteTarget;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The load stage: validates the whole line-protocol file, writes it in batches (1.x /write, 2.x and
 * 3.x /api/v2/write) and writes {@code load-summary.json}, also
 * when the load fails. A failure is thrown, unless the request asks for "unstable": then the
 * result says so and the command line exits with {@link ExitCodes#UNSTABLE} (3). An invalid
 * file is always a failure (nothing was sent).
 */
public final class LoadRunner {

    private LoadRunner() {
    }

    public static LoadResult run(LoadRequest request, Consumer<String> log) {
        return run(request, log, (batch, batches, written) -> { });
    }

    public static LoadResult run(LoadRequest request, Consumer<String> log, LineProtocolLoader.Listener listener) {
        long t0 = System.nanoTime();
        InfluxConnection c = request.connection();
        if (!Files.isRegularFile(request.input())) {
            throw fail(request, t0, new IllegalArgumentException("input '" + request.input() + "' does not exist"));
        }
        log.accept((request.options().dryRun() ? "dry run: validating " : "load ") + request.input() + " to " + c.describe()
                + ", batches of " + request.options().batchSize() + ", precision " + request.options().precision()
                + (request.gzip() ? ", gzip" : ", uncompressed") + (request.options().concurrency() > 1 ? ", "
                + request.options().concurrency() + " in flight" : ""));
        LineProtocolLoader.Report report;
        WriteTarget target = null;
        try {
            target = HttpWriteTarget.of(c, request.gzip());
            report = LineProtocolLoader.load(request.input(), target, request.options(), log, (batch, batches, written) -> {
                if (batch == batches || batch % 20 == 0) {
                    log.accept("  batch " + batch + " of " + batches + " written (" + written + " points)");
                }
                listener.batchWritten(batch, batches, written);
            });
        } catch (LoadFailedException e) {
            if (request.unstableOnFailure()) {
                LoadResult r = new LoadResult("unstable", e.points(), e.pointsWritten(), e.batches(), e.failedBatch(), e.dropped(),
                        e.getMessage(), millis(t0), e.pointsUnknown(), e.droppedLines());
                write(request, r);
                log.accept("ERROR (build marked unstable): " + e.getMessage());
                return r;
            }
            throw fail(request, t0, e);
        } catch (InfluxException e) {
            if (request.unstableOnFailure()) {
                LoadResult r = new LoadResult("unstable", -1, 0, 0, null, 0, e.getMessage(), millis(t0));
                write(request, r);
                log.accept("ERROR (build marked unstable): " + e.getMessage());
                return r;
            }
            throw fail(request, t0, e);
        } catch (RuntimeException e) {
            throw fail(request, t0, e);
        } finally {
            if (target instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing a client cannot change what was written
                }
            }
        }
        LoadResult r = new LoadResult(report.dryRun() ? "dry-run" : "ok", report.points(), report.pointsWritten(),
                report.batches(), null, 0, null, millis(t0));
        write(request, r);
        if (!report.dryRun()) {
            log.accept("loaded " + r.pointsWritten() + " point(s) in " + r.batches() + " batch(es) in " + r.millis() + " ms");
        }
        return r;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static RuntimeException fail(LoadRequest request, long t0, RuntimeException e) {
        LoadResult r = e instanceof LoadFailedException l
                ? new LoadResult("failed", l.points(), l.pointsWritten(), l.batches(), l.failedBatch(), l.dropped(), e.getMessage(),
                        millis(t0), l.pointsUnknown(), l.droppedLines())
                : new LoadResult("failed", -1, 0, 0, null, 0, e.getMessage(), millis(t0));
        try {
            write(request, r);
        } catch (UncheckedIOException summaryFailed) {
            e.addSuppressed(summaryFailed); // the load's own error is the one to report
        }
        return e;
    }

    private static void write(LoadRequest request, LoadResult r) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "load");
        summary.put("status", r.status());
        if (r.points() >= 0) {
            summary.put("points", r.points());
        }
        summary.put("pointsWritten", r.pointsWritten());
        summary.put("batches", r.batches());
        if (r.failedBatch() != null) {
            summary.put("failedBatch", r.failedBatch());
        }
        if (r.dropped() > 0) {
            summary.put("dropped", r.dropped());
        }
        if (r.pointsUnknown() > 0) {
            summary.put("pointsUnknown", r.pointsUnknown());
        }
        if (!r.droppedLines().isEmpty()) {
            summary.put("droppedLines", r.droppedLines());
        }
        if (r.error() != null) {
            summary.put("error", r.error());
        }
        summary.put("input", request.input().toString());
        summary.put("server", request.connection().url().toString());
        summary.put("millis", r.millis());
        Json.writeAtomically(request.summary(), summary);
    }
}
