package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.evaluate.ForecastCheck;
import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.report.BacktestWindows;
import io.jenkins.plugins.influxforecast.report.Degradation;
import io.jenkins.plugins.influxforecast.report.ForecastCsv;
import io.jenkins.plugins.influxforecast.report.ForecastLineProtocol;
import io.jenkins.plugins.influxforecast.report.ForecastOutput;
import io.jenkins.plugins.influxforecast.report.ForecastPlot;
import io.jenkins.plugins.influxforecast.report.ForecastSpan;
import io.jenkins.plugins.influxforecast.report.ModelReport;
import io.jenkins.plugins.influxforecast.report.RegularisationReport;
import io.jenkins.plugins.influxforecast.report.Scores;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import io.jenkins.plugins.influxforecast.report.ValidationReport;
import io.jenkins.plugins.influxforecast.select.AutoModel;
import io.jenkins.plugins.influxforecast.select.Backtester;
import io.jenkins.plugins.influxforecast.select.Calibration;
import io.jenkins.plugins.influxforecast.series.Filters;
import io.jenkins.plugins.influxforecast.series.RawSeries;
import io.jenkins.plugins.influxforecast.series.Regularizer;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One series through the forecast stage: regularise and smooth, check what the request needs of it,
 * score the model on the validation part, fit on all the data with the fallback chain (the requested
 * model, then seasonal naive, then naive), calibrate intervals the model lacks, check the forecast
 * and that it can be written. The result is the series' output and its {@link SeriesReport}; a series
 * that cannot be forecast throws, and the runner decides whether that sinks the run (one series) or
 * only the series (several).
 */
final class SeriesRun {

    /** The series' output for the writers and its report for metrics.json. */
    record Outcome(ForecastOutput output, SeriesReport report, long millis) {
    }

    private final ForecastRequest req;
    private final ForecastLineProtocol.Layout layout;
    private final Consumer<String> detail;
    private final List<Degradation> degradations = new ArrayList<>();
    private final List<ModelReport.Replacement> replacements = new ArrayList<>();
    private final List<ModelReport.DegenerateIntervals> degenerate = new ArrayList<>();
    private boolean calibrated;

    /**
     * @param detail where the series' detailed log lines go (the run's log for a single series; nowhere
     *               when a run over many series logs one line per series)
     */
    SeriesRun(ForecastRequest req, ForecastLineProtocol.Layout layout, Consumer<String> detail) {
        this.req = req;
        this.layout = layout;
        this.detail = detail;
    }

    Outcome run(RawSeries raw) {
        long t0 = System.nanoTime();
        Regularizer.Result reg = new Regularizer(new Regularizer.Options(req.frequency(), req.fill(), req.maxGap())).apply(raw);
        raw = null; // the rows as read are not needed any more: a long series is not held twice while it is fitted
        TimeSeries series = Filters.movingAverage(reg.series(), req.smoothing());
        int n = series.size();
        Regularizer.Report rr = reg.report();
        detail.accept(String.format(Locale.ROOT, "series %s: %d points at %s from %s to %s (%d gaps filled, %d duplicates merged,"
                + " %d empty edge rows dropped)", series.label(), n, series.frequency(), series.start(), series.end(), rr.gaps(),
                rr.duplicatesMerged(), rr.emptyEdgeRows()));
        noteRegularisation(rr);
        // more than 5% of the grid moved or invented: said in the log even when a run over many series logs one line each
        rr.warnings().forEach(w -> StageLog.warning(detail, series.label() + ": " + w));

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
        checkSpan(series);
        boolean constant = isConstant(series);

        Forecast validationForecast = null;
        ValidationReport validation = ValidationReport.none();
        if (k > 0) {
            long v0 = System.nanoTime();
            TimeSeries train = series.head(n - k);
            TimeSeries actual = series.tail(k);
            int m = maseSeason(series, n - k);
            Checked vc = fitChecked(train, k, constant, "validation");
            validationForecast = clip(vc.forecast(), req.nonNegative());
            Scores scores = Scores.of(Metrics.all(actual.values(), validationForecast.mean(), train.values(), m));
            ValidationReport.Baseline baseline = baseline(train, k, actual.values(), m);
            validation = new ValidationReport(k, n - k, vc.fit().spec().toString(), m, scores,
                    coverage(validationForecast, actual.values()), baseline,
                    baseline == null ? null : ValidationReport.fva(scores.mase(), baseline.metrics().mase()));
            detail.accept(String.format(Locale.ROOT, "validation: %s fitted on %d points, %d held out: MASE %s, sMAPE %s%%, MAE %s (%d ms)",
                    vc.fit().spec(), n - k, k, LogFormat.number(scores.mase()), LogFormat.number(scores.smape()),
                    LogFormat.number(scores.mae()), ms(v0)));
        }

        long f0 = System.nanoTime();
        Checked fc = fitChecked(series, horizon, constant, "forecast");
        FittedModel fit = fc.fit();
        Forecast future = clip(fc.forecast(), req.nonNegative());
        List<Degradation> modelNotes = ModelNotes.of(fit, "forecast");
        degradations.addAll(modelNotes);
        for (String w : fit.warnings()) {
            StageLog.warning(detail, series.label() + ": " + w);
        }
        ForecastOutput output = new ForecastOutput(series, k, validationForecast, future, backtestWindows(fit));
        ForecastLineProtocol.check(output, layout);
        ForecastPlot.check(output);
        ModelReport model = modelReport(fit, modelNotes, future, fc.forecast());
        ForecastSpan span = new ForecastSpan(horizon, iso(future.start()), iso(future.time(horizon - 1)), levels(future));
        detail.accept(String.format(Locale.ROOT, "forecast: %s, %d steps from %s to %s (%d ms; series total %d ms)", fit.spec(), horizon,
                span.start(), span.end(), ms(f0), ms(t0)));
        SeriesReport report = new SeriesReport(series.name(), series.tags(), SeriesReport.Status.OK, n, series.frequency().toString(),
                iso(series.start()), iso(series.end()), RegularisationReport.of(rr), req.smoothing(), validation, model, span,
                degradations, null);
        return new Outcome(output, report, ms(t0));
    }

