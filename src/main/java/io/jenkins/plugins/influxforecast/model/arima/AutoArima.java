package io.jenkins.plugins.influxforecast.model.arima;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Automatic ARIMA order selection in the manner of Hyndman and Khandakar (2008), with the defaults
 * and rules of R's {@code forecast::auto.arima}: differencing by KPSS and seasonal strength, the
 * stepwise neighbourhood search over (p, q, P, Q, constant) by AICc, conditional-sum-of-squares
 * approximations for long or high-frequency series followed by an exact refit of the best models,
 * drift allowed when d + D = 1 and a mean when d + D = 0, and a candidate rejected when its
 * estimate is near the stationarity or invertibility boundary (roots within 1.01) or its Hessian is
 * not positive definite.
 */
final class AutoArima {

    /** Information criteria. */
    enum Ic { AICC, AIC, BIC }

    /** The search settings; defaults are R's. */
    static final class Options {
        int maxP = 5;
        int maxQ = 5;
        int maxSP = 2;
        int maxSQ = 2;
        int maxOrder = 5;
        int maxD = 2;
        int maxSD = 1;
        int startP = 2;
        int startQ = 2;
        int startSP = 1;
        int startSQ = 1;
        Integer d;
        Integer sd;
        boolean stationary;
        boolean seasonal = true;
        Ic ic = Ic.AICC;
        boolean stepwise = true;
        int nmodels = 94;
        Boolean approximation; // null: R's rule, n > 150 or m > 12
        boolean allowDrift = true;
        boolean allowMean = true;
        ToDoubleBiFunction<double[], Integer> seasonalStrength = Differencing::seasonalStrength;
    }

    /**
     * Exact refits tried unconditionally, in order of the approximate criterion, as R does. After
     * that, only candidates whose CSS estimate keeps its roots clear of the unit circle (modulus of at
     * least 1.1) are refitted: when a seasonal difference meets a stable seasonal pattern, every model
     * with a seasonal MA term ends at the non-invertible boundary and is rejected, and R refits them
     * all at great cost (a documented deviation that changes the choice only in that case).
     */
    static final int MAX_FREE_REFITS = 8;

    /** One model tried by the search and its criterion (+infinity when rejected or failed). */
    record Tried(ArimaOrder order, boolean constant, double ic) {
    }

    /** The outcome. */
    static final class Result {
        ArimaFit fit;
        boolean constant;
        boolean approximation;
        int refits;
        final List<Tried> tried = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    private AutoArima() {
    }

    /**
     * Selects and fits the model.
     *
     * @param x     the series (finite)
     * @param m     the seasonal period (1: none)
     * @param xreg  extra regressors ([k][n], may be empty) with their names
     */
    static Result search(double[] x, int m, double[][] xreg, List<String> xregNames, Options o) {
        int n = x.length;
        Result out = new Result();
        if (Differencing.isConstant(x)) {
            throw new IllegalArgumentException("constant series");
        }
        if (!o.seasonal || m < 1) {
            m = 1;
        }
        Ic ic = n <= 3 ? Ic.AIC : o.ic;
        double[][] xr = xreg == null ? new double[0][] : xreg;
        Bounds b = m == 1 ? Bounds.of(n, m, o).withoutSeasonalTerms() : Bounds.of(n, m, o);
        Differences diffs = differences(x, m, xr, o, out);
        int d = diffs.regular();
        int sd = diffs.seasonal();
        if (diffs.differenced().length == 0) {
            throw new IllegalArgumentException("not enough data for automatic ARIMA: " + n + " points with d = " + d
                    + ", D = " + sd + " and season " + m);
        }
        if (Differencing.isConstant(diffs.differenced())) {
            return constantAfterDifferencing(x, m, d, sd, diffs.differenced(), xr, xregNames, out);
        }
        b = b.seasonalCapped(m);
        boolean approx = o.approximation != null ? o.approximation : (n > 150 || m > 12);
        out.approximation = approx;
        double offset = approx ? cssOffset(x, m, d, sd, xr, xregNames) : 0;
        boolean allowDrift = o.allowDrift && d + sd == 1;
        boolean allowMean = o.allowMean && d + sd == 0;
        Search s = new Search(x, m, d, sd, ic, approx, offset, xr, xregNames, out);
        Fitted best = o.stepwise ? stepwise(s, b, o, allowDrift || allowMean, n, out) : exhaustive(s, b, o, allowDrift || allowMean);
        if (approx && best != null) {
            best = refitExactly(s, out);
        }
        if (best == null || best.fit == null || !(best.ic < Double.POSITIVE_INFINITY)) {
            throw new ArimaEstimator.EstimationException("no suitable ARIMA model found");
        }
        out.fit = best.fit;
        out.constant = best.constant;
        return out;
    }

