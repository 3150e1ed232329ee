package io.jenkins.plugins.influxforecast.model.ets;

import io.jenkins.plugins.influxforecast.model.optim.NelderMead;
import io.jenkins.plugins.influxforecast.model.season.ClassicalDecomposition;
import io.jenkins.plugins.influxforecast.model.season.Decomposition;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Estimates one ETS type on one series, the way R's {@code etsmodel} does: heuristic initial states
 * ({@code initstate}: classical decomposition or, below three cycles, a trend-plus-harmonic
 * regression; a regression line on the first max(10, 2m) adjusted values), R's starting values for
 * the smoothing parameters ({@code initparam}), then Nelder-Mead (R's variant, {@link NelderMead}) over the smoothing
 * parameters and the initial states, minimising the chosen criterion; points outside the usual
 * bounds or the admissible region score +infinity, as in R.
 *
 * <p>By default the search is R's own (same start, same simplex, same moves, same stopping rule and
 * budget of 2000 evaluations), so the estimates are R's: on M4 Hourly the forecasts of the
 * automatic selection match R's {@code ets()} series by series. {@link EtsOptions#withRSimplex}
 * {@code (false)} (spec {@code simplex=scaled}) optimises the smoothing parameters on a logistic
 * scale mapped onto their bounds (alpha in [lower, upper], beta in [lower, min(upper, alpha)], gamma
 * in [lower, min(upper, 1 - alpha)], phi in [lower, upper]) with steps scaled per coordinate
 * instead. Above {@link EtsOptions#maxSeasonalStatesOptimised()} (24, R's own limit for seasonal
 * ETS) the initial seasonal states keep their heuristic values and only the smoothing parameters,
 * level and trend are optimised. The filter is O(1) per step whatever the period (a ring buffer of
 * seasonal states), and the admissibility test avoids root finding (see {@link EtsAdmissible}).
 * The non-seasonal candidates of an automatic selection are searched side by side
 * ({@link #fitNonSeasonal}): the filter is a chain of dependent multiply-adds that leaves the
 * processor mostly waiting, so two or three likelihoods computed in one pass over the series cost
 * little more than one; each search and each estimate stays exactly what it is alone.
 */
public final class EtsEstimator {

    /** The longest seasonal period seasonal ETS accepts; longer cycles go through MSTL. */
    public static final int MAX_PERIOD = 168;

    private EtsEstimator() {
    }

    /** The minimum number of observations R's {@code ets} needs for a type: more than npars + 4. */
    public static int minimumLength(EtsType type, int m) {
        int npars = 2 + (type.hasTrend() ? 2 : 0) + (type.seasonal() ? m : 0) + (type.damped() ? 1 : 0);
        return npars + 5;
    }

    /**
     * Fits one type. Throws IllegalArgumentException with a clear message when the series cannot
     * take it (too short, non-positive values for a multiplicative type, period out of range).
     */
    public static EtsFit fit(double[] y, int period, EtsType type, EtsOptions o) {
        int m = checkFits(y, period, type);
        return new Problem(y, m, type, o).solve();
    }

    /** The checks of {@link #fit}; returns the period used (1 for non-seasonal types). */
    private static int checkFits(double[] y, int period, EtsType type) {
        int n = y.length;
        int m = type.seasonal() ? period : 1;
        if (type.seasonal() && (period < 2 || period > MAX_PERIOD)) {
            throw new IllegalArgumentException("seasonal ETS needs a period from 2 to " + MAX_PERIOD + ", got " + period
                    + (period > MAX_PERIOD ? "; use mstl(ets, seasons=[...]) for longer cycles" : ""));
        }
        int need = minimumLength(type, m);
        if (n < need) {
            throw new IllegalArgumentException("series too short for " + type.label()
                    + (type.seasonal() ? " with period " + m : "") + ": " + n + " points, need at least " + need);
        }
        if (type.multiplicative()) {
            double min = Double.POSITIVE_INFINITY;
            for (double v : y) {
                min = Math.min(min, v);
            }
            if (!(min > 0)) {
                throw new IllegalArgumentException(type.label() + " needs strictly positive values; the series has a minimum of "
                        + String.format(Locale.ROOT, "%.6g", min));
            }
        }
        return m;
    }

    /**
     * Fits several non-seasonal types on one series side by side, with exactly the result of
     * {@link #fit} for each ({@code period} 1): each type runs its own Nelder-Mead search, and the
     * points the searches ask for are evaluated together, up to three types with the same error
     * component in one pass over the series ({@link EtsKernel#likelihoodNone}), which costs little
     * more than one (up to three of both errors together, {@link EtsKernel#likelihoodMixed}). Only for the likelihood criterion without R's arithmetic
     * ({@link #sideBySide}); the outcome for a type holds its {@link EtsFit} or the RuntimeException
     * that {@code fit} would throw.
     */
    public static List<Outcome> fitNonSeasonal(double[] y, List<EtsType> types, EtsOptions o) {
        int count = types.size();
        Outcome[] out = new Outcome[count];
        Problem[] problems = new Problem[count];
        NelderMead.Search[] searches = new NelderMead.Search[count];
        for (int i = 0; i < count; i++) {
            EtsType t = types.get(i);
            if (t.seasonal()) {
                throw new IllegalArgumentException("fitNonSeasonal takes non-seasonal types, got " + t.label());
            }
            try {
                checkFits(y, 1, t);
                problems[i] = new Problem(y, 1, t, o);
                searches[i] = problems[i].search();
            } catch (RuntimeException e) {
                out[i] = Outcome.failed(e);
                problems[i] = null;
            }
        }
        double[] addK = new double[3 * EtsKernel.LANE];
        double[] multK = new double[3 * EtsKernel.LANE];
        int[] addLane = new int[3];
        int[] multLane = new int[3];
        double[] values = new double[3];
        double[] logs = new double[3 * y.length];
        int next = 0; // round robin start, so that more than three types of one error share the lanes
        while (true) {
            int na = 0;
            int nm = 0;
            boolean any = false;
            for (int j = 0; j < count; j++) {
                int i = (next + j) % count;
                NelderMead.Search s = searches[i];
                if (s == null || s.done()) {
                    continue;
                }
                any = true;
                boolean mult = problems[i].type.error() == 'M';
                if (mult ? nm == 3 : na == 3) {
                    continue;
                }
                while (!s.done()) {
                    if (problems[i].prepare(s.point())) {
                        if (mult) {
                            multLane[nm++] = i;
                        } else {
                            addLane[na++] = i;
                        }
                        break;
                    }
                    s.tell(Double.POSITIVE_INFINITY);
                }
            }
            if (!any) {
                break;
            }
            next = (next + 1) % count;
            if (na > 0 && nm > 0 && na + nm <= 3) {
                // both errors in one pass: the additive lanes first
                for (int j = 0; j < na; j++) {
                    problems[addLane[j]].lane(addK, j * EtsKernel.LANE);
                }
                for (int j = 0; j < nm; j++) {
                    problems[multLane[j]].lane(addK, (na + j) * EtsKernel.LANE);
                }
                EtsKernel.likelihoodMixed(y, na, nm, addK, values, logs);
                for (int j = 0; j < na; j++) {
                    searches[addLane[j]].tell(Problem.finish(values[j]));
                }
                for (int j = 0; j < nm; j++) {
                    searches[multLane[j]].tell(Problem.finish(values[na + j]));
                }
                continue;
            }
            if (na > 0) {
                EtsKernel.likelihoodNone(y, false, na, addK, values, logs, lanes(problems, addLane, na, addK));
                for (int j = 0; j < na; j++) {
                    searches[addLane[j]].tell(Problem.finish(values[j]));
                }
            }
            if (nm > 0) {
                EtsKernel.likelihoodNone(y, true, nm, multK, values, logs, lanes(problems, multLane, nm, multK));
                for (int j = 0; j < nm; j++) {
                    searches[multLane[j]].tell(Problem.finish(values[j]));
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (problems[i] != null) {
                try {
                    out[i] = Outcome.of(problems[i].complete(searches[i].result()));
                } catch (RuntimeException e) {
                    out[i] = Outcome.failed(e);
                }
            }
        }
        return List.of(out);
    }

    /**
     * The outcome of fitting one type in {@link #fitNonSeasonal}: exactly one of the fit and the
     * error that {@link #fit} would have thrown is set.
     */
    public record Outcome(EtsFit fit, RuntimeException error) {

        public Outcome {
            if ((fit == null) == (error == null)) {
                throw new IllegalArgumentException("an outcome has either a fit or an error");
            }
        }

        static Outcome of(EtsFit fit) {
            return new Outcome(fit, null);
        }

        static Outcome failed(RuntimeException error) {
            return new Outcome(null, error);
        }

        /** The fit, or the error thrown. */
        public EtsFit get() {
            if (error != null) {
                throw error;
            }
            return fit;
        }
    }

    /**
     * Writes the prepared points of the given problems as lanes, ordered by trend (none, undamped,
     * damped; {@code which} is reordered alike), and returns the lane shape for
     * {@link EtsKernel#likelihoodNone}.
     */
    private static int lanes(Problem[] problems, int[] which, int count, double[] k) {
        for (int a = 1; a < count; a++) {
            for (int b = a; b > 0 && problems[which[b]].trendKind() < problems[which[b - 1]].trendKind(); b--) {
                int t = which[b];
                which[b] = which[b - 1];
                which[b - 1] = t;
            }
        }
        int shape = 0;
        for (int j = 0; j < count; j++) {
            problems[which[j]].lane(k, j * EtsKernel.LANE);
            shape = shape * 3 + problems[which[j]].trendKind();
        }
        if (count == 3 && shape == 5) { // 0, 1, 2
            return EtsKernel.SHAPE_N_A_AD;
        }
        return count == 2 && shape == 5 ? EtsKernel.SHAPE_A_AD : EtsKernel.MIXED; // 1, 2
    }

    /** True when {@link #fitNonSeasonal} applies to these options (else fit the types one by one). */
    public static boolean sideBySide(EtsOptions o) {
        return o.criterion() == EtsOptions.Criterion.LIK && !o.rArithmetic();
    }

    /**
     * Evaluates given parameters and initial state (R's order, all m seasonal states) without
     * optimising, as R's {@code ets(..., use.initial.values = TRUE)}; {@code estimated} is the
     * number of parameters counted in the information criteria (sigma included).
     */
    public static EtsFit evaluate(double[] y, int period, EtsType type, double alpha, double beta, double gamma, double phi,
                                  double[] initialState, int estimated) {
        int m = type.seasonal() ? period : 1;
        if (initialState.length != EtsFit.stateCount(type, m)) {
            throw new IllegalArgumentException(type.label() + " needs " + EtsFit.stateCount(type, m) + " initial states, got "
                    + initialState.length);
        }
        int n = y.length;
        double[] res = new double[n];
        double[] fit = new double[n];
        double[] last = new double[initialState.length];
        double lik = EtsKernel.run(y, m, EtsKernel.code(type.error()), type.hasTrend() ? EtsKernel.ADD : EtsKernel.NONE,
                EtsKernel.code(type.season()), alpha, type.hasTrend() ? beta : 0, type.seasonal() ? gamma : 0,
                type.damped() ? phi : 1, initialState, new double[Math.max(m, 1)], res, fit, last, EtsKernel.CRIT_LIK);
        double mse = 0;
        for (int t = 0; t < n; t++) {
            mse += (y[t] - fit[t]) * (y[t] - fit[t]);
        }
        int smoothing = 1 + (type.hasTrend() ? 1 : 0) + (type.seasonal() ? 1 : 0) + (type.damped() ? 1 : 0);
        return new EtsFit(type, m, alpha, type.hasTrend() ? beta : Double.NaN, type.seasonal() ? gamma : Double.NaN,
                type.damped() ? phi : Double.NaN, initialState, last, lik, estimated, res, fit, mse / n, smoothing, true, 1);
    }

    /**
     * R's {@code initstate}: {@code l, b, s1 .. s_{m-1}} (the last seasonal state follows from the
     * normalisation).
     */
    static double[] initialStates(double[] y, EtsType type, int m) {
        int n = y.length;
        double[] ysa;
        double[] initSeas = null;
        if (type.seasonal()) {
            if (n < 4) {
                throw new IllegalArgumentException("seasonal ETS needs at least 4 points, got " + n);
            }
            double[] seasonal = new double[n];
            if (n < 3 * m) {
                double[] coef = trendHarmonicRegression(y, m);
                for (int t = 0; t < n; t++) {
                    double line = coef[0] + coef[1] * (t + 1);
                    seasonal[t] = type.season() == 'A' ? y[t] - line : y[t] / line;
                }
            } else {
                seasonal = ClassicalDecomposition.decompose(y, m, type.season() == 'A'
                        ? Decomposition.Type.ADDITIVE : Decomposition.Type.MULTIPLICATIVE).seasonal(0);
            }
            initSeas = new double[m - 1];
            for (int j = 0; j < m - 1; j++) {
                initSeas[j] = seasonal[m - 1 - j];
            }
            ysa = new double[n];
            if (type.season() == 'A') {
                for (int t = 0; t < n; t++) {
                    ysa[t] = y[t] - seasonal[t];
                }
            } else {
                double sum = 0;
                for (int j = 0; j < m - 1; j++) {
                    initSeas[j] = Math.max(initSeas[j], 0.01);
                    sum += initSeas[j];
                }
                if (sum > m) {
                    double denom = sum + 0.01 * (m - 1);
                    for (int j = 0; j < m - 1; j++) {
                        initSeas[j] /= denom;
                    }
                }
                for (int t = 0; t < n; t++) {
                    ysa[t] = y[t] / Math.max(seasonal[t], 0.01);
                }
            }
        } else {
            ysa = y;
        }
        int maxn = Math.min(Math.max(10, 2 * (type.seasonal() ? m : 1)), n);
        double l0;
        double b0 = 0;
        if (!type.hasTrend()) {
            double s = 0;
            for (int t = 0; t < maxn; t++) {
                s += ysa[t];
            }
            l0 = s / maxn;
        } else {
            double[] line = line(ysa, maxn);
            l0 = line[0];
            b0 = line[1];
            if (Math.abs(l0 + b0) < 1e-8) {
                l0 *= 1 + 1e-3;
                b0 *= 1 - 1e-3;
            }
        }
        int size = 1 + (type.hasTrend() ? 1 : 0) + (initSeas != null ? initSeas.length : 0);
        double[] x = new double[size];
        x[0] = l0;
        int k = 1;
        if (type.hasTrend()) {
            x[k++] = b0;
        }
        if (initSeas != null) {
            System.arraycopy(initSeas, 0, x, k, initSeas.length);
        }
        return x;
    }

    /** Least-squares line through (1, y0) .. (len, y_{len-1}): {intercept, slope}. */
    static double[] line(double[] y, int len) {
        double mx = (len + 1) / 2.0;
        double my = 0;
        for (int t = 0; t < len; t++) {
            my += y[t];
        }
        my /= len;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < len; t++) {
            double dx = t + 1 - mx;
            sxy += dx * (y[t] - my);
            sxx += dx * dx;
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return new double[] {my - slope * mx, slope};
    }

    /** R's short-series fallback: y ~ 1 + t + sin(2 pi t / m) + cos(2 pi t / m), t = 1..n; {intercept, slope}. */
    private static double[] trendHarmonicRegression(double[] y, int m) {
        int n = y.length;
        boolean sine = m > 2; // for m = 2 the sine column is zero
        int cols = sine ? 4 : 3;
        double[][] x = new double[n][cols];
        for (int t = 0; t < n; t++) {
            double tt = t + 1;
            x[t][0] = 1;
            x[t][1] = tt;
            int c = 2;
            if (sine) {
                x[t][c++] = Math.sin(2 * Math.PI * tt / m);
            }
            x[t][c] = Math.cos(2 * Math.PI * tt / m);
        }
        RealVector beta = new QRDecomposition(new Array2DRowRealMatrix(x, false)).getSolver().solve(new ArrayRealVector(y, false));
        return new double[] {beta.getEntry(0), beta.getEntry(1)};
    }

    /** One optimisation problem: the free coordinates and the objective. */
    private static final class Problem {
        final double[] y;
        final int m;
        final EtsType type;
        final EtsOptions o;
        final int error;
        final int trend;
        final int season;
        final double[] lo;
        final double[] hi;
        final boolean freeAlpha;
        final boolean freeBeta;
        final boolean freeGamma;
        final boolean freePhi;
        final int nPar;
        final boolean optimiseSeasonal;
        final double[] heuristic; // l, b, s1..s_{m-1}
        final int nStatesOptimised;
        final double[] ring;
        final double[] x0;
        final int crit;
        final double[] work;
        final double[] logs;
        int evaluations;

        Problem(double[] y, int m, EtsType type, EtsOptions o) {
            this.y = y;
            this.m = m;
            this.type = type;
            this.o = o;
            this.error = EtsKernel.code(type.error());
            this.trend = type.hasTrend() ? EtsKernel.ADD : EtsKernel.NONE;
            this.season = EtsKernel.code(type.season());
            this.lo = o.lower();
            this.hi = o.upper();
            // R's etsmodel: fixed values narrow the bounds of the others
            if (!Double.isNaN(o.alpha())) {
                hi[1] = Math.min(o.alpha(), hi[1]);
                hi[2] = Math.min(1 - o.alpha(), hi[2]);
            }
            if (!Double.isNaN(o.beta())) {
                lo[0] = Math.max(o.beta(), lo[0]);
            }
            if (!Double.isNaN(o.gamma())) {
                hi[0] = Math.min(1 - o.gamma(), hi[0]);
            }
            this.freeAlpha = Double.isNaN(o.alpha());
            this.freeBeta = type.hasTrend() && Double.isNaN(o.beta());
            this.freeGamma = type.seasonal() && Double.isNaN(o.gamma());
            this.freePhi = type.damped() && Double.isNaN(o.phi());
            this.nPar = (freeAlpha ? 1 : 0) + (freeBeta ? 1 : 0) + (freeGamma ? 1 : 0) + (freePhi ? 1 : 0);
            this.optimiseSeasonal = type.seasonal() && m <= o.maxSeasonalStatesOptimised();
            this.heuristic = initialStates(y, type, m);
            this.nStatesOptimised = optimiseSeasonal || !type.seasonal() ? heuristic.length : 1 + (type.hasTrend() ? 1 : 0);
            this.ring = new double[Math.max(m, 1)];
            this.x0 = new double[EtsFit.stateCount(type, m)];
            this.crit = o.criterion().code;
            this.work = new double[2 * (m + 2)];
            this.logs = new double[y.length];
        }

        static double logistic(double u) {
            return 1 / (1 + Math.exp(-u));
        }

        static double logit(double p) {
            double q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
            return Math.log(q / (1 - q));
        }

        /** Decodes {alpha, beta, gamma, phi} from the point (NaN for absent components). */
        void parameters(double[] v, double[] out) {
            int k = 0;
            if (o.rSimplex()) {
                out[0] = freeAlpha ? v[k++] : o.alpha();
                out[1] = type.hasTrend() ? (freeBeta ? v[k++] : o.beta()) : Double.NaN;
                out[2] = type.seasonal() ? (freeGamma ? v[k++] : o.gamma()) : Double.NaN;
                out[3] = type.damped() ? (freePhi ? v[k] : o.phi()) : Double.NaN;
                return;
            }
            double alpha = freeAlpha ? lo[0] + (hi[0] - lo[0]) * logistic(v[k++]) : o.alpha();
            double beta = Double.NaN;
            if (type.hasTrend()) {
                beta = freeBeta ? lo[1] + (Math.min(hi[1], alpha) - lo[1]) * logistic(v[k++]) : o.beta();
            }
            double gamma = Double.NaN;
            if (type.seasonal()) {
                gamma = freeGamma ? lo[2] + (Math.min(hi[2], 1 - alpha) - lo[2]) * logistic(v[k++]) : o.gamma();
            }
            double phi = Double.NaN;
            if (type.damped()) {
                phi = freePhi ? lo[3] + (hi[3] - lo[3]) * logistic(v[k]) : o.phi();
            }
            out[0] = alpha;
            out[1] = beta;
            out[2] = gamma;
            out[3] = phi;
        }

        /** Fills x0 (R's order, with the normalised last seasonal state) from the point; false if invalid. */
        boolean states(double[] v) {
            int k = nPar;
            int nb = 1 + (type.hasTrend() ? 1 : 0);
            for (int i = 0; i < nb; i++) {
                x0[i] = v[k++];
            }
            if (type.seasonal()) {
                double sum = 0;
                for (int j = 0; j < m - 1; j++) {
                    double s = optimiseSeasonal ? v[k++] : heuristic[nb + j];
                    x0[nb + j] = s;
                    sum += s;
                }
                x0[nb + m - 1] = (type.season() == 'M' ? m : 0) - sum;
                if (type.season() == 'M') {
                    for (int j = 0; j < m; j++) {
                        if (x0[nb + j] < 0) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        final double[] par = new double[4];

        double value(double[] v) {
            if (!prepare(v)) {
                return Double.POSITIVE_INFINITY;
            }
            return finish(EtsKernel.run(y, m, error, trend, season, par[0], type.hasTrend() ? par[1] : 0,
                    type.seasonal() ? par[2] : 0, type.damped() ? par[3] : 1, x0, ring, null, null, null, crit, o.rArithmetic(), logs));
        }

        /**
         * The checks before the filter: decodes the point into {@link #par} and {@link #x0}; false
         * when it lies outside the usual or the admissible region (its value is then +infinity).
         */
        boolean prepare(double[] v) {
            evaluations++;
            parameters(v, par);
            if (!usual(par[0], par[1], par[2], par[3])) {
                return false;
            }
            if (!EtsAdmissible.admissible(par[0], par[1], par[2], par[3], m, work)) {
                return false;
            }
            return states(v);
        }

        /** The objective from the filter's criterion. */
        static double finish(double f) {
            if (Double.isNaN(f)) {
                return Double.POSITIVE_INFINITY;
            }
            return f < -1e10 ? -1e10 : f;
        }

        /** 0 without trend, 1 undamped, 2 damped. */
        int trendKind() {
            return type.hasTrend() ? (type.damped() ? 2 : 1) : 0;
        }

        /** The prepared point as a lane of {@link EtsKernel#likelihoodNone} (non-seasonal types only). */
        void lane(double[] k, int off) {
            boolean t = type.hasTrend();
            EtsKernel.lane(par[0], t ? par[1] : 0.0, t ? (type.damped() ? par[3] : 1) : 0.0, x0[0], t ? x0[1] : 0.0, k, off);
        }

        /**
         * R's usual bounds on the estimated parameters. The logistic scale keeps them inside; this
         * guards against rounding at the ends and against fixed values that leave no room.
         */
        boolean usual(double alpha, double beta, double gamma, double phi) {
            if (o.rSimplex()) {
                // R's check_params on the estimated values
                if (freeAlpha && (alpha < lo[0] || alpha > hi[0])) {
                    return false;
                }
                if (freeBeta && (beta < lo[1] || beta > alpha || beta > hi[1])) {
                    return false;
                }
                if (freePhi && (phi < lo[3] || phi > hi[3])) {
                    return false;
                }
                return !freeGamma || !(gamma < lo[2] || gamma > 1 - alpha || gamma > hi[2]);
            }
            if (freeAlpha && !(alpha >= lo[0] && alpha <= hi[0])) {
                return false;
            }
            if (freeBeta && !(beta >= lo[1] && beta <= alpha + 1e-15)) {
                return false;
            }
            if (freeGamma && !(gamma >= lo[2] && gamma <= 1 - alpha + 1e-15)) {
                return false;
            }
            return !freePhi || (phi >= lo[3] && phi <= hi[3]);
        }

        double[] start() {
            double[] v = new double[nPar + nStatesOptimised];
            // R's initparam, then mapped to the logistic scale
            double mm = type.seasonal() ? m : 1;
            int k = 0;
            double alpha = o.alpha();
            boolean r = o.rSimplex();
            if (freeAlpha) {
                alpha = lo[0] + 0.2 * (hi[0] - lo[0]) / mm;
                if (alpha > 1 || alpha < 0) {
                    alpha = lo[0] + 2e-3;
                }
                v[k++] = r ? alpha : logit((alpha - lo[0]) / (hi[0] - lo[0]));
            }
            if (freeBeta) {
                double up = Math.min(hi[1], alpha);
                double beta = lo[1] + 0.1 * (up - lo[1]);
                if (beta < 0 || beta > alpha) {
                    beta = alpha - 1e-3;
                }
                v[k++] = r ? beta : logit((beta - lo[1]) / (up - lo[1]));
            }
            if (freeGamma) {
                double up = Math.min(hi[2], 1 - alpha);
                double gamma = lo[2] + 0.05 * (up - lo[2]);
                if (gamma < 0 || gamma > 1 - alpha) {
                    gamma = 1 - alpha - 1e-3;
                }
                v[k++] = r ? gamma : logit((gamma - lo[2]) / (up - lo[2]));
            }
            if (freePhi) {
                double phi = lo[3] + 0.99 * (hi[3] - lo[3]);
                if (phi < 0 || phi > 1) {
                    phi = hi[3] - 1e-3;
                }
                v[k++] = r ? phi : logit((phi - lo[3]) / (hi[3] - lo[3]));
            }
            System.arraycopy(heuristic, 0, v, k, nStatesOptimised);
            return v;
        }

        double[] steps(double[] start) {
            double[] s = new double[start.length];
            if (o.rSimplex()) {
                double step = 0;
                for (double v : start) {
                    step = Math.max(step, 0.1 * Math.abs(v));
                }
                java.util.Arrays.fill(s, step == 0 ? 0.1 : step);
                return s;
            }
            int k = 0;
            for (; k < nPar; k++) {
                s[k] = 1.0;
            }
            double level = Math.abs(start[k]);
            double scale = Math.max(level, 1e-8);
            s[k] = 0.1 * scale;
            k++;
            if (type.hasTrend()) {
                s[k] = Math.max(0.1 * Math.abs(start[k]), 1e-3 * scale);
                k++;
            }
            if (optimiseSeasonal && type.seasonal()) {
                double max = 0;
                for (int j = k; j < start.length; j++) {
                    max = Math.max(max, Math.abs(type.season() == 'M' ? start[j] - 1 : start[j]));
                }
                double step = type.season() == 'M' ? Math.max(0.1 * max, 0.01) : Math.max(0.1 * max, 1e-3 * scale);
                for (; k < start.length; k++) {
                    s[k] = step;
                }
            }
            return s;
        }

        EtsFit solve() {
            double[] start = begin();
            return complete(NelderMead.minimise(this::value, start, steps(start), o.tolerance(), o.maxEvaluations(), o.rSimplex()));
        }

        /** The search as a {@link NelderMead.Search}, for {@link #fitNonSeasonal}. */
        NelderMead.Search search() {
            double[] start = begin();
            return new NelderMead.Search(start, steps(start), o.tolerance(), o.maxEvaluations(), o.rSimplex());
        }

        /** The starting point, checked. */
        private double[] begin() {
            double[] start = start();
            // R stops a type whose starting point is out of range or cannot be evaluated
            // ("Parameters out of range", "function cannot be evaluated at initial parameters")
            double f0 = value(start);
            if (!(f0 < 1e30)) {
                throw new IllegalStateException(type.label() + " cannot be evaluated at its starting values");
            }
            evaluations = 0;
            return start;
        }

        /** The fit at the end of the search. */
        EtsFit complete(NelderMead.Result r) {
            double[] point = r.point();
            boolean converged = r.converged();
            if (!(r.value() < 1e30)) {
                throw new IllegalStateException("no admissible " + type.label() + " parameters found");
            }
            double[] p = new double[4];
            parameters(point, p);
            states(point);
            double[] x0Final = x0.clone();
            int n = y.length;
            double[] res = new double[n];
            double[] fit = new double[n];
            double[] last = new double[x0Final.length];
            double alpha = p[0];
            double beta = type.hasTrend() ? p[1] : Double.NaN;
            double gamma = type.seasonal() ? p[2] : Double.NaN;
            double phi = type.damped() ? p[3] : Double.NaN;
            double lik = EtsKernel.run(y, m, error, trend, season, alpha, type.hasTrend() ? beta : 0,
                    type.seasonal() ? gamma : 0, type.damped() ? phi : 1, x0Final, ring, res, fit, last, EtsKernel.CRIT_LIK,
                    o.rArithmetic());
            double mse = 0;
            for (int t = 0; t < n; t++) {
                double d = y[t] - fit[t];
                mse += d * d;
            }
            mse /= n;
            if (Double.isNaN(lik) || lik == Double.POSITIVE_INFINITY) {
                throw new IllegalStateException(type.label() + " has no finite likelihood at the best point found");
            }
            // a perfect fit (zero errors) has log(0) = -infinity: clamped as R's optimiser does
            lik = Math.max(lik, -1e10);
            int smoothing = 1 + (type.hasTrend() ? 1 : 0) + (type.seasonal() ? 1 : 0) + (type.damped() ? 1 : 0);
            int free = nPar + (1 + (type.hasTrend() ? 1 : 0) + (type.seasonal() ? m - 1 : 0)) + 1;
            return new EtsFit(type, m, alpha, beta, gamma, phi, x0Final, last, lik, free, res, fit, mse, smoothing,
                    converged, evaluations);
        }
    }
}
