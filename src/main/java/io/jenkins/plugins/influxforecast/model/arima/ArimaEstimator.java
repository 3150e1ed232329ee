package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.optim.Bfgs;
import io.jenkins.plugins.influxforecast.model.optim.LeastSquares;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates one ARIMA(p,d,q)(P,D,Q)[m] model with regression errors, as R's {@code arima} does:
 * conditional sum of squares for starting values, then exact maximum likelihood through the Kalman
 * filter, with the AR parts kept stationary by the partial-autocorrelation reparameterisation and the
 * MA parts made invertible afterwards.
 */
final class ArimaEstimator {

    /** Estimation methods, as R's {@code method} argument. */
    enum Method {
        CSS_ML("CSS-ML"), ML("ML"), CSS("CSS");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /** A model that cannot be estimated (non-stationary start, singular regressors...). */
    static final class EstimationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EstimationException(String message) {
            super(message);
        }
    }

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    static final boolean DEBUG = Boolean.getBoolean("arima.debug");

    private ArimaEstimator() {
    }

    /**
     * Fits the model.
     *
     * @param y        the series (finite values)
     * @param order    the orders
     * @param xreg     regressor columns over the series ([k][n]), may be empty
     * @param names    one name per regressor
     * @param method   the estimation method
     * @param strict   behave as R: fail when the CSS start is not stationary (the automatic search
     *                 needs this to choose as R does); otherwise restart ML from zero with a note
     * @param hessian  compute the coefficient standard errors from the numerical Hessian
     */
    static ArimaFit fit(double[] y, ArimaOrder order, double[][] xreg, List<String> names, Method method,
            boolean strict, boolean hessian) {
        return fit(y, order, xreg, names, method, strict, hessian, null, null);
    }

    /**
     * As {@link #fit(double[], ArimaOrder, double[][], List, Method, boolean, boolean)}; for CSS-ML a
     * known CSS estimate ({@code cssStart}, e.g. from the approximate search on the same data) skips
     * the CSS stage, and the Hessian is not computed when the estimate is already within 1.01 of the
     * unit circle (the search rejects it anyway).
     */
    static ArimaFit fit(double[] y, ArimaOrder order, double[][] xreg, List<String> names, Method method,
            boolean strict, boolean hessian, double[] cssStart, double[][] cssHessian) {
        return fit(y, order, xreg, names, method, strict, hessian, false, cssStart, cssHessian).fit();
    }

    /**
     * A fit whose standard errors (and, for CSS fits, the Hessian) are computed on first request:
     * the automatic search needs them only for the models that would change its course (the
     * Hessian costs 2k gradient or 2k^2 likelihood evaluations, more than many fits themselves).
     */
    static final class Deferred {
        private ArimaFit fit;
        private java.util.function.UnaryOperator<ArimaFit> completion;

        Deferred(ArimaFit fit, java.util.function.UnaryOperator<ArimaFit> completion) {
            this.fit = fit;
            this.completion = completion;
        }

        /** The fit as estimated, without standard errors unless they were already completed. */
        ArimaFit fit() {
            return fit;
        }

        /** The fit with its standard errors (and the CSS Hessian), computed once. */
        ArimaFit complete() {
            if (completion != null) {
                fit = completion.apply(fit);
                completion = null;
            }
            return fit;
        }
    }

    /**
     * As {@link #fit(double[], ArimaOrder, double[][], List, Method, boolean, boolean, double[], double[][])},
     * with the Hessian, when asked for, left to {@link Deferred#complete()}; the outcome of
     * {@code complete()} is the fit that the eager call returns.
     */
    static Deferred fitDeferred(double[] y, ArimaOrder order, double[][] xreg, List<String> names, Method method,
            boolean strict, boolean hessian, double[] cssStart, double[][] cssHessian) {
        return fit(y, order, xreg, names, method, strict, hessian, true, cssStart, cssHessian);
    }