    /** The largest orders the search may reach: R's limits, capped by the data. */
    private record Bounds(int maxP, int maxQ, int maxSP, int maxSQ) {

        static Bounds of(int n, int m, Options o) {
            return new Bounds(Math.min(o.maxP, n / 3), Math.min(o.maxQ, n / 3), Math.min(o.maxSP, n / 3 / m),
                    Math.min(o.maxSQ, n / 3 / m));
        }

        /** Without a seasonal period there are no seasonal terms. */
        Bounds withoutSeasonalTerms() {
            return new Bounds(maxP, maxQ, 0, 0);
        }

        /** With seasonal terms, the non-seasonal orders stay below the period. */
        Bounds seasonalCapped(int m) {
            if (m <= 1) {
                return this;
            }
            return new Bounds(maxSP > 0 ? Math.min(maxP, m - 1) : maxP, maxSQ > 0 ? Math.min(maxQ, m - 1) : maxQ, maxSP, maxSQ);
        }
    }

    /** The orders of differencing and the series differenced by them (after removing the regressors). */
    private record Differences(int regular, int seasonal, double[] differenced) {
    }

    /**
     * Chooses the seasonal difference (fixed, or by seasonal strength) and then the regular one
     * (fixed, or by KPSS), as R does; a difference that would turn a regressor constant is dropped.
     */
    private static Differences differences(double[] x, int m, double[][] xr, Options o, Result out) {
        double[] xx = xr.length > 0 ? regressionResiduals(x, xr) : x;
        Integer d = o.stationary ? Integer.valueOf(0) : o.d;
        Integer sd = o.stationary ? Integer.valueOf(0) : o.sd;
        if (m == 1) {
            sd = 0;
        } else if (sd == null && xx.length <= 2 * m) {
            sd = 0;
        } else if (sd == null) {
            int s = Differencing.nsdiffs(xx, m, o.maxSD, o.seasonalStrength);
            if (s > 0 && xr.length > 0 && anyConstantColumn(xr, m, s, 0)) {
                s--;
            }
            sd = s;
        }
        double[] dx = xx;
        for (int i = 0; i < sd; i++) {
            dx = ArimaProblem.diff(dx, m);
        }
        if (d == null) {
            int dd = Differencing.ndiffs(dx, o.maxD);
            if (dd > 0 && xr.length > 0 && anyConstantColumn(xr, m, sd, dd)) {
                dd--;
            }
            d = dd;
        }
        if (sd >= 2) {
            out.notes.add("more than one seasonal difference (D = " + sd + ")");
        } else if (d + sd > 2) {
            out.notes.add("three or more differences (d + D = " + (d + sd) + ")");
        }
        for (int i = 0; i < d; i++) {
            dx = ArimaProblem.diff(dx, 1);
        }
        return new Differences(d, sd, dx);
    }

