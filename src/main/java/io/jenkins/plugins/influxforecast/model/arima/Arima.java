package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seasonal ARIMA. {@code arima} chooses the orders automatically (as R's {@code auto.arima});
 * giving any of {@code p, q, P, Q} fixes the model ({@code arima(p=1,d=1,q=1,P=0,D=1,Q=1,season=24)},
 * missing orders are 0). {@code autoarima(season_length=30)} is the same model under the name the
 * pipeline we replace used.
 *
 * <p>Parameters: {@code season} (alias {@code season_length}; default: the shortest natural period of
 * the frequency; {@code none} or 1 for non-seasonal), {@code constant} (mean or drift; automatic: as
 * R, a mean when d + D = 0 and a drift when d + D = 1 may be chosen), {@code drift} (fixed models),
 * {@code ic} (aicc, aic, bic), {@code stepwise}, {@code approximation} (auto, true, false),
 * {@code method} (css-ml, ml, css; fixed models), the search bounds {@code max_p, max_q, max_P,
 * max_Q, max_order, max_d, max_D}, and {@code fourier=[24,168]} for long or multiple seasonal
 * periods through Fourier terms (see {@link HarmonicRegression}).
 */
public final class Arima implements ForecastModel {

    /** Seasonal periods above this are modelled with Fourier terms rather than seasonal lags. */
    static final int MAX_SEASONAL_LAG = 60;

    /**
     * The largest orders a fit finishes with in reasonable time (seconds to a minute on a few thousand
     * points; the cost grows with the square of the state size): p and q up to 20, P and Q up to 4,
     * d and D up to 2, and AR and MA polynomials of degree (p + P*season, q + Q*season) up to 400.
     * R's auto.arima searches p, q up to 5 and P, Q up to 2.
     */
    static final int MAX_PQ = 20;
    static final int MAX_SEASONAL_PQ = 4;
    static final int MAX_DIFFERENCES = 2;
    static final int MAX_LAG_DEGREE = 400;
    /** The most Fourier harmonics per period (each adds two regressors). */
    static final int MAX_HARMONICS = 100;

    private static final String[] KEYS = {"p", "d", "q", "P", "D", "Q", "season", "season_length", "constant",
        "drift", "ic", "stepwise", "approximation", "method", "max_p", "max_q", "max_P", "max_Q", "max_order", "max_d",
        "max_D", "fourier", "k", "lambda"};

    private final ModelSpec spec;
    private final boolean fixed;
    private final int[] orders; // p, d, q, P, D, Q; -1 = free (d, D only)
    private final Integer season; // null: from the frequency; 1: none
    private final Boolean constant;
    private final boolean drift;
    private final ArimaEstimator.Method method;
    private final AutoArima.Options options;
    private final List<Double> fourier;
    private final List<Integer> harmonics;
    private final Double lambda;

    private Arima(ModelSpec spec) {
        spec.allowOnly(KEYS);
        spec.noMembers();
        this.spec = spec;
        boolean anyArma = exact(spec, "p") || exact(spec, "q") || exact(spec, "P") || exact(spec, "Q");
        this.fixed = anyArma;
        this.orders = new int[] {order(spec, "p", fixed ? 0 : -1), order(spec, "d", fixed ? 0 : -1),
            order(spec, "q", fixed ? 0 : -1), order(spec, "P", fixed ? 0 : -1), order(spec, "D", fixed ? 0 : -1),
            order(spec, "Q", fixed ? 0 : -1)};
        if (spec.has("season") && spec.has("season_length")) {
            throw new IllegalArgumentException("model " + spec.name() + ": give season or season_length, not both");
        }
        String key = spec.has("season_length") ? "season_length" : "season";
        String sv = spec.param(key).orElse(null);
        if (sv == null) {
            season = null;
        } else if (sv.equalsIgnoreCase("none")) {
            season = 1;
        } else {
            season = spec.intParam(key, 1, 1, 100_000);
        }
        this.constant = spec.has("constant") ? spec.boolParam("constant", true) : null;
        this.drift = spec.boolParam("drift", false);
        String m = spec.choiceParam("method", "css-ml", "css-ml", "ml", "css");
        this.method = switch (m) {
            case "ml" -> ArimaEstimator.Method.ML;
            case "css" -> ArimaEstimator.Method.CSS;
            default -> ArimaEstimator.Method.CSS_ML;
        };
        AutoArima.Options o = new AutoArima.Options();
        o.ic = switch (spec.choiceParam("ic", "aicc", "aicc", "aic", "bic")) {
            case "aic" -> AutoArima.Ic.AIC;
            case "bic" -> AutoArima.Ic.BIC;
            default -> AutoArima.Ic.AICC;
        };
        o.stepwise = spec.boolParam("stepwise", true);
        String approx = spec.choiceParam("approximation", "auto", "auto", "true", "false");
        o.approximation = approx.equals("auto") ? null : Boolean.valueOf(approx);
        o.maxP = bound(spec, "max_p", o.maxP);
        o.maxQ = bound(spec, "max_q", o.maxQ);
        o.maxSP = bound(spec, "max_P", o.maxSP);
        o.maxSQ = bound(spec, "max_Q", o.maxSQ);
        o.maxOrder = bound(spec, "max_order", o.maxOrder);
        o.maxD = bound(spec, "max_d", o.maxD);
        o.maxSD = bound(spec, "max_D", o.maxSD);
        if (orders[1] >= 0) {
            o.d = orders[1];
        }
        if (orders[4] >= 0) {
            o.sd = orders[4];
        }
        if (Boolean.FALSE.equals(constant)) {
            o.allowDrift = false;
            o.allowMean = false;
        }
        if (spec.has("drift") && !drift) {
            o.allowDrift = false;
        }
        this.options = o;
        this.fourier = periods(spec, "fourier");
        this.harmonics = spec.intListParam("k", 1, MAX_HARMONICS);
        this.lambda = spec.has("lambda") ? spec.doubleParam("lambda", 0, -1, 2) : null;
        if (!harmonics.isEmpty() && harmonics.size() != fourier.size()) {
            throw new IllegalArgumentException("model " + spec.name() + ": k needs one harmonic count per fourier period, got k="
                    + harmonics + " for fourier=" + fourier);
        }
        for (int i = 0; i < harmonics.size(); i++) {
            if (2 * harmonics.get(i) > fourier.get(i)) {
                throw new IllegalArgumentException("model " + spec.name() + ": k for period "
                        + HarmonicRegression.label(fourier.get(i)) + " must be at most " + (int) Math.floor(fourier.get(i) / 2)
                        + ", got " + harmonics.get(i));
            }
        }
        if (fixed && (orders[3] > 0 || orders[4] > 0 || orders[5] > 0) && Integer.valueOf(1).equals(season)) {
            throw new IllegalArgumentException("model " + spec.name() + ": seasonal orders P, D, Q need a season, got season=none");
        }
        if (fixed && season != null) {
            checkLagDegrees(spec, orders[0], orders[3], orders[2], orders[5], season);
        }
    }

    /** A list of periods written {@code [24,168]} or {@code [52.18]}, each at least 2. */
    private static List<Double> periods(ModelSpec spec, String key) {
        String v = spec.param(key).orElse(null);
        List<Double> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        String body = v.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        for (String part : body.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            double d;
            try {
                d = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw spec.badValue(key, v, "a list of periods of at least 2 steps, such as [24,168] or [52.18]");
            }
            if (!(d >= 2 && d <= 1e6)) {
                throw spec.badValue(key, v, "a list of periods of at least 2 steps, such as [24,168] or [52.18]");
            }
            out.add(d);
        }
        return out;
    }

    /** Whether the key was written exactly so: p and P (d/D, q/Q, max_p/max_P...) are different parameters. */
    private static boolean exact(ModelSpec spec, String key) {
        return spec.params().containsKey(key);
    }

    /** An integer parameter whose case matters, read by its exact spelling. */
    private static int exactInt(ModelSpec spec, String key, int dflt, int max) {
        String v = spec.params().get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw spec.badValue(key, v, "an integer from 0 to " + max);
    }

    private static int order(ModelSpec spec, String key, int dflt) {
        return exactInt(spec, key, dflt, maxOrder(key));
    }

    /** The largest value of an order or of its bound for the automatic search ({@code max_p} like {@code p}). */
    private static int maxOrder(String key) {
        String k = key.startsWith("max_") ? key.substring(4) : key;
        return switch (k) {
            case "d", "D" -> MAX_DIFFERENCES;
            case "P", "Q" -> MAX_SEASONAL_PQ;
            case "order" -> 2 * MAX_PQ;
            default -> MAX_PQ;
        };
    }

    private static int bound(ModelSpec spec, String key, int dflt) {
        return exactInt(spec, key, dflt, maxOrder(key));
    }

    /** Refuses seasonal orders whose lag polynomials would be too long for the season. */
    private static void checkLagDegrees(ModelSpec spec, int p, int sp, int q, int sq, int m) {
        long ar = p + (long) sp * m;
        long ma = q + (long) sq * m;
        if (ar > MAX_LAG_DEGREE || ma > MAX_LAG_DEGREE) {
            throw new IllegalArgumentException("model " + spec + ": with season " + m + " the " + (ar > MAX_LAG_DEGREE
                    ? "AR polynomial has degree p + P*season = " + ar : "MA polynomial has degree q + Q*season = " + ma)
                    + ", above the maximum " + MAX_LAG_DEGREE + "; use fewer seasonal orders, or Fourier terms for a long season"
                    + " (arima(fourier=[" + m + "]))");
        }
    }

    /** {@code arima}: automatic unless orders are given. */
    public static Arima create(ModelSpec spec) {
        return new Arima(spec);
    }

    /** {@code autoarima(season_length=...)}: the automatic model under the name of the pipeline we replace. */
    public static Arima autoarima(ModelSpec spec) {
        for (String k : new String[] {"p", "q", "P", "Q"}) {
            if (exact(spec, k)) {
                throw new IllegalArgumentException("model autoarima chooses the orders itself; use arima(" + k + "=...) to fix them");
            }
        }
        return new Arima(spec);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        if (lambda != null) {
            for (int i = 0; i < series.size(); i++) {
                if (!(series.get(i) > 0)) {
                    throw new IllegalArgumentException("model " + spec.name() + " with lambda=" + lambda
                            + " (Box-Cox) needs positive values; series '" + series.label() + "' has " + series.get(i)
                            + " at index " + i);
                }
            }
            TimeSeries z = series.withValues(BoxCoxFit.forward(series.values(), lambda));
            return new BoxCoxFit(fitOriginal(z), series, lambda);
        }
        return fitOriginal(series);
    }

    private FittedModel fitOriginal(TimeSeries series) {
        double[] y = series.values();
        int n = y.length;
        int missing = 0;
        for (double v : y) {
            if (!Double.isFinite(v)) {
                missing++;
            }
        }
        if (missing == n) {
            throw new IllegalArgumentException("series '" + series.label() + "' has no finite values: arima needs data");
        }
        if (missing > 0) {
            throw new IllegalArgumentException("series '" + series.label() + "' has " + missing
                    + " missing values: arima needs a gap-free series (fill the gaps first)");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        // with Fourier terms the seasonality is theirs unless a season is given as well
        boolean seasonalOrders = fixed && (orders[3] > 0 || orders[4] > 0 || orders[5] > 0);
        int m = season != null ? season : (fourier.isEmpty() || seasonalOrders ? series.frequency().defaultSeason() : 1);
        List<Double> periods = new ArrayList<>(fourier);
        if (m > 1 && n < 2 * m) {
            String msg = "season " + m + " dropped: the series has " + n + " points, fewer than two full periods ("
                    + 2 * m + ")";
            if (fixed && (orders[3] > 0 || orders[4] > 0 || orders[5] > 0)) {
                throw new IllegalArgumentException("series '" + series.label() + "' too short for seasonal " + spec
                        + ": " + n + " points, need at least " + 2 * m + " (two periods of " + m + ")");
            }
            warnings.add(msg);
            extra.put("seasonDropped", m);
            m = 1;
        }
        if (m > 1 && m > MAX_SEASONAL_LAG && periods.isEmpty() && !fixed) {
            periods.add((double) m);
            warnings.add("season " + m + " is longer than " + MAX_SEASONAL_LAG
                    + " steps: modelled with Fourier terms (dynamic harmonic regression) instead of seasonal lags");
            extra.put("seasonHandledBy", "fourier");
            m = 1;
        }
        List<Double> keptPeriods = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            double per = periods.get(i);
            if (2 * per > n) {
                warnings.add("Fourier period " + HarmonicRegression.label(per) + " dropped: the series has " + n
                        + " points, fewer than two full periods");
                extra.put("fourierDropped", per);
            } else {
                keptPeriods.add(per);
            }
        }
        if (!keptPeriods.isEmpty()) {
            List<Integer> k = harmonics.isEmpty() ? List.of() : keptHarmonics(keptPeriods);
            return HarmonicRegression.fit(this, series, m, keptPeriods, k, warnings, extra);
        }
        if (fixed) {
            return fitFixed(series, m, warnings, extra);
        }
        return fitAuto(series, m, new double[0][], List.of(), List.of(), warnings, extra);
    }

    private List<Integer> keptHarmonics(List<Double> kept) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < fourier.size(); i++) {
            if (kept.contains(fourier.get(i))) {
                out.add(harmonics.get(i));
            }
        }
        return out;
    }

    AutoArima.Options options() {
        return options;
    }

    /** The automatic search, with extra regressors (Fourier terms) when given. */
    FittedModel fitAuto(TimeSeries series, int m, double[][] xreg, List<String> xregNames, List<FittedArima.Regressor> xregFns,
            List<String> warnings, Map<String, Object> extra) {
        double[] y = series.values();
        int n = y.length;
        if (n < 4) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for " + spec.name() + ": " + n
                    + " points, need at least 4");
        }
        if (Differencing.isConstant(y)) {
            warnings.add("constant series: forecast is the constant, with zero-width intervals");
            ArimaOrder o0 = ArimaOrder.of(0, 0, 0);
            ArimaFit f = ArimaEstimator.fit(y, o0, new double[][] {ones(n)}, List.of("intercept"), ArimaEstimator.Method.CSS_ML,
                    false, false);
            return new FittedArima(resolved(o0, true), series, f, List.of(FittedArima.of(t -> 1.0)), extra, warnings);
        }
        AutoArima.Result res;
        try {
            res = AutoArima.search(y, m, xreg, xregNames, options);
        } catch (ArimaEstimator.EstimationException e) {
            // nothing acceptable: fall back to the simplest model of the chosen differencing
            warnings.add("automatic ARIMA found no acceptable model (" + e.getMessage() + "); fell back to a random walk"
                    + (m > 1 ? " with seasonal differencing" : ""));
            ArimaOrder fb = m > 1 && n > 2 * m ? new ArimaOrder(0, 0, 0, 0, 1, 0, m) : ArimaOrder.of(0, 1, 0);
            AutoArima.Regs r = AutoArima.regressors(y, fb, false, xreg, xregNames, false);
            ArimaFit f = ArimaEstimator.fit(y, fb, r.cols(), r.names(), ArimaEstimator.Method.CSS_ML, false, false);
            extra.put("fallback", fb.toString());
            return new FittedArima(resolved(fb, false), series, f, regressorFns(fb, false, xregFns), extra, warnings);
        }
        warnings.addAll(res.notes);
        warnings.addAll(res.fit.notes());
        if (!res.fit.converged()) {
            warnings.add("the optimiser did not converge for " + res.fit.order() + "; the estimates may be inaccurate");
        }
        extra.put("search", searchInfo(res));
        return new FittedArima(resolved(res.fit.order(), res.constant), series, res.fit,
                regressorFns(res.fit.order(), res.constant, xregFns), extra, warnings);
    }

    /**
     * Regression on {@code xreg} with ARIMA errors: the error orders are chosen automatically for the
     * series less a least-squares fit of the regressors (errors of fixed orders when the spec fixes
     * them), then everything is estimated jointly by exact maximum likelihood.
     */
    FittedModel fitDynamic(TimeSeries series, int m, double[][] xreg, List<String> xregNames,
            List<FittedArima.Regressor> xregFns, List<String> warnings, Map<String, Object> extra) {
        double[] y = series.values();
        int n = y.length;
        ArimaOrder order;
        boolean withConst;
        if (fixed) {
            order = new ArimaOrder(orders[0], orders[1], orders[2], m > 1 ? orders[3] : 0, m > 1 ? orders[4] : 0,
                    m > 1 ? orders[5] : 0, Math.max(1, m));
            int diffs = order.d() + order.sd();
            withConst = diffs == 0 ? constant == null || constant : diffs == 1 && (drift || Boolean.TRUE.equals(constant));
        } else {
            double[] u = AutoArima.regressionResiduals(y, xreg);
            AutoArima.Result res;
            try {
                res = AutoArima.search(u, m, new double[0][], List.of(), options);
            } catch (RuntimeException e) {
                res = null;
            }
            if (res == null) {
                warnings.add("no ARIMA error model found for the regression; used ARIMA(0,1,1)");
                order = ArimaOrder.of(0, 1, 1);
                withConst = false;
            } else {
                order = res.fit.order();
                // the regression had an intercept: keep it when the errors are not differenced
                withConst = order.d() + order.sd() == 0 || res.constant;
                extra.put("search", searchInfo(res));
            }
        }
        AutoArima.Regs r = AutoArima.regressors(y, order, withConst, xreg, xregNames, false);
        if (n - order.diffLength() <= r.cols().length + order.armaCount() + 2) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for " + order + " with "
                    + xreg.length + " regressors: " + n + " points, need at least "
                    + (order.diffLength() + r.cols().length + order.armaCount() + 3));
        }
        ArimaFit f;
        try {
            f = ArimaEstimator.fit(y, order, r.cols(), r.names(), method, false, false);
        } catch (ArimaEstimator.EstimationException e) {
            warnings.add("maximum likelihood failed for " + order + " with regressors (" + e.getMessage()
                    + "); fell back to conditional sum of squares");
            extra.put("fallback", "CSS");
            f = ArimaEstimator.fit(y, order, r.cols(), r.names(), ArimaEstimator.Method.CSS, false, false);
        }
        warnings.addAll(f.notes());
        return new FittedArima(resolved(order, withConst), series, f, regressorFns(order, withConst, xregFns), extra, warnings)
                .withStandardErrorsFrom(r.cols());
    }

    private FittedModel fitFixed(TimeSeries series, int m, List<String> warnings, Map<String, Object> extra) {
        double[] y = series.values();
        int n = y.length;
        ArimaOrder o = new ArimaOrder(orders[0], orders[1], orders[2], m > 1 ? orders[3] : 0, m > 1 ? orders[4] : 0,
                m > 1 ? orders[5] : 0, Math.max(1, m));
        checkLagDegrees(spec, o.p(), o.sp(), o.q(), o.sq(), o.m());
        if (m <= 1 && orders[3] + orders[4] + orders[5] > 0) {
            warnings.add("seasonal orders ignored: no season for this series");
            extra.put("seasonDropped", true);
        }
        int diffs = o.d() + o.sd();
        boolean withConst = false;
        if (diffs == 0) {
            withConst = constant == null || constant;
        } else if (diffs == 1) {
            withConst = drift || Boolean.TRUE.equals(constant);
        } else if (drift || Boolean.TRUE.equals(constant)) {
            warnings.add("no drift fitted: the order of differencing is " + diffs + " (drift needs d + D = 1)");
        }
        int npar = o.armaCount() + (withConst ? 1 : 0) + 1;
        int need = o.diffLength() + Math.max(o.arLength(), o.maLength()) + npar + 1;
        if (n < need) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for " + o + ": " + n
                    + " points, need at least " + need);
        }
        AutoArima.Regs r = AutoArima.regressors(y, o, withConst, new double[0][], List.of(), false);
        ArimaFit f;
        try {
            f = ArimaEstimator.fit(y, o, r.cols(), r.names(), method, false, false);
        } catch (ArimaEstimator.EstimationException e) {
            if (method == ArimaEstimator.Method.CSS) {
                throw new IllegalArgumentException("series '" + series.label() + "': " + o + " could not be estimated: "
                        + e.getMessage());
            }
            warnings.add("maximum likelihood failed for " + o + " (" + e.getMessage()
                    + "); fell back to conditional sum of squares");
            extra.put("fallback", "CSS");
            f = ArimaEstimator.fit(y, o, r.cols(), r.names(), ArimaEstimator.Method.CSS, false, false);
        }
        warnings.addAll(f.notes());
        return new FittedArima(resolved(o, withConst), series, f, regressorFns(o, withConst, List.of()), extra, warnings)
                .withStandardErrorsFrom(r.cols());
    }

    private Map<String, Object> searchInfo(AutoArima.Result res) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("models", res.tried.size());
        m.put("exactRefits", res.refits);
        m.put("approximation", res.approximation);
        m.put("ic", options.ic.name().toLowerCase(Locale.ROOT));
        m.put("stepwise", options.stepwise);
        return m;
    }

    static List<FittedArima.Regressor> regressorFns(ArimaOrder o, boolean constant, List<FittedArima.Regressor> extra) {
        List<FittedArima.Regressor> fns = new ArrayList<>();
        int diffs = o.d() + o.sd();
        if (constant && diffs == 0) {
            fns.add(FittedArima.of(t -> 1.0));
        } else if (constant && diffs == 1) {
            fns.add(FittedArima.of(t -> t));
        }
        fns.addAll(extra);
        return fns;
    }

    /** The spec with the choices made: orders, season and constant. */
    ModelSpec resolved(ArimaOrder o, boolean withConstant) {
        ModelSpec s = ModelSpec.of(spec.name());
        s = s.with("p", o.p()).with("d", o.d()).with("q", o.q());
        if (o.m() > 1) {
            s = s.with("P", o.sp()).with("D", o.sd()).with("Q", o.sq()).with("season", o.m());
        }
        int diffs = o.d() + o.sd();
        if (diffs <= 1) {
            s = s.with(diffs == 0 ? "constant" : "drift", withConstant);
        }
        for (Map.Entry<String, String> e : spec.params().entrySet()) {
            String k = e.getKey();
            if (k.equals("fourier") || k.equals("k")) {
                s = s.with(k, e.getValue());
            }
        }
        return s;
    }

    static double[] ones(int n) {
        double[] c = new double[n];
        java.util.Arrays.fill(c, 1.0);
        return c;
    }
}
