package io.jenkins.plugins.influxforecast.select;

import io.jenkins.plugins.influxforecast.evaluate.ForecastCheck;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.model.ensemble.Combiner;
import io.jenkins.plugins.influxforecast.model.ensemble.Ensemble;
import io.jenkins.plugins.influxforecast.select.Backtester;
import io.jenkins.plugins.influxforecast.select.Calibration;
import io.jenkins.plugins.influxforecast.select.ModelSelector;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code auto}: chooses the model per series and per run by a rolling-origin backtest
 * ({@link ModelSelector}): the candidates (positional members, e.g. {@code auto(ets,theta,arima)}, or a
 * default set for the data) and combinations of the best few are scored on the same windows by M4's
 * measure (MASE and sMAPE, each relative to the baseline's, averaged); the best is refitted on the
 * whole series; seasonal naive wins unless something beats it. A winner
 * that fails on the whole series, or whose forecast fails the sanity check, is replaced by the next in
 * the ranking and the replacement is reported.
 *
 * <p>Parameters: {@code horizon} (of the backtest windows; default one season, or 10 steps without a
 * season; the command line sets it to the forecast horizon), {@code windows} (3), {@code season}
 * (default: the frequency's shortest natural period), {@code ensemble} (largest combination scored,
 * 3; 1 for none), {@code combine} (mean, the default, or median), {@code weights} (inverse: the members of a mean
 * combination weighted by the inverse of their backtest score, the default; equal), {@code shrink} (how much a
 * combination is preferred to a single model: its backtest score is discounted by this fraction when compared,
 * default 0.03; 0 for none), {@code select} (owa, the default: the mean of MASE and sMAPE relative to the
 * baseline's; mase: MASE alone), {@code effort} (fast: cheap candidates; full: also
 * the automatic ARIMA search and seasonal ETS for long seasons), {@code fourier=[52.18]} (periods for a
 * harmonic-regression candidate; with effort=full weekly and daily data get their yearly cycle),
 * {@code parallel} (true).
 */
public final class AutoModel implements ForecastModel {

    private final ModelSpec spec;
    private final Integer horizon;
    private final int windows;
    private final Integer season;
    private final int maxEnsemble;
    private final Combiner combine;
    private final ModelSelector.Weighting weighting;
    private final double shrink;
    private final ModelSelector.Criterion criterion;
    private final boolean full;
    private final boolean parallel;
    private final List<Double> fourier = new ArrayList<>();
    private final Function<ModelSpec, ForecastModel> resolve;

    private AutoModel(ModelSpec spec, Function<ModelSpec, ForecastModel> resolve) {
        spec.allowOnly("horizon", "windows", "season", "ensemble", "combine", "weights", "shrink", "select", "effort", "parallel",
                "fourier");
        this.spec = spec;
        this.resolve = resolve;
        this.horizon = spec.has("horizon") ? spec.intParam("horizon", 1, 1, 1_000_000) : null;
        this.windows = spec.intParam("windows", 3, 1, 50);
        String s = spec.param("season").orElse(null);
        this.season = s == null ? null : s.equalsIgnoreCase("none") ? Integer.valueOf(1) : spec.intParam("season", 1, 1, 100_000);
        this.maxEnsemble = spec.intParam("ensemble", 3, 1, 10);
        this.combine = Combiner.valueOf(spec.choiceParam("combine", "mean", "median", "mean").toUpperCase(Locale.ROOT));
        String w = spec.choiceParam("weights", combine == Combiner.MEAN ? "inverse" : "equal", "inverse", "equal");
        if (w.equals("inverse") && combine != Combiner.MEAN) {
            throw spec.badValue("weights", w, "equal with combine=median (inverse weights apply to the mean)");
        }
        this.weighting = w.equals("inverse") ? ModelSelector.Weighting.INVERSE_ERROR : ModelSelector.Weighting.EQUAL;
        this.shrink = spec.doubleParam("shrink", DEFAULT_SHRINK, 0, 0.5);
        this.criterion = spec.choiceParam("select", "owa", "owa", "mase").equals("owa") ? ModelSelector.Criterion.OWA
                : ModelSelector.Criterion.MASE;
        this.full = spec.choiceParam("effort", "fast", "fast", "full").equals("full");
        this.parallel = spec.boolParam("parallel", true);
        for (ModelSpec m : spec.members()) {
            resolve.apply(m); // validate the candidates now, before any data is read
        }
        if (spec.has("fourier")) {
            // validated by the arima model that will use them
            resolve.apply(ModelSpec.of("arima", Map.of("fourier", spec.param("fourier").get())));
            for (String part : spec.param("fourier").get().replace("[", "").replace("]", "").split(",")) {
                if (!part.isBlank()) {
                    fourier.add(Double.parseDouble(part.trim()));
                }
            }
        }
    }

    /**
     * @param resolve builds the candidate models from their specs (the model catalog); auto does not
     *                know the registry itself, so the registry can list auto among its models
     */
    /** The default preference for combinations (see {@link ModelSelector.Options#shrink()}). */
    static final double DEFAULT_SHRINK = 0.03;

    public static AutoModel create(ModelSpec spec, Function<ModelSpec, ForecastModel> resolve) {
        return new AutoModel(spec, resolve);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** Backtests on windows of the forecast's length, unless the spec sets the horizon itself. */
    @Override
    public ForecastModel forHorizon(int steps) {
        return horizon != null ? this : new AutoModel(spec.with("horizon", steps), resolve);
    }

    /**
     * The candidate specs for a series of {@code n} points at {@code frequency} with seasonal period
     * {@code m} (1: none): the baseline first, then the given members or a default set chosen to be
     * accurate and cheap enough to backtest (a few tens of milliseconds per fit on 1000 points).
     */
    List<ModelSpec> candidates(int m, io.jenkins.plugins.influxforecast.series.Frequency frequency, int n) {
        List<ModelSpec> out = new ArrayList<>();
        out.add(baseline(m));
        if (!spec.members().isEmpty()) {
            out.addAll(spec.members());
            return out;
        }
        String season = m > 1 ? "season=" + m : "season=none";
        // exponential smoothing: seasonal ETS is slow and weak for long seasons, so only up to 12 unless effort=full
        if (m <= 12 || full) {
            out.add(ModelSpec.parse("ets(" + season + ")"));
        }
        out.add(ModelSpec.parse("theta(" + season + ")"));
        if (m > 1 && m <= 60) {
            out.add(ModelSpec.parse("arima(p=1,d=0,q=1,P=1,D=1,Q=1,season=" + m + ")"));
            out.add(ModelSpec.parse("arima(p=2,d=0,q=1,P=0,D=1,Q=1,season=" + m + ")"));
        } else if (m == 1) {
            out.add(ModelSpec.parse("arima(season=none)"));
        }
        // the natural periods from the season up (hourly: 24 and 168; weekly without a season: 52) with
        // two full cycles in the series: a seasonal decomposition of all of them, then Theta, and the
        // seasonal naive of each period longer than the season (hourly: the same hour a week before;
        // weekly: the same week a year before); both cost little and, alone or in a combination, win on
        // the many series with such a cycle (chosen on M4 Hourly and Weekly, see AutoStudy)
        List<Integer> periods = new ArrayList<>();
        boolean longer = false;
        for (int per : frequency.candidatePeriods()) {
            if (per >= Math.max(m, 2) && 2 * per <= n) {
                periods.add(per);
                longer |= per > m;
            }
        }
        if (longer) {
            out.add(ModelSpec.parse("mstl(theta,seasons=" + periods.toString().replace(" ", "") + ")"));
        }
        for (int per : periods) {
            if (per > m) {
                out.add(ModelSpec.parse("snaive(season=" + per + ")"));
            }
        }
        // the yearly cycle of weekly (52.18 weeks) or daily (365.25 days) data, as Fourier terms with ARIMA
        // errors: with effort=full or when asked for (fourier=[..]); on M4 Weekly its backtest costs more
        // than every other candidate together, and the cheap candidates above already catch the cycle
        List<Double> fourier = new ArrayList<>(this.fourier);
        if (fourier.isEmpty() && full) {
            long days = frequency.isCalendar() ? 0 : frequency.nominalDuration().toDays();
            double year = days == 7 && frequency.nominalDuration().toHours() == 168 ? 365.25 / 7
                    : days == 1 && frequency.nominalDuration().toHours() == 24 ? 365.25 : 0;
            if (year > 0 && n >= 2 * year) {
                fourier.add(year);
            }
        }
        if (!fourier.isEmpty()) {
            StringBuilder f = new StringBuilder();
            for (double d : fourier) {
                f.append(f.length() == 0 ? "" : ",").append(d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d));
            }
            out.add(ModelSpec.parse("arima(fourier=[" + f + "]" + (m > 1 && m <= 60 ? ",season=" + m : "") + ")"));
        }
        if (full && m > 1) {
            out.add(ModelSpec.parse("arima(season=" + m + ")"));
        }
        return out;
    }

    /**
     * The model a candidate is backtested with: fixed-order ARIMA candidates use conditional sum of
     * squares on the backtest windows (R's auto.arima approximates the same way while it searches;
     * about ten times cheaper than exact maximum likelihood) and are refitted exactly when chosen.
     */
    public static ModelSpec backtestVariant(ModelSpec s) {
        boolean fixedArima = s.name().equals("arima") && (s.params().containsKey("p") || s.params().containsKey("q")
                || s.params().containsKey("P") || s.params().containsKey("Q"));
        if (fixedArima && !s.has("method") && !s.has("fourier")) {
            return s.with("method", "css");
        }
        return s;
    }

    static ModelSpec baseline(int m) {
        return m > 1 ? ModelSpec.parse("snaive(season=" + m + ")") : ModelSpec.parse("naive");
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        long t0 = System.nanoTime();
        int n = series.size();
        if (n < 3) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for auto: " + n
                    + " points, need at least 3");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(series.get(i))) {
                throw new IllegalArgumentException("series '" + series.label() + "' has missing values: auto needs a gap-free series");
            }
        }
        List<String> warnings = new ArrayList<>();
        int m = season != null ? season : series.frequency().defaultSeason();
        if (m > 1 && n < 2 * m + 2) {
            warnings.add("season " + m + " dropped: the series has " + n + " points, fewer than two full periods");
            m = 1;
        }
        int h = horizon != null ? horizon : (m > 1 ? m : 10);
        List<ModelSpec> specs = candidates(m, series.frequency(), n);
        List<ModelSelector.Candidate> cands = new ArrayList<>();
        for (ModelSpec s : specs) {
            cands.add(new ModelSelector.Candidate(s.toString(), resolve.apply(backtestVariant(s))));
        }
        String baseLabel = specs.get(0).toString();
        Backtester.Plan plan = Backtester.Plan.of(h, windows, m);
        Map<String, Object> info = new LinkedHashMap<>();
        ModelSelector.Selection sel;
        try {
            if (n - h < plan.minTrain()) {
                // shorten the windows rather than give up: at most a third of the series
                int hh = Math.max(1, Math.min(h, n / 3));
                plan = new Backtester.Plan(hh, windows, Math.max(1, Math.min(plan.step(), hh)), Math.max(2, n - hh - (windows - 1) * hh));
                warnings.add("backtest horizon shortened to " + hh + " steps: the series has " + n + " points");
            }
            sel = ModelSelector.select(cands, baseLabel, series, new ModelSelector.Options(plan, maseSeason(m, n), maxEnsemble,
                    combine, parallel, weighting, shrink, criterion));
        } catch (IllegalArgumentException e) {
            warnings.add("no backtest possible (" + e.getMessage() + "); using " + baseLabel);
            FittedModel f = resolve.apply(specs.get(0)).fit(series);
            info.put("selected", baseLabel);
            info.put("reason", "no backtest possible");
            return new FittedAuto(f, info, warnings, null, null);
        }
        warnings.addAll(sel.notes());
        info.put("selected", sel.winner().label());
        info.put("baseline", scoreMap(sel.baseline()));
        info.put("fva_percent", sel.fva());
        List<Map<String, Object>> cs = new ArrayList<>();
        for (ModelSelector.Score s : sel.candidates()) {
            cs.add(scoreMap(s));
        }
        info.put("candidates", cs);
        List<Map<String, Object>> combos = new ArrayList<>();
        for (ModelSelector.Score s : sel.combinations()) {
            combos.add(scoreMap(s));
        }
        info.put("combinations", combos);
        Map<String, Object> bt = new LinkedHashMap<>();
        bt.put("windows", sel.windows());
        bt.put("horizon", plan.horizon());
        bt.put("step", plan.step());
        bt.put("mase_season", maseSeason(m, n));
        bt.put("weights", weighting == ModelSelector.Weighting.INVERSE_ERROR ? "inverse" : "equal");
        bt.put("shrink", shrink);
        bt.put("select", criterion.name().toLowerCase(Locale.ROOT));
        info.put("backtest", bt);
        info.put("selection_ms", sel.millis());
        // refit the best on the whole series; replace it by the next when it fails
        List<String> replaced = new ArrayList<>();
        FittedModel chosen = null;
        double[][] errors = sel.winnerErrors();
        List<ModelSelector.Score> ranking = sel.ranking();
        ModelSelector.Score used = null;
        for (ModelSelector.Score s : ranking) {
            try {
                ForecastModel model = s.members().isEmpty() ? resolve.apply(ModelSpec.parse(s.label()))
                        : ensembleOf(s.members(), s.weights());
                FittedModel f = model.fit(series);
                String problem = ForecastCheck.problem(f.forecast(h, 80, 95), true);
                if (problem != null) {
                    throw new IllegalStateException(problem);
                }
                chosen = f;
                used = s;
                if (s != sel.winner()) {
                    info.put("selected", s.label());
                    errors = null;
                }
                break;
            } catch (RuntimeException e) {
                replaced.add(s.label() + ": " + e.getMessage());
                warnings.add("selected model " + s.label() + " failed on the whole series (" + e.getMessage()
                        + "); replaced by the next best");
            }
        }
        if (chosen == null) {
            chosen = resolve.apply(specs.get(0)).fit(series);
            info.put("selected", baseLabel);
        }
        if (!replaced.isEmpty()) {
            info.put("replaced", replaced);
        }
        info.put("time_ms", (System.nanoTime() - t0) / 1_000_000);
        return new FittedAuto(chosen, info, warnings, errors, backtestOf(sel, ranking, used));
    }

    /**
     * The backtest windows of the model that is used (null when it is the fallback baseline, or out of the
     * selection's leaders) and of the next model in the ranking after it.
     */
    private static Backtest backtestOf(ModelSelector.Selection sel, List<ModelSelector.Score> ranking, ModelSelector.Score used) {
        if (used == null) {
            return null;
        }
        ModelSelector.WindowForecasts chosen = sel.windowForecasts(used.label()).orElse(null);
        if (chosen == null) {
            return null;
        }
        int next = ranking.indexOf(used) + 1;
        ModelSelector.WindowForecasts runnerUp = next < ranking.size() ? sel.windowForecasts(ranking.get(next).label()).orElse(null)
                : null;
        return new Backtest(chosen, runnerUp);
    }

    /**
     * auto's backtest as the forecast used it: the forecasts of each rolling-origin window by the model that
     * was refitted on the whole series, and by the next in the ranking (null when there is none).
     */
    public record Backtest(ModelSelector.WindowForecasts chosen, ModelSelector.WindowForecasts runnerUp) {
    }

    /**
     * The backtest behind a model fitted by auto (what backtest.png draws), kept from the selection rather
     * than computed again; empty for any other model, or when auto fell back without a backtest.
     */
    public static java.util.Optional<Backtest> backtest(FittedModel fit) {
        return fit instanceof FittedAuto a ? java.util.Optional.ofNullable(a.backtest) : java.util.Optional.empty();
    }

    private ForecastModel ensembleOf(List<String> labels, List<Double> weights) {
        List<ForecastModel> ms = new ArrayList<>();
        List<ModelSpec> specs = new ArrayList<>();
        for (String l : labels) {
            ModelSpec s = ModelSpec.parse(l);
            specs.add(s);
            ms.add(resolve.apply(s));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("combine", combine.name().toLowerCase(Locale.ROOT));
        if (weights.isEmpty()) {
            return Ensemble.of(ModelSpec.of("ensemble", p, specs), ms, combine);
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        p.put("weights", Ensemble.weightsText(w));
        return Ensemble.weighted(ModelSpec.of("ensemble", p, specs), ms, w);
    }

    private static int maseSeason(int m, int n) {
        return m > 1 && n > 2 * m ? m : 1;
    }

    private static Map<String, Object> scoreMap(ModelSelector.Score s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.label());
        m.put("mase", s.mase());
        m.put("smape", s.smape());
        m.put("score", s.criterion());
        m.put("ms", s.millis());
        if (!s.weights().isEmpty()) {
            m.put("weights", s.weights());
        }
        if (s.error() != null) {
            m.put("error", s.error());
        }
        return m;
    }

    /** The chosen model, refitted on the whole series, with the selection in its parameters. */
    static final class FittedAuto implements FittedModel {
        private final FittedModel inner;
        private final Map<String, Object> info;
        private final List<String> warnings;
        private final double[][] backtestErrors;
        private final Backtest backtest;

        FittedAuto(FittedModel inner, Map<String, Object> info, List<String> warnings, double[][] backtestErrors, Backtest backtest) {
            this.inner = inner;
            this.info = info;
            this.warnings = new ArrayList<>(warnings);
            this.warnings.addAll(inner.warnings());
            this.backtestErrors = backtestErrors;
            this.backtest = backtest;
        }

        @Override
        public ModelSpec spec() {
            return inner.spec();
        }

        @Override
        public TimeSeries series() {
            return inner.series();
        }

        @Override
        public Forecast forecast(int horizon, double... levels) {
            Forecast f = inner.forecast(horizon, levels);
            if (levels.length > 0 && !f.hasIntervals() && backtestErrors != null) {
                f = f.withNormalIntervals(Calibration.standardErrors(backtestErrors, horizon), levels);
            }
            return f;
        }

        @Override
        public double[] fitted() {
            return inner.fitted();
        }

        @Override
        public double[] residuals() {
            return inner.residuals();
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>(info);
            p.put("model_parameters", inner.parameters());
            return p;
        }

        @Override
        public List<String> warnings() {
            return List.copyOf(warnings);
        }
    }
}
