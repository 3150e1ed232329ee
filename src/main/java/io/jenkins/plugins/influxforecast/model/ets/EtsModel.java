package io.jenkins.plugins.influxforecast.model.ets;

import io.jenkins.plugins.influxforecast.model.AbstractFittedModel;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.model.season.Seasonality;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exponential smoothing state-space models (ETS), as R's {@code forecast::ets}.
 *
 * <ul>
 * <li>{@code ets}: automatic. Every admitted type (error A/M, trend N/A/Ad, season N/A/M; no
 * additive error with multiplicative season) is fitted by maximum likelihood and the one with the
 * lowest AICc wins. {@code ets(model=AAdA)} fixes the type; wildcards as R: {@code model=ZZN},
 * {@code model=AZZ}. Other parameters: {@code damped=true|false}, {@code season=24|none|auto},
 * {@code alpha/beta/gamma/phi=} fixed values, {@code ic=aicc|aic|bic}, {@code opt=lik|mse|sigma|mae},
 * {@code additive=true} (additive types only), {@code maxeval=} optimiser budget.</li>
 * <li>{@code holtwinters}: Holt-Winters as an ETS configuration: ETS(A,A,A); with
 * {@code seasonal=multiplicative} ETS(M,A,M); {@code damped=true} damps the trend.</li>
 * </ul>
 * The season is the shortest period found by {@link Seasonality} (or given); seasonal ETS takes
 * periods up to {@value EtsEstimator#MAX_PERIOD}; longer cycles are dropped with a warning pointing
 * to {@code mstl}. Non-positive data drop the multiplicative candidates (with a warning) or, for a
 * fixed multiplicative type, fail. When no candidate can be estimated the model falls back to
 * simple exponential smoothing with alpha = 0.9999 (a random walk), and says so.
 */
public final class EtsModel implements ForecastModel {

    /** Paths used for simulated intervals (multiplicative season with period above 24). */
    static final int SIMULATION_PATHS = 2000;

    private final ModelSpec spec;
    private final String pattern;
    private final Boolean damped;
    private final boolean additiveOnly;
    private final Seasonality.Choice seasonChoice;
    private final EtsOptions options;
    private final boolean fixedType;

    private EtsModel(ModelSpec spec, String pattern, Boolean damped, boolean additiveOnly, EtsOptions options) {
        this.spec = spec;
        this.pattern = pattern;
        this.damped = damped;
        this.additiveOnly = additiveOnly;
        this.seasonChoice = Seasonality.choice(spec);
        this.options = options;
        List<EtsType> c = EtsType.candidates(pattern, damped); // validates the pattern now
        this.fixedType = c.size() == 1;
    }

    /** {@code ets(...)}. */
    public static EtsModel ets(ModelSpec spec) {
        if (spec.has(Seasonality.SEASONS)) {
            throw new IllegalArgumentException("model ets takes one season; for several use mstl(ets, seasons=[...])");
        }
        spec.allowOnly("model", "damped", Seasonality.SEASON, "alpha", "beta", "gamma", "phi", "ic", "opt", "additive",
                "maxeval", "simplex");
        spec.noMembers();
        String pattern = spec.param("model").orElse("ZZZ");
        Boolean damped = spec.has("damped") ? spec.boolParam("damped", false) : null;
        return new EtsModel(spec, pattern, damped, spec.boolParam("additive", false), options(spec));
    }

    /** {@code holtwinters(seasonal=additive|multiplicative, damped=false|true, season=...)}. */
    public static EtsModel holtWinters(ModelSpec spec) {
        spec.allowOnly("seasonal", "damped", Seasonality.SEASON, "alpha", "beta", "gamma", "phi", "opt", "maxeval", "simplex");
        spec.noMembers();
        String kind = spec.choiceParam("seasonal", "additive", "additive", "multiplicative");
        boolean d = spec.boolParam("damped", false);
        String pattern = kind.equals("additive") ? (d ? "AAdA" : "AAA") : (d ? "MAdM" : "MAM");
        return new EtsModel(spec, pattern, d, false, options(spec));
    }

    static EtsOptions options(ModelSpec spec) {
        EtsOptions o = EtsOptions.defaults();
        double a = spec.has("alpha") ? spec.doubleParam("alpha", 0, 1e-4, 0.9999) : Double.NaN;
        double b = spec.has("beta") ? spec.doubleParam("beta", 0, 1e-4, 0.9999) : Double.NaN;
        double g = spec.has("gamma") ? spec.doubleParam("gamma", 0, 1e-4, 0.9999) : Double.NaN;
        double p = spec.has("phi") ? spec.doubleParam("phi", 0, 0.8, 0.98) : Double.NaN;
        if (!Double.isNaN(a) && !Double.isNaN(b) && b > a) {
            throw spec.badValue("beta", String.valueOf(b), "at most alpha (" + a + ")");
        }
        if (!Double.isNaN(a) && !Double.isNaN(g) && g > 1 - a) {
            throw spec.badValue("gamma", String.valueOf(g), "at most 1 - alpha (" + (1 - a) + ")");
        }
        o = o.withFixed(a, b, g, p);
        if (spec.has("ic")) {
            o = o.withIc(EtsOptions.InformationCriterion.valueOf(spec.choiceParam("ic", "aicc", "aicc", "aic", "bic")
                    .toUpperCase(Locale.ROOT)));
        }
        if (spec.has("opt")) {
            o = o.withCriterion(EtsOptions.Criterion.parse(spec.choiceParam("opt", "lik", "lik", "mse", "sigma", "mae")));
        }
        if (spec.has("simplex")) {
            o = o.withRSimplex(spec.choiceParam("simplex", "r", "r", "scaled").equals("r"));
        }
        if (spec.has("maxeval")) {
            o = o.withMaxEvaluations(spec.intParam("maxeval", 2000, 10, 10_000_000));
        }
        return o;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        double[] y = series.values();
        int n = y.length;
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("series '" + series.label() + "' has missing or non-finite values; ETS needs a gap-free series");
            }
        }
        if (n < 1) {
            throw new IllegalArgumentException("series '" + series.label() + "' is empty");
        }
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<EtsType> candidates = new ArrayList<>(EtsType.candidates(pattern, damped));
        if (additiveOnly) {
            candidates.removeIf(EtsType::multiplicative);
        }
        boolean constant = true;
        for (double v : y) {
            constant &= v == y[0];
        }
        if (constant) {
            // as R's ets: simple exponential smoothing with alpha near 1 (a flat forecast, zero variance)
            warnings.add("series is constant: forecasting its value");
            EtsFit f = randomWalk(y);
            return new Fitted(resolvedSpec(f), series, f, warnings, notes, Map.of(), 0);
        }
        int m = 1;
        if (candidates.stream().anyMatch(EtsType::seasonal)) {
            m = season(series, candidates, warnings, notes);
        }
        dropMultiplicativeForNonPositive(series, candidates, warnings);
        Candidates fitted = fitCandidates(series, candidates, m);
        EtsFit best = fitted.best();
        if (best == null) {
            String why = candidates.isEmpty() ? "no ETS type applies" : fitted.lastError() != null ? fitted.lastError()
                    : "the series is too short for every ETS type (" + n + " points)";
            warnings.add("ETS could not be estimated (" + why + "); fell back to a random walk (ETS(A,N,N) with alpha = 0.9999)");
            best = randomWalk(y);
        } else {
            if (fitted.failed() > 0) {
                notes.add(fitted.failed() + " candidate type(s) could not be estimated; last error: " + fitted.lastError());
            }
            if (!best.converged()) {
                warnings.add("the optimiser did not meet its tolerance for " + best.type().label() + " (" + best.evaluations()
                        + " evaluations, budget " + options.maxEvaluations() + "); the best point found is used");
            }
        }
        return new Fitted(resolvedSpec(best), series, best, warnings, notes, fitted.table(), fitted.failed());
    }

    /** Simple exponential smoothing with alpha = 0.9999 from the first value: R's answer for a constant series. */
    private static EtsFit randomWalk(double[] y) {
        return EtsEstimator.evaluate(y, 1, new EtsType('A', 'N', false, 'N'), 0.9999, Double.NaN, Double.NaN, Double.NaN,
                new double[] {y[0]}, 3);
    }

    /**
     * The seasonal period for the seasonal candidates (1: none): given, found by {@link Seasonality},
     * or the frequency's natural cycle when only seasonal types were asked for. A period that ETS
     * cannot take is an error for a fixed type and drops the seasonal candidates otherwise (with a
     * warning).
     */
    private int season(TimeSeries series, List<EtsType> candidates, List<String> warnings, List<String> notes) {
        int n = series.size();
        Seasonality.Periods periods = seasonChoice.explicit() ? new Seasonality.Periods(seasonChoice.periods(), true, List.of())
                : Seasonality.resolve(series, spec);
        notes.addAll(periods.notes());
        boolean allSeasonal = candidates.stream().allMatch(EtsType::seasonal);
        if (!periods.seasonal() && !seasonChoice.explicit() && allSeasonal) {
            // a seasonal type was asked for (holtwinters, model=AAA): take the frequency's
            // natural cycle even though the test did not find it, when the data can carry it
            for (int c : series.frequency().candidatePeriods()) {
                if (c <= EtsEstimator.MAX_PERIOD && n >= EtsEstimator.minimumLength(candidates.get(0), c)) {
                    periods = new Seasonality.Periods(List.of(c), false, List.of());
                    notes.add("no significant seasonality found; period " + c + " of the frequency used for the seasonal type");
                    break;
                }
            }
        }
        int m = 1;
        if (periods.seasonal()) {
            m = periods.first();
            if (m > EtsEstimator.MAX_PERIOD) {
                if (fixedType) {
                    throw new IllegalArgumentException("seasonal ETS takes periods up to " + EtsEstimator.MAX_PERIOD + ", got " + m
                            + "; use mstl(ets, seasons=[" + m + "])");
                }
                warnings.add("seasonality dropped: period " + m + " is above " + EtsEstimator.MAX_PERIOD
                        + " (use mstl(ets, seasons=[" + m + "]) for it)");
                m = 1;
            }
        }
        if (m > 1 && n <= m) {
            if (fixedType) {
                throw new IllegalArgumentException("series too short for seasonal " + candidates.get(0).label() + " with period " + m
                        + ": " + n + " points, need at least " + EtsEstimator.minimumLength(candidates.get(0), m));
            }
            warnings.add("seasonality dropped: " + n + " points do not cover one period of " + m);
            m = 1;
        }
        if (m == 1) {
            if (fixedType) {
                if (candidates.get(0).seasonal()) {
                    throw new IllegalArgumentException(candidates.get(0).label() + " needs a seasonal period: none was found in series '"
                            + series.label() + "'; give season=N or choose a non-seasonal model");
                }
            } else {
                candidates.removeIf(EtsType::seasonal);
                if (candidates.isEmpty()) {
                    throw new IllegalArgumentException("ETS model '" + pattern + "' needs a seasonal period: none was found in series '"
                            + series.label() + "'");
                }
            }
        }
        return m;
    }

    /** Multiplicative types need positive data: an error for a fixed type, else they are dropped with a warning. */
    private void dropMultiplicativeForNonPositive(TimeSeries series, List<EtsType> candidates, List<String> warnings) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            min = Math.min(min, series.get(i));
        }
        if (!(min > 0) && candidates.stream().anyMatch(EtsType::multiplicative)) {
            if (fixedType) {
                throw new IllegalArgumentException(candidates.get(0).label() + " needs strictly positive values; series '" + series.label()
                        + "' has a minimum of " + String.format(Locale.ROOT, "%.6g", min) + " (use an additive model)");
            }
            warnings.add("multiplicative ETS types skipped: the series has values <= 0 (minimum "
                    + String.format(Locale.ROOT, "%.6g", min) + ")");
            candidates.removeIf(EtsType::multiplicative);
        }
    }

    /**
     * The candidates fitted: the best by the information criterion (null when none could be
     * estimated), the criterion of each, how many failed and the last failure.
     */
    private record Candidates(EtsFit best, Map<String, Double> table, int failed, String lastError) {
    }

    private Candidates fitCandidates(TimeSeries series, List<EtsType> candidates, int period) {
        double[] y = series.values();
        int n = y.length;
        EtsFit best = null;
        double bestIc = Double.POSITIVE_INFINITY;
        Map<String, Double> table = new LinkedHashMap<>();
        int failed = 0;
        String lastError = null;
        Map<EtsType, EtsEstimator.Outcome> together = fitNonSeasonalTogether(y, candidates);
        for (EtsType t : candidates) {
            int mt = t.seasonal() ? period : 1;
            if (n < EtsEstimator.minimumLength(t, mt)) {
                if (fixedType) {
                    throw new IllegalArgumentException("series '" + series.label() + "' too short for " + t.label()
                            + (t.seasonal() ? " with period " + mt : "") + ": " + n + " points, need at least "
                            + EtsEstimator.minimumLength(t, mt));
                }
                continue;
            }
            try {
                EtsEstimator.Outcome done = together.get(t);
                EtsFit f = done != null ? done.get() : EtsEstimator.fit(y, mt, t, options);
                double ic = f.ic(options.ic());
                table.put(t.code(), ic);
                if (ic < bestIc) {
                    bestIc = ic;
                    best = f;
                }
            } catch (IllegalArgumentException e) {
                if (fixedType) {
                    throw e;
                }
                failed++;
                lastError = e.getMessage();
            } catch (RuntimeException e) {
                failed++;
                lastError = e.getMessage();
            }
        }
        return new Candidates(best, table, failed, lastError);
    }

    /** The non-seasonal candidates fitted side by side (the same estimates, in about half the time), when that applies. */
    private Map<EtsType, EtsEstimator.Outcome> fitNonSeasonalTogether(double[] y, List<EtsType> candidates) {
        Map<EtsType, EtsEstimator.Outcome> together = new java.util.HashMap<>();
        if (EtsEstimator.sideBySide(options)) {
            List<EtsType> flat = candidates.stream().filter(t -> !t.seasonal() && y.length >= EtsEstimator.minimumLength(t, 1)).toList();
            if (flat.size() > 1) {
                List<EtsEstimator.Outcome> r = EtsEstimator.fitNonSeasonal(y, flat, options);
                for (int i = 0; i < r.size(); i++) {
                    together.put(flat.get(i), r.get(i));
                }
            }
        }
        return together;
    }

    private ModelSpec resolvedSpec(EtsFit f) {
        ModelSpec s = spec.without("model").without("damped").without(Seasonality.SEASON).without("seasonal");
        s = ModelSpec.of("ets", s.params()).with("model", f.type().code());
        if (f.type().seasonal()) {
            s = s.with(Seasonality.SEASON, f.period());
        }
        return s;
    }

    /** An ETS fit as a {@link FittedModel}. */
    public static final class Fitted extends AbstractFittedModel {
        private final EtsFit fit;
        private final List<String> notes;
        private final Map<String, Double> table;
        private final int failed;

        Fitted(ModelSpec spec, TimeSeries series, EtsFit fit, List<String> warnings, List<String> notes,
               Map<String, Double> table, int failed) {
            super(spec, series, fit.fitted());
            this.fit = fit;
            this.notes = List.copyOf(notes);
            this.table = new LinkedHashMap<>(table);
            this.failed = failed;
            warnings.forEach(this::warn);
        }

        /** The underlying ETS estimate (states, parameters, criteria). */
        public EtsFit etsFit() {
            return fit;
        }

        @Override
        protected double[] pointForecast(int horizon) {
            return fit.forecastMean(horizon);
        }

        @Override
        protected double[] standardErrors(int horizon) {
            double[] v = fit.forecastVariance(horizon);
            if (v == null) {
                return null;
            }
            double[] se = new double[horizon];
            for (int i = 0; i < horizon; i++) {
                if (!Double.isFinite(v[i])) {
                    return null; // e.g. no degrees of freedom left for sigma: no intervals rather than NaN ones
                }
                se[i] = Math.sqrt(Math.max(v[i], 0));
            }
            return se;
        }

        @Override
        public Forecast forecast(int horizon, double... levels) {
            if (levels.length == 0 || fit.hasAnalyticVariance()) {
                return super.forecast(horizon, levels);
            }
            Forecast f = super.forecast(horizon);
            double[] probs = new double[2 * levels.length];
            for (int i = 0; i < levels.length; i++) {
                probs[2 * i] = 0.5 - levels[i] / 200;
                probs[2 * i + 1] = 0.5 + levels[i] / 200;
            }
            double[][] q = fit.simulatedQuantiles(horizon, probs, SIMULATION_PATHS, 20240601L);
            for (int i = 0; i < levels.length; i++) {
                f = f.withInterval(levels[i], q[2 * i], q[2 * i + 1]);
            }
            return f;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = super.parameters();
            p.put("method", fit.type().label());
            if (fit.type().seasonal()) {
                p.put("season", fit.period());
            }
            p.put("alpha", fit.alpha());
            if (fit.type().hasTrend()) {
                p.put("beta", fit.beta());
            }
            if (fit.type().seasonal()) {
                p.put("gamma", fit.gamma());
            }
            if (fit.type().damped()) {
                p.put("phi", fit.phi());
            }
            double[] x0 = fit.initialState();
            p.put("initial_level", x0[0]);
            if (fit.type().hasTrend()) {
                p.put("initial_trend", x0[1]);
            }
            if (fit.type().seasonal()) {
                List<Double> s = new ArrayList<>();
                for (int j = fit.type().hasTrend() ? 2 : 1; j < x0.length; j++) {
                    s.add(x0[j]);
                }
                p.put("initial_seasonal", s);
            }
            p.put("loglik", fit.logLik());
            p.put("aic", fit.aic());
            p.put("aicc", fit.aicc());
            p.put("bic", fit.bic());
            p.put("sigma2", fit.sigma2());
            p.put("converged", fit.converged());
            p.put("evaluations", fit.evaluations());
            if (!table.isEmpty()) {
                p.put("candidates", new LinkedHashMap<>(table));
            }
            if (failed > 0) {
                p.put("candidates_failed", failed);
            }
            if (!notes.isEmpty()) {
                p.put("notes", notes);
            }
            return p;
        }
    }
}
