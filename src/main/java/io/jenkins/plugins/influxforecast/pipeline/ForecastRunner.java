package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.evaluate.ForecastCheck;
import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.files.OutputFolder;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.report.ForecastCsv;
import io.jenkins.plugins.influxforecast.report.ForecastLineProtocol;
import io.jenkins.plugins.influxforecast.report.ForecastOutput;
import io.jenkins.plugins.influxforecast.report.ForecastPlot;
import io.jenkins.plugins.influxforecast.report.HtmlReport;
import io.jenkins.plugins.influxforecast.series.CsvSeriesReader;
import io.jenkins.plugins.influxforecast.series.Filters;
import io.jenkins.plugins.influxforecast.series.RawSeries;
import io.jenkins.plugins.influxforecast.series.Regularizer;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code forecast} stage as plain Java: read the input, and for each series regularise, smooth,
 * score the model on the validation part, refit on all the data and forecast; then write
 * forecast.csv, forecast.lp, metrics.json, forecast.png and report.html atomically. A series that fails is
 * isolated, counted and reported; when every series fails, the first error is thrown.
 */
public final class ForecastRunner {

    /** The file names the runner writes into the output folder. */
    public static final String CSV = "forecast.csv";
    public static final String LP = "forecast.lp";
    public static final String METRICS = "metrics.json";
    public static final String PNG = "forecast.png";
    public static final String HTML = "report.html";

    /**
     * @param exitCode   {@link ExitCodes#OK}, or {@link ExitCodes#UNSTABLE} when some series failed
     * @param files      the files written
     * @param metrics    the content of metrics.json
     */
    public record Result(int exitCode, List<Path> files, Map<String, Object> metrics) {
    }

    private final PrintStream log;

    public ForecastRunner(PrintStream log) {
        this.log = log;
    }

    public Result run(ForecastRequest req) throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> timings = new LinkedHashMap<>();
        req.createModel(); // validates the spec before any data is read

        CsvSeriesReader.Result read = new CsvSeriesReader(new CsvSeriesReader.Options(req.format(), req.timeColumn(),
                req.valueColumn(), req.name())).read(req.input());
        long rows = read.series().stream().mapToLong(RawSeries::size).sum();
        long t1 = System.nanoTime();
        timings.put("read", ms(t0, t1));
        log.printf("read: %d series, %d rows from %s (%s) in %d ms%n", read.series().size(), rows, req.input(), read.format(), ms(t0, t1));