    /**
     * The offset that R's approximation adds to the CSS criterion: that of the model without ARMA
     * terms, so that approximate criteria are comparable with each other (0 when that fit fails).
     */
    private static double cssOffset(double[] x, int m, int d, int sd, double[][] xr, List<String> xregNames) {
        try {
            ArimaOrder o0 = new ArimaOrder(0, d, 0, 0, sd, 0, m);
            Regs r0 = regressors(x, o0, d + sd == 0, xr, xregNames, false);
            ArimaFit f0 = ArimaEstimator.fit(x, o0, r0.cols, r0.names, ArimaEstimator.Method.CSS_ML, true, false);
            return -2 * f0.loglik() - x.length * Math.log(f0.rawSigma2());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Every model within the bounds and the total order limit, with and without the constant. */
    private static Fitted exhaustive(Search s, Bounds b, Options o, boolean constant) {
        Fitted best = null;
        for (int i = 0; i <= b.maxP(); i++) {
            for (int j = 0; j <= b.maxQ(); j++) {
                for (int si = 0; si <= b.maxSP(); si++) {
                    for (int sj = 0; sj <= b.maxSQ(); sj++) {
                        if (i + j + si + sj <= o.maxOrder) {
                            for (int kc = 0; kc <= (constant ? 1 : 0); kc++) {
                                Fitted f = s.fit(i, j, si, sj, kc == 1);
                                if (best == null || f.better(best)) {
                                    best = f;
                                }
                            }
                        }
                    }
                }
            }
        }
        if (best != null) {
            best.check();
        }
        return best;
    }

    /** Each step of the stepwise search tries the neighbours in R's order and moves to the first improvement. */
    private static final int[][] MOVES = {
        {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1}, {0, 0, 1, -1},
        {0, 0, 1, 1}, {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0}, {-1, 1, 0, 0},
        {1, -1, 0, 0}, {1, 1, 0, 0}};

    /** The position of the stepwise search: the best model so far and its orders. */
    private static final class Position {
        Fitted best;
        int p;
        int q;
        int sp;
        int sq;
        boolean constant;

        void moveTo(Fitted f, int p, int q, int sp, int sq) {
            this.best = f;
            this.p = p;
            this.q = q;
            this.sp = sp;
            this.sq = sq;
        }
    }

    /** Hyndman and Khandakar's stepwise search: four starting models, then neighbours until none improves. */
    private static Fitted stepwise(Search s, Bounds b, Options o, boolean allowConstant, int n, Result out) {
        Position at = startingModels(s, b, o, allowConstant, n);
        int startk = 0;
        while (startk < s.count() && s.count() < o.nmodels) {
            startk = s.count();
            boolean moved = false;
            for (int[] mv : MOVES) {
                int np = at.p + mv[0];
                int nq = at.q + mv[1];
                int nsp = at.sp + mv[2];
                int nsq = at.sq + mv[3];
                if (np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > b.maxP() || nq > b.maxQ() || nsp > b.maxSP()
                        || nsq > b.maxSQ()) {
                    continue;
                }
                if (!s.isNew(np, nq, nsp, nsq, at.constant)) {
                    continue;
                }
                if (s.count() + 1 > o.nmodels) {
                    break;
                }
                Fitted f = s.fit(np, nq, nsp, nsq, at.constant);
                if (f.better(at.best)) {
                    at.moveTo(f, np, nq, nsp, nsq);
                    moved = true;
                    break;
                }
            }
            if (!moved && allowConstant && s.isNew(at.p, at.q, at.sp, at.sq, !at.constant) && s.count() + 1 <= o.nmodels) {
                Fitted f = s.fit(at.p, at.q, at.sp, at.sq, !at.constant);
                if (f.better(at.best)) {
                    at.best = f;
                    at.constant = !at.constant;
                }
            }
        }
        if (s.count() >= o.nmodels) {
            out.notes.add("stepwise search stopped at the model limit of " + o.nmodels);
        }
        at.best.check();
        return at.best;
    }

    /** R's starting models: (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1), and without the constant. */
    private static Position startingModels(Search s, Bounds b, Options o, boolean constant, int n) {
        int startP = o.startP;
        int startQ = o.startQ;
        int startSP = o.startSP;
        int startSQ = o.startSQ;
        if (n < 10) {
            startP = Math.min(startP, 1);
            startQ = Math.min(startQ, 1);
            startSP = 0;
            startSQ = 0;
        }
        Position at = new Position();
        at.constant = constant;
        int p = Math.min(startP, b.maxP());
        int q = Math.min(startQ, b.maxQ());
        int sp = Math.min(startSP, b.maxSP());
        int sq = Math.min(startSQ, b.maxSQ());
        at.moveTo(s.fit(p, q, sp, sq, constant), p, q, sp, sq);
        Fitted f = s.fit(0, 0, 0, 0, constant);
        if (f.better(at.best)) {
            at.moveTo(f, 0, 0, 0, 0);
        }
        if (b.maxP() > 0 || b.maxSP() > 0) {
            int np = b.maxP() > 0 ? 1 : 0;
            int nsp = (s.m > 1 && b.maxSP() > 0) ? 1 : 0;
            f = s.fit(np, 0, nsp, 0, constant);
            if (f.better(at.best)) {
                at.moveTo(f, np, 0, nsp, 0);
            }
        }
        if (b.maxQ() > 0 || b.maxSQ() > 0) {
            int nq = b.maxQ() > 0 ? 1 : 0;
            int nsq = (s.m > 1 && b.maxSQ() > 0) ? 1 : 0;
            f = s.fit(0, nq, 0, nsq, constant);
            if (f.better(at.best)) {
                at.moveTo(f, 0, nq, 0, nsq);
            }
        }
        if (constant) {
            f = s.fit(0, 0, 0, 0, false);
            if (f.better(at.best)) {
                at.moveTo(f, 0, 0, 0, 0);
            }
        }
        return at;
    }

    /**
     * Refits the approximate search's candidates exactly, best criterion first, until one is
     * accepted (null when none is); see {@link #MAX_FREE_REFITS}.
     */
    private static Fitted refitExactly(Search s, Result out) {
        // the candidates in the order of their checked criteria, checking them as they come: one
        // whose check fails joins those rejected outright, after the others in the order they were
        // tried (as a stable sort of the checked criteria puts them)
        List<Fitted> order = new ArrayList<>(s.all);
        order.sort(Comparator.comparingDouble(ff -> ff.ic));
        List<Fitted> rejected = new ArrayList<>();
        Fitted exact = null;
        Search exactSearch = new Search(s.x, s.m, s.d, s.sd, s.ic, false, 0, s.xreg, s.names, null);
        int refits = 0;
        for (int i = 0; i < order.size() + rejected.size() && exact == null; i++) {
            Fitted cand;
            if (i < order.size()) {
                cand = order.get(i);
                if (cand.ic < Double.POSITIVE_INFINITY) {
                    cand.check();
                }
                if (!(cand.ic < Double.POSITIVE_INFINITY)) {
                    rejected.add(cand);
                    continue;
                }
            } else {
                if (i == order.size()) {
                    rejected.sort(Comparator.comparingInt(ff -> s.all.indexOf(ff)));
                }
                cand = rejected.get(i - order.size());
            }
            if (cand.fit == null) {
                continue; // the approximate fit failed: so would the exact one (same start)
            }
            if (refits >= MAX_FREE_REFITS && !clearOfBoundary(cand.fit)) {
                continue;
            }
            refits++;
            cand.complete();
            exactSearch.cssStart = cand.fit.coef();
            exactSearch.cssHessian = cand.fit.hessian();
            Fitted ef = exactSearch.fit(cand.order.p(), cand.order.q(), cand.order.sp(), cand.order.sq(), cand.constant);
            ef.check();
            if (ef.ic < Double.POSITIVE_INFINITY) {
                exact = ef;
            }
        }
        out.refits = refits;
        return exact;
    }

    /**
     * A candidate and its criterion. The Hessian check (a model whose Hessian is not positive
     * definite is rejected) is made on demand, by {@link #check()}: only a candidate that would
     * become the best so far, the best itself and the candidates of the exact refits need it, and
     * the search takes the same course as if every candidate had been checked when fitted.
     */
    private static final class Fitted {
        final ArimaOrder order;
        final boolean constant;
        ArimaFit fit;
        double ic;
        private ArimaEstimator.Deferred pending;
        private final Search search;
        private final int index;

        Fitted(ArimaOrder order, boolean constant, ArimaFit fit, double ic) {
            this(order, constant, fit, ic, null, null, -1);
        }

        Fitted(ArimaOrder order, boolean constant, ArimaFit fit, double ic, ArimaEstimator.Deferred pending, Search search,
                int index) {
            this.order = order;
            this.constant = constant;
            this.fit = fit;
            this.ic = ic;
            this.pending = pending;
            this.search = search;
            this.index = index;
        }

        /** Rejects the candidate when its Hessian is not positive definite (computing it once). */
        void check() {
            if (ic < Double.POSITIVE_INFINITY) {
                complete();
            }
        }

        /** Computes the standard errors and the Hessian of the fit, once, and applies the Hessian check. */
        void complete() {
            if (pending == null) {
                return;
            }
            ArimaFit done = pending.complete();
            pending = null;
            fit = search.approx ? withCriteria(done, fit.aic(), search.nstar(order)) : done;
            if (badHessian(done) && ic < Double.POSITIVE_INFINITY) {
                ic = Double.POSITIVE_INFINITY;
                if (search.out != null && index >= 0) {
                    search.out.tried.set(index, new Tried(order, constant, ic));
                }
            }
        }

        /** Whether this candidate's checked criterion is below that of {@code best} (checked first). */
        boolean better(Fitted best) {
            best.check();
            if (!(ic < best.ic)) {
                return false;
            }
            check();
            return ic < best.ic;
        }
    }

    /** The state of one search: the models tried so far. */
    private static final class Search {
        final double[] x;
        final int m;
        final int d;
        final int sd;
        final Ic ic;
        final boolean approx;
        final double offset;
        final double[][] xreg;
        final List<String> names;
        final Result out;
        final List<Fitted> all = new ArrayList<>();
        double[] cssStart; // for exact refits: the CSS estimate of the approximate search
        double[][] cssHessian; // and the Hessian of the CSS objective there

        Search(double[] x, int m, int d, int sd, Ic ic, boolean approx, double offset, double[][] xreg, List<String> names,
                Result out) {
            this.x = x;
            this.m = m;
            this.d = d;
            this.sd = sd;
            this.ic = ic;
            this.approx = approx;
            this.offset = offset;
            this.xreg = xreg;
            this.names = names;
            this.out = out;
        }

        int count() {
            return all.size();
        }

        boolean isNew(int p, int q, int sp, int sq, boolean constant) {
            for (Fitted f : all) {
                ArimaOrder o = f.order;
                if (o.p() == p && o.q() == q && o.sp() == sp && o.sq() == sq && f.constant == constant) {
                    return false;
                }
            }
            return true;
        }

        Fitted fit(int p, int q, int sp, int sq, boolean constant) {
            ArimaOrder order = new ArimaOrder(p, d, q, sp, sd, sq, m);
            Fitted f = fitOne(order, constant, out != null ? out.tried.size() : -1);
            all.add(f);
            if (out != null) {
                out.tried.add(new Tried(order, constant, f.ic));
            }
            return f;
        }

        int nstar(ArimaOrder order) {
            return x.length - order.d() - order.sd() * order.m();
        }

        private Fitted fitOne(ArimaOrder order, boolean constant, int index) {
            ArimaFit fit;
            ArimaEstimator.Deferred deferred;
            try {
                Regs r = regressors(x, order, constant, xreg, names, false);
                deferred = ArimaEstimator.fitDeferred(x, order, r.cols, r.names,
                        approx ? ArimaEstimator.Method.CSS : ArimaEstimator.Method.CSS_ML, true, true, cssStart, cssHessian);
                fit = deferred.fit();
            } catch (RuntimeException e) {
                return new Fitted(order, constant, null, Double.POSITIVE_INFINITY);
            }
            int nstar = nstar(order);
            int npar = fit.npar();
            double aic = approx ? offset + nstar * Math.log(fit.rawSigma2()) + 2 * npar : fit.aic();
            double value;
            if (!Double.isFinite(aic)) {
                value = Double.POSITIVE_INFINITY;
            } else {
                value = switch (ic) {
                    case AIC -> aic;
                    case BIC -> aic + npar * (Math.log(nstar) - 2);
                    case AICC -> aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
                };
            }
            if (!Double.isFinite(value) || nearBoundary(fit)) {
                value = Double.POSITIVE_INFINITY;
            }
            ArimaFit reported = approx ? withCriteria(fit, aic, nstar) : fit;
            return new Fitted(order, constant, reported, value, deferred, this, index);
        }
    }

    /** For CSS fits: R's auto.arima replaces the missing AIC by its approximation. */
    private static ArimaFit withCriteria(ArimaFit f, double aic, int nstar) {
        int npar = f.npar();
        double aicc = aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        double bic = aic + npar * (Math.log(nstar) - 2);
        return new ArimaFit(f.order(), f.method(), f.coef(), f.xregNames(), f.beta(), f.sigma2(), f.rawSigma2(),
                f.loglik(), aic, aicc, bic, f.residuals(), f.converged(), f.coefSe(), f.notes(), f.state(), f.hessian());
    }

    private static boolean clearOfBoundary(ArimaFit f) {
        double[] theta = f.state().theta();
        int last = theta.length;
        while (last > 0 && Math.abs(theta[last - 1]) <= 1e-8) {
            last--;
        }
        return io.jenkins.plugins.influxforecast.model.optim.Polynomials.rootsOutside(java.util.Arrays.copyOf(theta, last), 1.1);
    }

    /** Roots of the full AR or MA polynomial within 1.01 of the unit circle. */
    static boolean nearBoundary(ArimaFit f) {
        return ArimaEstimator.nearBoundary(f.state().phi(), f.state().theta());
    }

    private static boolean badHessian(ArimaFit f) {
        double[] se = f.coefSe();
        if (se == null) {
            return false;
        }
        for (double v : se) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Regressor columns and names for a model. */
    record Regs(double[][] cols, List<String> names) {
    }

    /**
     * The regressors of a model: drift (1..n) when there is one difference and a constant, an
     * intercept when there is none and a constant, then the extra regressors.
     */
    static Regs regressors(double[] x, ArimaOrder order, boolean constant, double[][] xreg, List<String> names,
            boolean unused) {
        int n = x.length;
        int diffs = order.d() + order.sd();
        List<double[]> cols = new ArrayList<>();
        List<String> nm = new ArrayList<>();
        if (constant && diffs == 0) {
            double[] c = new double[n];
            java.util.Arrays.fill(c, 1.0);
            cols.add(c);
            nm.add("intercept");
        } else if (constant && diffs == 1) {
            double[] c = new double[n];
            for (int t = 0; t < n; t++) {
                c[t] = t + 1;
            }
            cols.add(c);
            nm.add("drift");
        }
        for (int j = 0; j < xreg.length; j++) {
            cols.add(xreg[j]);
            nm.add(names.get(j));
        }
        return new Regs(cols.toArray(new double[0][]), nm);
    }

    /** Residuals of the least-squares regression of x on an intercept and the regressors. */
    static double[] regressionResiduals(double[] x, double[][] xreg) {
        int n = x.length;
        double[][] cols = new double[xreg.length + 1][];
        double[] one = new double[n];
        java.util.Arrays.fill(one, 1.0);
        cols[0] = one;
        System.arraycopy(xreg, 0, cols, 1, xreg.length);
        double[] b = io.jenkins.plugins.influxforecast.model.optim.LeastSquares.ols(cols, x);
        if (b == null) {
            throw new IllegalArgumentException("the regressors are rank deficient");
        }
        double[] r = x.clone();
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < cols.length; j++) {
                r[t] -= b[j] * cols[j][t];
            }
        }
        return r;
    }

    private static boolean anyConstantColumn(double[][] xreg, int m, int sd, int d) {
        for (double[] c : xreg) {
            double[] cur = c;
            for (int i = 0; i < sd; i++) {
                cur = ArimaProblem.diff(cur, m);
            }
            for (int i = 0; i < d; i++) {
                cur = ArimaProblem.diff(cur, 1);
            }
            if (Differencing.isConstant(cur)) {
                return true;
            }
        }
        return false;
    }

    /** R's special cases when the differenced series is constant. */
    private static Result constantAfterDifferencing(double[] x, int m, int d, int sd, double[] dx, double[][] xr,
            List<String> names, Result out) {
        ArimaOrder order = new ArimaOrder(0, d, 0, 0, sd, 0, m);
        out.notes.add("the series is a deterministic function after " + (d + sd) + " difference(s); fitted " + order);
        if (xr.length == 0 && ((sd > 0 && d == 0) || (sd == 0 && d < 2))) {
            // a mean or drift equal to that of the differenced series (per season when D = 1)
            boolean constant = d + sd <= 1;
            Regs r = regressors(x, order, constant, xr, names, false);
            out.fit = ArimaEstimator.fit(x, order, r.cols, r.names, ArimaEstimator.Method.CSS_ML, false, false);
            out.constant = constant;
            return out;
        }
        if (xr.length == 0 && !(sd > 0 && d > 0) && d != 2) {
            throw new IllegalArgumentException("the data follow a simple polynomial and are not suitable for ARIMA modelling");
        }
        Regs r = regressors(x, order, false, xr, names, false);
        out.fit = ArimaEstimator.fit(x, order, r.cols, r.names, ArimaEstimator.Method.CSS_ML, false, false);
        return out;
    }
}