    /**
     * auto's backtest windows behind the forecasting model, for backtest.png: kept from its selection (the
     * chosen model's and the runner-up's window forecasts), not computed again; null for any other model.
     */
    static BacktestWindows backtestWindows(FittedModel fit) {
        return AutoModel.backtest(fit).map(SeriesRun::backtestWindows).orElse(null);
    }

    private static BacktestWindows backtestWindows(AutoModel.Backtest b) {
        List<Backtester.WindowResult> chosen = b.chosen().windows();
        List<Backtester.WindowResult> second = b.runnerUp() == null ? null : b.runnerUp().windows();
        List<BacktestWindows.Window> windows = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Backtester.WindowResult c = chosen.get(i);
            Backtester.WindowResult r = second == null ? null : second.get(i);
            if (r != null && r.origin() != c.origin()) {
                throw new IllegalStateException("the runner-up's backtest window " + i + " starts at " + r.origin() + ", the chosen model's at "
                        + c.origin());
            }
            windows.add(new BacktestWindows.Window(c.origin(), c.forecast().mean(), c.mase(), r == null ? null : r.forecast().mean(),
                    r == null ? Double.NaN : r.mase()));
        }
        return new BacktestWindows(b.chosen().label(), b.runnerUp() == null ? null : b.runnerUp().label(), windows);
    }

    private void noteRegularisation(Regularizer.Report rr) {
        if (rr.pointsFilled() > 0) {
            degradations.add(new Degradation(Degradation.Kind.POINTS_FILLED, "input", rr.pointsFilled() + " point(s) filled ("
                    + req.fill() + ") in " + rr.gaps() + " gap(s), the longest " + rr.longestGap() + " point(s)"));
        }
        if (rr.offGrid() > 0) {
            degradations.add(new Degradation(Degradation.Kind.POINTS_MOVED, "input", rr.offGrid() + " of " + rr.pointsRead()
                    + " point(s) moved onto the grid"));
        }
        if (rr.duplicatesMerged() > 0) {
            degradations.add(new Degradation(Degradation.Kind.DUPLICATES_MERGED, "input", rr.duplicatesMerged()
                    + " value(s) at an already taken grid time merged"));
        }
        if (rr.emptyEdgeRows() > 0) {
            degradations.add(new Degradation(Degradation.Kind.EMPTY_EDGES_DROPPED, "input", rr.emptyEdgeRows()
                    + " empty row(s) at the start or end dropped"));
        }
    }

    private ModelReport modelReport(FittedModel fit, List<Degradation> modelNotes, Forecast future, Forecast unclipped) {
        List<String> flags = modelNotes.stream().map(Degradation::kind).filter(kind -> kind == Degradation.Kind.SEASON_DROPPED)
                .distinct().map(Degradation.Kind::flag).toList();
        String intervals = null;
        if (req.levels().length > 0) {
            intervals = !future.hasIntervals() ? "none" : calibrated ? "calibrated from backtest errors" : "model";
        }
        ModelReport.Clipping clipping = null;
        if (req.nonNegative()) {
            int clipped = clippedCount(unclipped);
            clipping = new ModelReport.Clipping(clipped);
            if (clipped > 0) {
                degradations.add(new Degradation(Degradation.Kind.VALUES_CLIPPED, "forecast", clipped
                        + " negative forecast value(s) (means and interval bounds) set to 0"));
            }
        }
        return new ModelReport(fit.spec().toString(), fit.parameters(), fit.warnings(), flags.isEmpty() ? null : flags,
                replacements.isEmpty() ? null : List.copyOf(replacements), intervals, clipping,
                degenerate.isEmpty() ? null : List.copyOf(degenerate));
    }

    private record Checked(FittedModel fit, Forecast forecast) {
    }

    /**
     * Fits the requested model and forecasts; a forecast that fails {@link ForecastCheck#review} (or a
     * fit that throws after the first model) makes way for the next model in the chain, and the
     * replacement is recorded. Intervals of zero width alone never reject a forecast: they are widened
     * or, for an exact fit, accepted, and the report says which.
     */
    private Checked fitChecked(TimeSeries train, int steps, boolean constant, String stage) {
        List<ForecastModel> chain = new ArrayList<>();
        chain.add(req.createModel(steps));
        int m = train.frequency().defaultSeason();
        if (m > 1 && train.size() > m) {
            chain.add(Models.create("snaive(season=" + m + ")"));
        }
        chain.add(Models.create("naive"));
        RuntimeException firstError = null;
        for (int i = 0; i < chain.size(); i++) {
            ForecastModel model = chain.get(i);
            String problem;
            try {
                FittedModel fit = model.fit(train);
                Forecast f = fit.forecast(steps, req.levels());
                boolean calibratedHere = false;
                if (req.levels().length > 0 && !f.hasIntervals()) {
                    // no analytic intervals: calibrate them on a backtest of the same model
                    f = Calibration.calibrate(model, train, f, train.frequency().defaultSeason(), req.levels());
                    calibratedHere = f.hasIntervals();
                }
                ForecastCheck.Verdict verdict = ForecastCheck.review(f, fit.residuals(), train.values(), constant);
                problem = verdict.problem();
                if (problem == null) {
                    f = verdict.forecast();
                    if (verdict.note() != null) {
                        degenerate.add(new ModelReport.DegenerateIntervals(stage, fit.spec().toString(), verdict.degenerateSteps(),
                                verdict.widened() ? "widened" : "accepted", verdict.note()));
                        degradations.add(new Degradation(verdict.widened() ? Degradation.Kind.INTERVALS_WIDENED
                                : Degradation.Kind.INTERVALS_EXACT, stage, fit.spec() + ": " + verdict.note()));
                        detail.accept("note: " + train.label() + ": " + stage + " forecast of " + fit.spec() + ": " + verdict.note());
                    }
                    if (calibratedHere && stage.equals("forecast")) {
                        calibrated = true;
                        degradations.add(new Degradation(Degradation.Kind.INTERVALS_CALIBRATED, stage, fit.spec()
                                + " has no analytic intervals; they were calibrated from backtest errors"));
                    }
                    if (i > 0) {
                        StageLog.warning(detail, train.label() + ": " + stage + " model replaced by " + fit.spec());
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
            String next = i + 1 < chain.size() ? chain.get(i + 1).spec().toString() : null;
            replacements.add(new ModelReport.Replacement(stage, model.spec().toString(), problem, next));
            degradations.add(new Degradation(Degradation.Kind.FALLBACK_USED, stage, model.spec() + " failed the sanity check ("
                    + problem + ")" + (next == null ? "" : "; replaced by " + next)));
            StageLog.warning(detail, train.label() + ": " + stage + " forecast of " + model.spec() + " failed the sanity check ("
                    + problem + ")");
        }
        throw new IllegalStateException("no model gave a sane forecast for series '" + train.label() + "'; nothing was written",
                firstError);
    }

    /** Values whose range overflows a double cannot be modelled (differences and sums are infinite). */
    private static void checkSpan(TimeSeries s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            double v = s.get(i);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min <= max && !Double.isFinite(max - min)) {
            throw new IllegalArgumentException("series '" + s.label() + "': values from " + min + " to " + max
                    + " span more than the largest number a double holds (numeric overflow); rescale the values");
        }
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

    /**
     * The yardstick every score is shown beside: the seasonal naive forecast (season: the frequency's
     * natural one when the training part holds a full cycle, else naive) scored on the same held-out
     * points with the same MASE scale; null when even naive cannot be fitted.
     */
    private ValidationReport.Baseline baseline(TimeSeries train, int k, double[] actual, int maseLag) {
        int season = train.frequency().defaultSeason();
        String spec = season > 1 && train.size() > season ? "snaive(season=" + season + ")" : "naive";
        try {
            Forecast f = io.jenkins.plugins.influxforecast.catalog.Models.create(spec).fit(train).forecast(k);
            return new ValidationReport.Baseline(spec, Scores.of(Metrics.all(actual, clip(f, req.nonNegative()).mean(), train.values(),
                    maseLag)));
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            return null;
        }
    }

    /** The MASE lag: the frequency's shortest natural season when the training part holds two of them, else 1. */
    static int maseSeason(TimeSeries series, int trainPoints) {
        int m = series.frequency().defaultSeason();
        return m > 1 && trainPoints > 2 * m ? m : 1;
    }

    private static Map<String, Double> coverage(Forecast f, double[] actual) {
        Map<String, Double> out = new LinkedHashMap<>();
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

    private static List<Double> levels(Forecast f) {
        List<Double> levels = new ArrayList<>();
        for (double l : f.levels()) {
            levels.add(l);
        }
        return levels;
    }

    static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static long ms(long from) {
        return (System.nanoTime() - from) / 1_000_000;
    }
}