        List<ForecastOutput> outputs = new ArrayList<>();
        List<Map<String, Object>> seriesReports = new ArrayList<>();
        RuntimeException firstError = null;
        int failed = 0;
        for (RawSeries raw : read.series()) {
            try {
                SeriesRun run = runSeries(raw, req);
                outputs.add(run.output());
                seriesReports.add(run.report());
            } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
                if (read.series().size() == 1) {
                    throw e;
                }
                failed++;
                if (firstError == null) {
                    firstError = e;
                }
                log.printf("series %s FAILED: %s%n", raw.label(), e.getMessage());
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", raw.name());
                r.put("tags", raw.tags());
                r.put("status", "failed");
                r.put("error", e.getMessage());
                seriesReports.add(r);
            }
        }
        if (outputs.isEmpty()) {
            throw firstError != null ? firstError : new IllegalArgumentException("no series in " + req.input());
        }
        long t2 = System.nanoTime();
        timings.put("forecast", ms(t1, t2));

        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("name", "influx-forecast");
        engine.put("version", EngineVersion.get());
        metrics.put("engine", engine);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("file", req.input().toString());
        input.put("bytes", Files.size(req.input()));
        input.put("sha256", sha256(req.input()));
        input.put("format", read.format().toString());
        input.put("rows", rows);
        metrics.put("input", input);
        metrics.put("parameters", req.toMap());
        metrics.put("summary", summary(seriesReports, outputs.size(), failed));
        metrics.put("series", seriesReports);
        metrics.put("outputs", List.of(CSV, LP, METRICS, PNG, HTML));
        if (req.liveAccuracy() != null) {
            metrics.put("live", ForecastHistory.live(req.liveAccuracy(), log));
        }

        List<Path> files;
        try (OutputFolder out = new OutputFolder(req.outputDir())) {
            ForecastCsv.write(out.stage(CSV), outputs);
            ForecastLineProtocol.write(out.stage(LP), outputs,
                    new ForecastLineProtocol.Layout(req.measurement(), req.field(), req.tags(), req.modelTag(), req.runFields(), req.modelField()));
            if (req.history()) {
                int lines = ForecastHistory.append(out.stage(LP), outputs, req);
                log.printf("history: %d point(s) for %s in %s%n", lines, ForecastHistory.measurements(outputs, req), LP);
            }
            ForecastPlot.write(out.stage(PNG), outputs);
            long t3 = System.nanoTime();
            timings.put("write", ms(t2, t3));
            timings.put("total", ms(t0, t3));
            metrics.put("timings_ms", timings);
            Json.write(out.stage(METRICS), metrics);
            HtmlReport.write(out.stage(HTML), metrics, out.stage(PNG));
            files = out.commit();
        }
        log.printf("wrote %s, %s, %s, %s, %s to %s in %d ms%n", CSV, LP, METRICS, PNG, HTML, req.outputDir(), ms(t2, System.nanoTime()));
        if (failed > 0) {
            log.printf("%d of %d series failed; see metrics.json%n", failed, read.series().size());
        }
        return new Result(failed > 0 ? ExitCodes.UNSTABLE : ExitCodes.OK, files, metrics);
    }

    private record SeriesRun(ForecastOutput output, Map<String, Object> report) {
    }

    private SeriesRun runSeries(RawSeries raw, ForecastRequest req) {
        long t0 = System.nanoTime();
        Regularizer.Result reg = new Regularizer(new Regularizer.Options(req.frequency(), req.fill(), req.maxGap())).apply(raw);
        TimeSeries series = Filters.movingAverage(reg.series(), req.smoothing());
        int n = series.size();
        Regularizer.Report rr = reg.report();
        log.printf("series %s: %d points at %s from %s to %s (%d gaps filled, %d duplicates merged, %d empty edge rows dropped)%n",
                series.label(), n, series.frequency(), series.start(), series.end(), rr.gaps(), rr.duplicatesMerged(), rr.emptyEdgeRows());

        int k = req.validation().size(n);
        if (k == 0 && n < 2) {
            throw new IllegalArgumentException("series '" + series.label() + "' has " + n + " point(s) at " + series.frequency()
                    + "; at least 2 are needed to fit a model (is the frequency coarser than the data?)");
        }
        if (k >= n - 1) {
            throw new IllegalArgumentException("validation " + req.validation() + " holds out " + k + " of " + n
                    + " points of series '" + series.label() + "'; at least 2 must remain for fitting");
        }
        int horizon = req.horizon() != null ? req.horizon() : k;
        if (horizon > ForecastRequest.MAX_HORIZON) {
            throw new IllegalArgumentException("horizon " + horizon + " (the validation length of series '" + series.label()
                    + "') is above the maximum " + ForecastRequest.MAX_HORIZON + "; give a smaller validation or --horizon");
        }
        int m = maseSeason(series, n - k);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", series.name());
        report.put("tags", series.tags());
        report.put("status", "ok");
        report.put("points", n);
        report.put("frequency", series.frequency().toString());
        report.put("start", iso(series.start()));
        report.put("end", iso(series.end()));
        report.put("regularisation", rr.toMap());
        report.put("smoothing", req.smoothing());

        Forecast validationForecast = null;
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("points", k);
        boolean constant = isConstant(series);
        List<Map<String, Object>> replacements = new ArrayList<>();
        if (k > 0) {
            long v0 = System.nanoTime();
            TimeSeries train = series.head(n - k);
            TimeSeries actual = series.tail(k);
            Checked vc = fitChecked(req, train, k, constant, replacements, "validation");
            FittedModel fit = vc.fit();
            validationForecast = clip(vc.forecast(), req.nonNegative());
            Map<String, Double> scores = Metrics.all(actual.values(), validationForecast.mean(), train.values(), m);
            validation.put("train_points", n - k);
            validation.put("model", fit.spec().toString());
            validation.put("mase_season", m);
            validation.put("metrics", scores);
            validation.put("coverage", coverage(validationForecast, actual.values()));
            log.printf("validation: %s fitted on %d points, %d held out: MASE %.3f, sMAPE %.2f%%, MAE %.4g (%d ms)%n",
                    fit.spec(), n - k, k, scores.get("mase"), scores.get("smape"), scores.get("mae"), ms(v0, System.nanoTime()));
        }
        report.put("validation", validation);

        long f0 = System.nanoTime();
        List<String> calibrated = new ArrayList<>();
        Checked fc0 = fitChecked(req, series, horizon, constant, replacements, "forecast", calibrated);
        FittedModel fit = fc0.fit();
        Forecast unclipped = fc0.forecast();
        Forecast future = clip(unclipped, req.nonNegative());
        Map<String, Object> modelReport = new LinkedHashMap<>();
        modelReport.put("spec", fit.spec().toString());
        modelReport.put("parameters", fit.parameters());
        modelReport.put("warnings", fit.warnings());
        List<String> flags = flags(fit);
        if (!flags.isEmpty()) {
            modelReport.put("flags", flags);
        }
        if (!replacements.isEmpty()) {
            modelReport.put("replaced", replacements);
        }
        if (req.levels().length > 0) {
            modelReport.put("intervals", !future.hasIntervals() ? "none"
                    : calibrated.isEmpty() ? "model" : "calibrated from backtest errors");
        }
        if (req.nonNegative()) {
            modelReport.put("non_negative", Map.of("clipped_values", clippedCount(unclipped)));
        }
        report.put("model", modelReport);
        for (String w : fit.warnings()) {
            log.printf("warning: %s: %s%n", series.label(), w);
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("points", horizon);
        fc.put("start", iso(future.start()));
        fc.put("end", iso(future.time(horizon - 1)));
        List<Double> levels = new ArrayList<>();
        for (double l : future.levels()) {
            levels.add(l);
        }
        fc.put("interval_levels", levels);
        report.put("forecast", fc);
        log.printf("forecast: %s, %d steps from %s to %s (%d ms; series total %d ms)%n", fit.spec(), horizon,
                iso(future.start()), iso(future.time(horizon - 1)), ms(f0, System.nanoTime()), ms(t0, System.nanoTime()));
        return new SeriesRun(new ForecastOutput(series, k, validationForecast, future), report);
    }

    private record Checked(FittedModel fit, Forecast forecast) {
    }

    /**
     * Fits the requested model and forecasts; a forecast that fails {@link ForecastCheck} (or a fit
     * that throws after the first model) makes way for the next model in the chain (the requested
     * model, then seasonal naive, then naive), and the replacement is recorded.
     */
    private Checked fitChecked(ForecastRequest req, TimeSeries train, int steps, boolean constant,
            List<Map<String, Object>> replacements, String stage) {
        return fitChecked(req, train, steps, constant, replacements, stage, new ArrayList<>());
    }

    private Checked fitChecked(ForecastRequest req, TimeSeries train, int steps, boolean constant,
            List<Map<String, Object>> replacements, String stage, List<String> calibrated) {
        List<ForecastModel> chain = new ArrayList<>();
        chain.add(req.createModel(steps));
        int m = train.frequency().defaultSeason();
        if (m > 1 && train.size() > m) {
            chain.add(io.jenkins.plugins.influxforecast.catalog.Models.create("snaive(season=" + m + ")"));
        }
        chain.add(io.jenkins.plugins.influxforecast.catalog.Models.create("naive"));
        RuntimeException firstError = null;
        for (int i = 0; i < chain.size(); i++) {
            ForecastModel model = chain.get(i);
            String problem;
            try {
                FittedModel fit = model.fit(train);
                Forecast f = fit.forecast(steps, req.levels());
                if (req.levels().length > 0 && !f.hasIntervals()) {
                    // no analytic intervals: calibrate them on a backtest of the same model
                    f = io.jenkins.plugins.influxforecast.select.Calibration.calibrate(model, train, f,
                            train.frequency().defaultSeason(), req.levels());
                    if (f.hasIntervals()) {
                        calibrated.add(stage);
                    }
                }
                problem = ForecastCheck.problem(f, constant);
                if (problem == null) {
                    if (i > 0) {
                        log.printf("warning: %s: %s model replaced by %s%n", train.label(), stage, fit.spec());
                    }
                    return new Checked(fit, f);
                }
            } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
                if (i == 0) {
                    throw e; // the requested model cannot be used at all: a clear error, not a silent swap
                }
                problem = e.getMessage();
                if (firstError == null) {
                    firstError = e;
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("stage", stage);
            r.put("model", model.spec().toString());
            r.put("problem", problem);
            r.put("replaced_by", i + 1 < chain.size() ? chain.get(i + 1).spec().toString() : null);
            replacements.add(r);
            log.printf("warning: %s: %s forecast of %s failed the sanity check (%s)%n", train.label(), stage, model.spec(), problem);
        }
        throw new IllegalStateException("no model gave a sane forecast for series '" + train.label() + "'; nothing was written",
                firstError);
    }

    private static boolean isConstant(TimeSeries s) {
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i) != s.get(0)) {
                return false;
            }
        }
        return true;
    }

    private static Forecast clip(Forecast f, boolean nonNegative) {
        return nonNegative ? f.map(v -> Math.max(0.0, v)) : f;
    }

    private static int clippedCount(Forecast f) {
        int c = 0;
        for (double v : f.mean()) {
            if (v < 0) {
                c++;
            }
        }
        for (double level : f.levels()) {
            for (double v : f.lower(level)) {
                if (v < 0) {
                    c++;
                }
            }
            for (double v : f.upper(level)) {
                if (v < 0) {
                    c++;
                }
            }
        }
        return c;
    }

    /** Flags for metrics.json from what the model reported: a season it could not use is never silent. */
    static List<String> flags(FittedModel fit) {
        List<String> flags = new ArrayList<>();
        boolean dropped = fit.parameters().containsKey("seasonDropped") || fit.parameters().containsKey("fourierDropped");
        for (String w : fit.warnings()) {
            String l = w.toLowerCase(java.util.Locale.ROOT);
            if ((l.contains("season") || l.contains("period")) && (l.contains("dropped") || l.contains("ignored"))) {
                dropped = true;
            }
        }
        if (dropped) {
            flags.add("season_dropped");
        }
        return flags;
    }

    /** The MASE lag: the frequency's shortest natural season when the training part holds two of them, else 1. */
    static int maseSeason(TimeSeries series, int trainPoints) {
        int m = series.frequency().defaultSeason();
        return m > 1 && trainPoints > 2 * m ? m : 1;
    }

    private static Map<String, Object> coverage(Forecast f, double[] actual) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (double level : f.levels()) {
            double[] lo = f.lower(level);
            double[] hi = f.upper(level);
            int in = 0;
            for (int i = 0; i < actual.length; i++) {
                if (actual[i] >= lo[i] && actual[i] <= hi[i]) {
                    in++;
                }
            }
            out.put(ForecastCsv.levelName(level), (double) in / actual.length);
        }
        return out;
    }

    private static Map<String, Object> summary(List<Map<String, Object>> reports, int ok, int failed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("series", ok + failed);
        s.put("succeeded", ok);
        s.put("failed", failed);
        Map<String, Double> sums = new LinkedHashMap<>();
        int scored = 0;
        String model = null;
        long points = 0;
        for (Map<String, Object> r : reports) {
            if (!"ok".equals(r.get("status"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) r.get("model");
            model = model == null ? (String) m.get("spec") : model.equals(m.get("spec")) ? model : "several";
            @SuppressWarnings("unchecked")
            Map<String, Object> fc = (Map<String, Object>) r.get("forecast");
            points += ((Number) fc.get("points")).longValue();
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) r.get("validation");
            @SuppressWarnings("unchecked")
            Map<String, Double> scores = (Map<String, Double>) v.get("metrics");
            if (scores != null) {
                scored++;
                scores.forEach((key, val) -> sums.merge(key, val, Double::sum));
            }
        }
        s.put("model", model);
        s.put("points_forecast", points);
        if (scored > 0) {
            Map<String, Double> mean = new LinkedHashMap<>();
            int count = scored;
            sums.forEach((key, val) -> mean.put(key, val / count));
            s.put("validation", mean);
        }
        return s;
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

    private static String iso(java.time.Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
