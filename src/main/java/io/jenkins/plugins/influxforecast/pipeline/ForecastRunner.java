package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.OutputFolder;
import io.jenkins.plugins.influxforecast.report.BacktestPlot;
import io.jenkins.plugins.influxforecast.report.ForecastCsv;
import io.jenkins.plugins.influxforecast.report.ForecastLineProtocol;
import io.jenkins.plugins.influxforecast.report.ForecastOutput;
import io.jenkins.plugins.influxforecast.report.ForecastPlot;
import io.jenkins.plugins.influxforecast.report.HtmlReport;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.RunSummary;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import io.jenkins.plugins.influxforecast.series.CsvSeriesReader;
import io.jenkins.plugins.influxforecast.series.RawSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code forecast} stage as plain Java: read the input, run each series ({@link SeriesRun}), then
 * write forecast.csv, forecast.lp, metrics.json, forecast.png (and backtest.png when {@code auto} chose a
 * model) and report.html atomically. In a run
 * over several series a series that cannot be forecast fails alone: it is listed in metrics.json and
 * the log, the others are written and the exit code is {@link ExitCodes#UNSTABLE}; when every series
 * fails, the first error is thrown. A run over one series logs its details; a run over several logs
 * one line per series (or a progress line on a terminal, see {@link Progress}) and ends with a
 * summary ({@link RunReport}).
 */
public final class ForecastRunner {

    /** The file names the runner writes into the output folder. */
    public static final String CSV = "forecast.csv";
    public static final String LP = "forecast.lp";
    public static final String METRICS = "metrics.json";
    public static final String PNG = "forecast.png";
    public static final String HTML = "report.html";
    /** auto's backtest windows: written only when some series was forecast by auto. */
    public static final String BACKTEST = BacktestPlot.PNG;

    /**
     * @param exitCode {@link ExitCodes#OK}, or {@link ExitCodes#UNSTABLE} when some series failed
     * @param files    the files written
     * @param metrics  the content of metrics.json
     */
    public record Result(int exitCode, List<Path> files, RunMetrics metrics) implements StageResult {
        public Result {
            files = files == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(files));
        }

    }

    /**
     * A progress display for runs over many series, such as a terminal's status line. The runner
     * calls {@link #update} after each series and {@link #clear} before it logs a line and at the end.
     */
    public interface Progress {
        void update(String status);

        void clear();
    }

    private final Consumer<String> log;
    private final Progress progress;

    /** Logs to {@code log}, one line per series when there are several. */
    public ForecastRunner(PrintStream log) {
        this(log::println, null);
    }

    /**
     * @param log      where log lines go
     * @param progress a progress display, or null for one log line per series
     */
    public ForecastRunner(Consumer<String> log, Progress progress) {
        this.log = log;
        this.progress = progress;
    }

    /** Runs a forecast logging to {@code log}, one line per series when there are several (the shape of the other stages). */
    public static Result run(ForecastRequest req, Consumer<String> log) throws IOException {
        return new ForecastRunner(log, null).run(req);
    }

    public Result run(ForecastRequest req) throws IOException {
        long t0 = System.nanoTime();
        Map<String, Long> timings = new LinkedHashMap<>();
        req.createModel(); // validates the spec before any data is read

        CsvSeriesReader.Result read = new CsvSeriesReader(new CsvSeriesReader.Options(req.format(), req.timeColumn(),
                req.valueColumn(), req.name())).read(req.input());
        long rows = read.series().stream().mapToLong(RawSeries::size).sum();
        long t1 = System.nanoTime();
        timings.put("read", ms(t0, t1));
        int total = read.series().size();
        log.accept(String.format(java.util.Locale.ROOT, "read: %d series, %d rows from %s (%s) in %d ms", total, rows, req.input(),
                read.format(), ms(t0, t1)));

        ForecastLineProtocol.Layout layout = new ForecastLineProtocol.Layout(req.measurement(), req.field(), req.tags(),
                req.modelTag(), req.runFields(), req.modelField());
        boolean single = total == 1;
        List<ForecastOutput> outputs = new ArrayList<>();
        List<SeriesReport> reports = new ArrayList<>();
        int backtested = 0; // series with auto's backtest windows; only the first few drawn keep them
        RuntimeException firstError = null;
        for (int i = 0; i < total; i++) {
            RawSeries identity = read.series().get(i).identity(); // name and tags, for a failure report
            SeriesRun.Outcome outcome;
            try {
                // taken out of the read result: the series' rows are freed once regularised, not held twice
                // (a backfill forecasts them again as of earlier times, so it keeps them)
                RawSeries series = req.backfill() > 0 ? read.series().get(i) : read.take(i);
                outcome = new SeriesRun(req, layout, single ? log : line -> { }).run(series);
            } catch (RuntimeException | StackOverflowError e) {
                RuntimeException error = e instanceof RuntimeException r ? r : new RuntimeException(e.toString(), e);
                if (single) {
                    throw asFailure(identity, error);
                }
                if (firstError == null) {
                    firstError = asFailure(identity, error);
                }
                SeriesReport failed = SeriesReport.failed(identity.name(), identity.tags(), describe(error));
                reports.add(failed);
                seriesDone(reports.size(), total, t1, failed, 0);
                continue;
            }
            ForecastOutput output = outcome.output();
            if (output.backtest() != null && ++backtested > ForecastPlot.MAX_PANELS) {
                output = output.withoutBacktest();
            }
            outputs.add(output);
            reports.add(outcome.report());
            if (!single) {
                seriesDone(reports.size(), total, t1, outcome.report(), outcome.millis());
            }
        }
        if (progress != null) {
            progress.clear();
        }
        if (outputs.isEmpty()) {
            throw firstError != null ? firstError : new IllegalArgumentException("no series in " + req.input());
        }
        long t2 = System.nanoTime();
        timings.put("forecast", ms(t1, t2));

        List<String> written = backtested > 0 ? List.of(CSV, LP, METRICS, PNG, BACKTEST, HTML, HtmlReport.CSS)
                : List.of(CSV, LP, METRICS, PNG, HTML, HtmlReport.CSS);
        RunMetrics metrics = new RunMetrics(
                new RunMetrics.Engine("influx-forecast", EngineVersion.get()),
                new RunMetrics.Input(req.input().toString(), Files.size(req.input()), sha256(req.input()), read.format().toString(), rows),
                req.toMap(), RunSummary.of(reports), reports, written, null,
                req.liveAccuracy() == null ? null : ForecastHistory.live(req.liveAccuracy(), log));
        List<Path> files;
        try (OutputFolder out = new OutputFolder(req.outputDir(), w -> StageLog.warning(log, w))) {
            ForecastCsv.write(out.stage(CSV), outputs);
            ForecastLineProtocol.write(out.stage(LP), outputs, layout);
            if (req.history()) {
                int lines = ForecastHistory.append(out.stage(LP), outputs, req);
                log.accept("history: " + lines + " point(s) for " + ForecastHistory.measurements(outputs, req) + " in " + LP);
            }
            if (req.backfill() > 0) {
                backfill(req, layout, read.series(), out.stage(LP));
            }
            ForecastPlot.write(out.stage(PNG), outputs);
            if (backtested > 0) {
                BacktestPlot.write(out.stage(BACKTEST), outputs, backtested);
            }
            long t3 = System.nanoTime();
            timings.put("write", ms(t2, t3));
            timings.put("total", ms(t0, t3));
            metrics = metrics.withTimings(timings);
            metrics.write(out.stage(METRICS));
            HtmlReport.write(out.stage(HTML), out.stage(HtmlReport.CSS), metrics, PNG);
            files = out.commit();
        }
        log.accept("wrote " + String.join(", ", written) + " to " + req.outputDir() + " in " + ms(t2, System.nanoTime()) + " ms");
        int failed = metrics.summary().failed();
        if (!single) {
            RunReport.print(metrics, req.outputDir(), (System.nanoTime() - t1) / 1e9, log);
        }
        if (failed > 0) {
            log.accept(failed + " of " + total + " series failed; see metrics.json");
        }
        return new Result(failed > 0 ? ExitCodes.UNSTABLE : ExitCodes.OK, files, metrics);
    }

    /**
     * Forecasts as of each of the newest missed runs (from the data up to its time) and appends their
     * history points; a series that cannot be forecast then is a warning, not a failure of this run.
     */
    private void backfill(ForecastRequest req, ForecastLineProtocol.Layout layout, List<RawSeries> series, Path lp) throws IOException {
        List<java.time.Instant> slots = ForecastHistory.missedRuns(req.liveAccuracy(), req.backfill());
        if (slots.isEmpty()) {
            log.accept("backfill: no missed run listed in " + req.liveAccuracy());
            return;
        }
        for (java.time.Instant t : slots) {
            ForecastRequest at = req.asOf(t);
            List<ForecastOutput> past = new ArrayList<>();
            for (RawSeries raw : series) {
                RawSeries cut = raw.upTo(t);
                try {
                    past.add(new SeriesRun(at, layout, line -> { }).run(cut).output());
                } catch (RuntimeException e) {
                    log.accept("warning: backfill as of " + t + ": series " + raw.label() + " not forecast: " + e.getMessage());
                }
            }
            int lines = ForecastHistory.append(lp, past, at);
            log.accept("backfill as of " + t + ": " + lines + " history point(s) of " + past.size() + " series");
        }
    }

    /** One line per series, or the progress display's status and the failures as lines. */
    private void seriesDone(int done, int total, long start, SeriesReport r, long millis) {
        String counter = "[" + done + "/" + total + "]";
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        if (progress != null) {
            if (!r.ok()) {
                progress.clear();
                log.accept(counter + " " + RunReport.line(r, millis));
            }
            progress.update(counter + " " + LogFormat.number(rate) + " series/s, " + LogFormat.duration((total - done) / rate)
                    + " left; " + r.label());
        } else {
            log.accept(counter + " " + RunReport.line(r, millis));
        }
    }

    /**
     * The exception that ends a run when no series could be forecast: bad input stays an
     * IllegalArgumentException (exit 2), an expected failure of the series becomes a
     * {@link SeriesFailedException} (exit 1, naming the series), anything else is a bug and stays as it is.
     */
    private static RuntimeException asFailure(RawSeries raw, RuntimeException e) {
        if (!expected(e)) {
            return e;
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean named = msg.contains(raw.label()) || msg.contains("series '" + raw.name() + "'");
        if (e instanceof IllegalArgumentException) {
            return named ? e : new IllegalArgumentException("series '" + raw.label() + "': " + msg, e);
        }
        return new SeriesFailedException(named ? msg : "series '" + raw.label() + "' cannot be forecast: " + msg, e);
    }

    private static boolean expected(RuntimeException e) {
        return e instanceof IllegalArgumentException || e instanceof ArithmeticException || e instanceof IllegalStateException
                || e instanceof DateTimeException;
    }

    /**
     * The error of a failed series for the log and metrics.json. Errors the engine raises on purpose
     * (bad data, a model that cannot fit it, an overflow) are their message; anything else is a bug and
     * says so, with its type.
     */
    static String describe(RuntimeException e) {
        String msg = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        if (expected(e) || e instanceof SeriesFailedException) {
            return msg;
        }
        boolean hasMessage = e.getMessage() != null && !e.getMessage().isBlank();
        return "internal error (please report it): " + e.getClass().getSimpleName() + (hasMessage ? ": " + msg : "");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