    private static Deferred fit(double[] y, ArimaOrder order, double[][] xreg, List<String> names, Method method,
            boolean strict, boolean hessian, boolean defer, double[] cssStart, double[][] cssHessian) {
        ArimaProblem prob = new ArimaProblem(y, xreg, order);
        int narma = order.armaCount();
        int nUsed = prob.used();
        List<String> notes = new ArrayList<>();
        if (prob.k > 0 && nUsed <= prob.k) {
            throw new EstimationException("too few observations for " + prob.k + " regressors after differencing");
        }
        double[] init = new double[narma];
        boolean converged = true;
        if (method == Method.CSS_ML && cssStart != null) {
            init = cssStart.clone();
            boolean stationary = ArmaParams.arStationary(init, 0, order.p())
                    && ArmaParams.arStationary(init, order.p() + order.q(), order.sp());
            if (!stationary) {
                throw new EstimationException("non-stationary AR part from CSS");
            }
        } else if (method == Method.CSS || method == Method.CSS_ML) {
            if (prob.pFull >= nUsed) {
                throw new EstimationException("series too short for " + order + ": " + y.length
                        + " points, need more than " + (order.diffLength() + prob.pFull));
            }
            Bfgs.Result res = Bfgs.minimize(prob.cssObjective(), init);
            if (DEBUG) {
                System.err.println("CSS " + order + " evals=" + res.evaluations() + " iter=" + res.iterations() + " conv=" + res.converged());
            }
            if (method == Method.CSS) {
                ArimaFit cf = cssFit(y, order, prob, res, names, hessian && !defer, notes);
                if (!(hessian && defer) || cf.coef().length == 0) {
                    return new Deferred(cf, null);
                }
                return new Deferred(cf, done -> {
                    double[] c = done.coef();
                    double[][] h = Bfgs.hessianFromGradient(prob.cssObjective(), c, 1e-3);
                    return withHessian(done, standardErrors(h, null, nUsed), h);
                });
            }
            if (res.converged()) {
                init = res.x();
            }
            boolean stationary = ArmaParams.arStationary(init, 0, order.p())
                    && ArmaParams.arStationary(init, order.p() + order.q(), order.sp());
            if (!stationary) {
                if (strict) {
                    throw new EstimationException("non-stationary AR part from CSS");
                }
                notes.add("the conditional-sum-of-squares start of " + order
                        + " is not stationary; maximum likelihood started from zero");
                init = new double[narma];
            }
        }
        double[] raw = ArmaParams.toUnconstrained(init, order);
        ArmaParams.maInvert(raw, order.p(), order.q());
        ArmaParams.maInvert(raw, order.p() + order.q() + order.sp(), order.sq());
        Bfgs.Objective f = x -> prob.ml(ArmaParams.fromUnconstrained(x, order));
        if (narma > 0 && !Double.isFinite(f.value(raw))) {
            if (strict) {
                throw new EstimationException("the likelihood of " + order + " is not finite at the start");
            }
            notes.add("the likelihood of " + order + " is not finite at the CSS start; started from zero");
            raw = new double[narma];
        }
        double[][] h0 = cssStart != null && cssHessian != null ? initialInverse(cssHessian, raw, order, nUsed) : null;
        double[] ones = new double[narma];
        java.util.Arrays.fill(ones, 1.0);
        Bfgs.Result res = narma == 0 ? new Bfgs.Result(raw, f.value(raw), 0, 1, true)
                : Bfgs.minimize(f, raw, ones, 1e-3, 100, 1.4901161193847656e-8, h0);
        if (DEBUG) {
            System.err.println("ML " + order + " evals=" + res.evaluations() + " iter=" + res.iterations() + " conv=" + res.converged());
        }
        if (!res.converged() && !strict && narma > 0) {
            // fall back: restart once from where it stopped (a fresh quasi-Newton metric often gets
            // out of a stall); keep whichever point is better and say so
            Bfgs.Result again = Bfgs.minimize(f, res.x());
            notes.add("the optimiser did not converge for " + order + " within 100 iterations; restarted from its last point"
                    + (again.converged() ? " and converged" : " and still did not converge: the estimates may be inaccurate"));
            if (again.value() <= res.value()) {
                res = again;
            }
        }
        converged = res.converged();
        double[] coefRaw = res.x();
        boolean inv1 = ArmaParams.maInvert(coefRaw, order.p(), order.q());
        boolean inv2 = ArmaParams.maInvert(coefRaw, order.p() + order.q() + order.sp(), order.sq());
        double value = (inv1 || inv2) ? f.value(coefRaw) : res.value();
        if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
            throw new EstimationException("the likelihood of " + order + " is not finite at the optimum");
        }
        double[] se = null;
        double[] coef = ArmaParams.fromUnconstrained(coefRaw, order);
        boolean withSe = hessian && narma > 0 && !(cssStart != null && nearBoundary(coef, order));
        if (withSe && !defer) {
            se = mlStandardErrors(f, coefRaw, order, nUsed);
        }
        ArimaProblem.FinalState fs = prob.finalPass(coef);
        if (fs == null) {
            throw new EstimationException("the Kalman filter failed at the estimate of " + order);
        }
        double rawSigma2 = fs.ssq / nUsed;
        double loglik = -0.5 * (2 * nUsed * value + nUsed + nUsed * LOG_2PI);
        int ncoef = narma + prob.k;
        double aic = -2 * loglik + 2 * ncoef + 2;
        ArimaFit mf = assemble(y, order, method.label, coef, prob, names, rawSigma2, loglik, aic, fs.standardized, converged,
                se, notes, fs, null);
        if (!(withSe && defer)) {
            return new Deferred(mf, null);
        }
        return new Deferred(mf, done -> withHessian(done, mlStandardErrors(f, coefRaw, order, nUsed), null));
    }

    /** The fit with the given standard errors and CSS Hessian. */
    private static ArimaFit withHessian(ArimaFit f, double[] se, double[][] h) {
        return new ArimaFit(f.order(), f.method(), f.coef(), f.xregNames(), f.beta(), f.sigma2(), f.rawSigma2(), f.loglik(),
                f.aic(), f.aicc(), f.bic(), f.residuals(), f.converged(), se, f.notes(), f.state(), h);
    }

    private static ArimaFit cssFit(double[] y, ArimaOrder order, ArimaProblem prob, Bfgs.Result res, List<String> names,
            boolean hessian, List<String> notes) {
        int nUsed = prob.used();
        double[] coef = res.x();
        double value = prob.css(coef);
        if (!Double.isFinite(value)) {
            throw new EstimationException("the conditional sum of squares of " + order + " is not finite");
        }
        double rawSigma2 = prob.lastSsq / prob.lastNu;
        double[] e = prob.cssResiduals();
        double[] se = null;
        double[][] h = null;
        if (hessian && coef.length > 0) {
            h = Bfgs.hessianFromGradient(prob.cssObjective(), coef, 1e-3);
            se = standardErrors(h, null, nUsed);
            prob.css(coef); // restore the buffers of the optimum
        }
        double loglik = -0.5 * (2 * nUsed * value + nUsed + nUsed * LOG_2PI);
        // the state for forecasting comes from the exact filter at the CSS estimate when it is stationary,
        // else from the conditional recursion (the CSS residuals)
        // (residuals are the CSS ones, as R's)
        double[] cssBeta = prob.beta();
        ArimaProblem.FinalState fs = prob.finalPass(coef, cssBeta);
        if (fs == null) {
            fs = conditionalState(prob, coef, e);
        }
        prob.css(coef); // the regression coefficients of the CSS fit
        return assemble(y, order, Method.CSS.label, coef, prob, names, rawSigma2, loglik, Double.NaN, e,
                res.converged(), se, notes, fs, h);
    }

    /**
     * The state for forecasting implied by the conditional (CSS) recursion: past innovations are the
     * CSS residuals and the state is known exactly, so only future innovations add variance.
     */
    private static ArimaProblem.FinalState conditionalState(ArimaProblem prob, double[] coef, double[] e) {
        prob.css(coef);
        double[] beta = prob.beta();
        double[] w = prob.series[0].clone();
        for (int t = 0; t < w.length; t++) {
            for (int j = 0; j < beta.length; j++) {
                w[t] -= beta[j] * prob.series[j + 1][t];
            }
        }
        int r = prob.r;
        int nw = w.length;
        ArimaProblem.FinalState fs = new ArimaProblem.FinalState();
        fs.a = new double[r];
        for (int i = 0; i < r; i++) {
            double s = 0;
            for (int kk = i; kk < r; kk++) {
                int lagW = nw - 1 - (kk - i);
                if (lagW >= 0) {
                    s += ArimaKalman.ph(prob.phi, prob.pFull, kk + 1) * w[lagW];
                }
                if (kk > i) {
                    int lagE = nw - (kk - i);
                    if (lagE >= 0) {
                        s += ArimaKalman.th(prob.theta, prob.qFull, kk) * e[lagE];
                    }
                }
            }
            fs.a[i] = s;
        }
        fs.pa = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                fs.pa[i][j] = ArimaKalman.th(prob.theta, prob.qFull, i) * ArimaKalman.th(prob.theta, prob.qFull, j);
            }
        }
        return fs;
    }

    private static ArimaFit assemble(double[] y, ArimaOrder order, String method, double[] coef, ArimaProblem prob,
            List<String> names, double rawSigma2, double loglik, double aic, double[] stdDiff, boolean converged,
            double[] se, List<String> notes, ArimaProblem.FinalState fs, double[][] hessianMatrix) {
        int n = y.length;
        int dd = order.diffLength();
        double[] resid = new double[n];
        java.util.Arrays.fill(resid, 0, dd, Double.NaN);
        double ss = 0;
        for (int t = 0; t < stdDiff.length; t++) {
            resid[t + dd] = stdDiff[t];
            ss += stdDiff[t] * stdDiff[t];
        }
        int nstar = n - dd;
        double[] beta = prob.beta();
        int npar = coef.length + beta.length + 1;
        double sigma2 = ss / (nstar - npar + 1);
        double aicc = aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        double bic = aic + npar * (Math.log(nstar) - 2);
        // the regression-free history u = y - X beta, for integrating the forecasts
        double[] u = y.clone();
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < beta.length; j++) {
                u[t] -= beta[j] * prob.xreg[j][t];
            }
        }
        double[] phi = java.util.Arrays.copyOf(prob.phi, prob.pFull);
        double[] theta = java.util.Arrays.copyOf(prob.theta, prob.qFull);
        ArimaFit.ForecastState state = new ArimaFit.ForecastState(phi, theta, prob.delta, fs.a, fs.pa, u);
        return new ArimaFit(order, method, coef, List.copyOf(names), beta, sigma2, rawSigma2, loglik, aic, aicc, bic,
                resid, converged, se, List.copyOf(notes), state, hessianMatrix);
    }

    /**
     * A first inverse Hessian for the maximum-likelihood search from the Hessian of the CSS objective
     * (nearly the same function near the optimum), carried to the unconstrained coordinates; null when
     * it is not positive definite.
     */
    private static double[][] initialInverse(double[][] cssHessian, double[] raw, ArimaOrder order, int nUsed) {
        int n = raw.length;
        if (cssHessian.length != n) {
            return null;
        }
        double[][] inv = LeastSquares.inverse(cssHessian);
        if (inv == null) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!(inv[i][i] > 0)) {
                return null;
            }
        }
        // natural = g(raw): H_raw^-1 = J^-1 H_nat^-1 J^-T with J = dg/draw
        double[][] jac = new double[n][n];
        double[] base = ArmaParams.fromUnconstrained(raw, order);
        double[] x = raw.clone();
        for (int i = 0; i < n; i++) {
            x[i] = raw[i] + 1e-6;
            double[] moved = ArmaParams.fromUnconstrained(x, order);
            x[i] = raw[i];
            for (int j = 0; j < n; j++) {
                jac[j][i] = (moved[j] - base[j]) / 1e-6;
            }
        }
        double[][] jinv = LeastSquares.inverse(jac);
        if (jinv == null) {
            return null;
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        s += jinv[i][a] * inv[a][b] * jinv[j][b];
                    }
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /**
     * Standard errors of the ARMA coefficients of a fit, from the numerical Hessian of its objective
     * (the likelihood, or the CSS for CSS fits) at the estimate; computed on demand because the
     * Hessian costs 2k^2 evaluations and most fits (backtests) never report it.
     */
    static double[] standardErrors(double[] y, ArimaFit fit, double[][] xreg) {
        ArimaOrder order = fit.order();
        double[] coef = fit.coef();
        if (coef.length == 0) {
            return new double[0];
        }
        ArimaProblem prob = new ArimaProblem(y, xreg, order);
        if (fit.method().equals(Method.CSS.label)) {
            return standardErrors(Bfgs.hessianFromGradient(prob.cssObjective(), coef, 1e-3), null, prob.used());
        }
        double[] raw;
        try {
            raw = ArmaParams.toUnconstrained(coef, order);
        } catch (IllegalArgumentException e) {
            double[] nan = new double[coef.length];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
        Bfgs.Objective f = x -> prob.ml(ArmaParams.fromUnconstrained(x, order));
        return mlStandardErrors(f, raw, order, prob.used());
    }

    /** Whether the full AR or MA polynomial of {@code coef} has a root within 1.01 of the unit circle. */
    static boolean nearBoundary(double[] coef, ArimaOrder order) {
        double[] phi = new double[Math.max(1, order.arLength())];
        double[] theta = new double[Math.max(1, order.maLength())];
        ArmaParams.expandAr(coef, order, phi);
        ArmaParams.expandMa(coef, order, theta);
        return nearBoundary(java.util.Arrays.copyOf(phi, order.arLength()), java.util.Arrays.copyOf(theta, order.maLength()));
    }

    /**
     * Whether the AR polynomial 1 - sum phi z^i or the MA polynomial 1 + sum theta z^i has a root of
     * modulus below 1.01 (R's auto.arima check; coefficients below 1e-8 at the end are ignored, as R does).
     */
    static boolean nearBoundary(double[] phi, double[] theta) {
        double[] a = trimTail(phi);
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
        return !io.jenkins.plugins.influxforecast.model.optim.Polynomials.rootsOutside(a, 1.01)
                || !io.jenkins.plugins.influxforecast.model.optim.Polynomials.rootsOutside(trimTail(theta), 1.01);
    }

    private static double[] trimTail(double[] c) {
        int last = c.length;
        while (last > 0 && Math.abs(c[last - 1]) <= 1e-8) {
            last--;
        }
        return java.util.Arrays.copyOf(c, last);
    }

    /** Standard errors of the natural coefficients from the Hessian in the unconstrained space. */
    private static double[] mlStandardErrors(Bfgs.Objective f, double[] raw, ArimaOrder order, int nUsed) {
        double[][] h = Bfgs.hessian(f, raw, 1e-3);
        int n = raw.length;
        // Jacobian of the map to natural coefficients, by forward differences (only the AR blocks move)
        double[][] a = new double[n][n];
        double[] base = ArmaParams.fromUnconstrained(raw, order);
        double[] x = raw.clone();
        for (int i = 0; i < n; i++) {
            x[i] = raw[i] + 1e-3;
            double[] moved = ArmaParams.fromUnconstrained(x, order);
            x[i] = raw[i];
            for (int j = 0; j < n; j++) {
                a[i][j] = (moved[j] - base[j]) / 1e-3;
            }
            boolean ar = i < order.p() || (i >= order.p() + order.q() && i < order.p() + order.q() + order.sp());
            if (!ar) {
                java.util.Arrays.fill(a[i], 0.0);
                a[i][i] = 1;
            }
        }
        return standardErrors(h, a, nUsed);
    }

    /** sqrt(diag(A' (H n)^-1 A)), NaN where negative; all NaN when H is singular. */
    static double[] standardErrors(double[][] h, double[][] a, int nUsed) {
        int n = h.length;
        double[][] hn = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                hn[i][j] = h[i][j] * nUsed;
            }
        }
        double[][] inv = LeastSquares.inverse(hn);
        double[] se = new double[n];
        if (inv == null) {
            java.util.Arrays.fill(se, Double.NaN);
            return se;
        }
        for (int j = 0; j < n; j++) {
            double v;
            if (a == null) {
                v = inv[j][j];
            } else {
                v = 0;
                for (int i = 0; i < n; i++) {
                    for (int l = 0; l < n; l++) {
                        v += a[i][j] * inv[i][l] * a[l][j];
                    }
                }
            }
            se[j] = v >= 0 ? Math.sqrt(v) : Double.NaN;
        }
        return se;
    }
}
