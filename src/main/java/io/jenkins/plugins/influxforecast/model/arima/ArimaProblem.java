package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.optim.LeastSquares;

/**
 * One ARIMA estimation problem: a series, its regressors and the orders, with every buffer the
 * objective functions need allocated once. The series and the regressors are differenced up front
 * ({@code w = (1-B)^d (1-B^m)^D y}), which gives the same likelihood as R's diffuse prior on the
 * non-stationary states while keeping the state small. Regression coefficients are profiled out
 * (generalised least squares on the filtered series: the filter is linear and its gains do not
 * depend on the data), so the optimiser only sees the ARMA coefficients. Not thread-safe: one
 * instance per fit.
 */
final class ArimaProblem {

    final ArimaOrder order;
    final int n;        // length of y
    final int nw;       // length of the differenced series
    final int k;        // number of regressors
    final double[] y;
    final double[][] xreg;  // [k][n]
    final double[] delta;   // u_t = w_t + sum delta_i u_{t-i}
    final double[][] series; // [k + 1][nw]: differenced y then differenced regressors

    final int pFull;
    final int qFull;
    final int r;
    final double[] phi;
    final double[] theta;

    // covariance buffers
    private final double[][] p0;
    private final ArimaKalman.CovWork covWork;
    // filter buffers
    private double[][] state;
    private double[][] stateNext;
    private final double[] gainW;
    private final double[] gainK;
    private final double[] gainU;
    private final double[] phiPad;
    private final double[][] innov;
    private final double[] fvar;
    private final boolean[] counted;
    // regression buffers
    private final double[][] normal;
    private final double[] beta;
    private final int[] phiIdx;
    private final int[] thetaIdx;
    // the point of the last css evaluation, whose results the buffers hold while cssValid
    private final double[] cssPar;
    private double cssValue;
    private boolean cssValid;
    // gradient buffers
    private double[] gradU;
    private double[] gradE;
    private double[] gradD;
    private final int[] termLag;
    private final double[] termCoef;

    // results of the last evaluation
    double lastSsq;
    int lastNu;

    ArimaProblem(double[] y, double[][] xreg, ArimaOrder order) {
        this.order = order;
        this.y = y;
        this.n = y.length;
        this.xreg = xreg == null ? new double[0][] : xreg;
        this.k = this.xreg.length;
        this.delta = differencingPolynomial(order);
        int dd = delta.length;
        if (n - dd < 1) {
            throw new IllegalArgumentException("series too short for " + order + ": " + n + " points, need at least " + (dd + 1));
        }
        this.nw = n - dd;
        this.series = new double[k + 1][];
        series[0] = difference(y, order);
        for (int j = 0; j < k; j++) {
            series[j + 1] = difference(this.xreg[j], order);
        }
        this.pFull = order.arLength();
        this.qFull = order.maLength();
        this.r = Math.max(pFull, qFull + 1);
        this.phi = new double[Math.max(1, pFull)];
        this.theta = new double[Math.max(1, qFull)];
        this.p0 = new double[r][r];
        this.covWork = new ArimaKalman.CovWork(pFull, qFull, r);
        this.state = new double[k + 1][r + 1];
        this.stateNext = new double[k + 1][r + 1];
        this.gainW = new double[r + 1];
        this.gainK = new double[r];
        this.gainU = new double[r];
        this.phiPad = new double[r];
        this.innov = new double[k + 1][nw];
        this.fvar = new double[nw];
        this.counted = new boolean[nw];
        this.normal = new double[Math.max(1, k)][Math.max(1, k)];
        this.beta = new double[k];
        this.phiIdx = new int[Math.max(1, pFull)];
        this.thetaIdx = new int[Math.max(1, qFull)];
        this.cssPar = new double[order.armaCount()];
        int terms = 1 + Math.max(Math.max(order.p(), order.q()), Math.max(order.sp(), order.sq()));
        this.termLag = new int[terms];
        this.termCoef = new double[terms];
    }

    /** The coefficients of (1-B)^d (1-B^m)^D written as u_t = w_t + sum delta_i u_{t-i}. */
    static double[] differencingPolynomial(ArimaOrder o) {
        double[] poly = {1};
        for (int i = 0; i < o.d(); i++) {
            poly = io.jenkins.plugins.influxforecast.model.optim.Polynomials.multiply(poly, new double[] {1, -1});
        }
        for (int i = 0; i < o.sd(); i++) {
            double[] s = new double[o.m() + 1];
            s[0] = 1;
            s[o.m()] = -1;
            poly = io.jenkins.plugins.influxforecast.model.optim.Polynomials.multiply(poly, s);
        }
        double[] delta = new double[poly.length - 1];
        for (int i = 1; i < poly.length; i++) {
            delta[i - 1] = -poly[i];
        }
        return delta;
    }

    /** (1-B)^d (1-B^m)^D x, of length n - d - mD. */
    static double[] difference(double[] x, ArimaOrder o) {
        double[] cur = x.clone();
        for (int i = 0; i < o.d(); i++) {
            cur = diff(cur, 1);
        }
        for (int i = 0; i < o.sd(); i++) {
            cur = diff(cur, o.m());
        }
        return cur;
    }

    static double[] diff(double[] x, int lag) {
        if (x.length <= lag) {
            return new double[0];
        }
        double[] out = new double[x.length - lag];
        for (int t = 0; t < out.length; t++) {
            out[t] = x[t + lag] - x[t];
        }
        return out;
    }

    /** The number of observations used by the likelihood: n - d - mD (R's n.used). */
    int used() {
        return nw;
    }

    /** The regression coefficients from the last evaluation (a copy). */
    double[] beta() {
        return beta.clone();
    }

    private void expand(double[] par) {
        ArmaParams.expandAr(par, order, phi);
        ArmaParams.expandMa(par, order, theta);
    }

    private int nonZero(double[] c, int len, int[] idx) {
        int cnt = 0;
        for (int i = 0; i < len; i++) {
            if (c[i] != 0) {
                idx[cnt++] = i;
            }
        }
        return cnt;
    }

    /**
     * The conditional-sum-of-squares objective 0.5 log(ssq / nu) at the natural coefficients
     * {@code par} (R's layout), innovations before observation p + mP of the differenced series set to
     * zero; +infinity when it is not finite.
     */
    double css(double[] par) {
        double value = cssUncached(par);
        System.arraycopy(par, 0, cssPar, 0, par.length);
        cssValue = value;
        cssValid = true;
        return value;
    }

    private double cssUncached(double[] par) {
        expand(par);
        int np = nonZero(phi, pFull, phiIdx);
        int nq = nonZero(theta, qFull, thetaIdx);
        int s0 = pFull;
        if (s0 >= nw) {
            return Double.POSITIVE_INFINITY;
        }
        for (int s = 0; s <= k; s++) {
            double[] x = series[s];
            double[] e = innov[s];
            for (int t = 0; t < s0; t++) {
                e[t] = 0;
            }
            // the AR part only involves the data: one vectorisable pass per lag
            System.arraycopy(x, s0, e, s0, nw - s0);
            for (int jj = 0; jj < np; jj++) {
                int j = phiIdx[jj];
                double c = phi[j];
                int off = j + 1;
                for (int t = s0; t < nw; t++) {
                    e[t] -= c * x[t - off];
                }
            }
        }
        // the MA part is a recursion on the innovations; the series and the regressors run in the same
        // loop, so their independent chains overlap
        if (nq > 0) {
            // up to t = qFull some lags reach before the start; after that none does
            int full = Math.min(nw, Math.max(s0, qFull));
            for (int t = s0; t < full; t++) {
                for (int s = 0; s <= k; s++) {
                    double[] e = innov[s];
                    double v = e[t];
                    for (int jj = 0; jj < nq; jj++) {
                        int j = thetaIdx[jj];
                        if (t - j - 1 < 0) {
                            break;
                        }
                        v -= theta[j] * e[t - j - 1];
                    }
                    e[t] = v;
                }
            }
            if (k == 0) {
                double[] e = innov[0];
                for (int t = full; t < nw; t++) {
                    double v = e[t];
                    for (int jj = 0; jj < nq; jj++) {
                        int j = thetaIdx[jj];
                        v -= theta[j] * e[t - j - 1];
                    }
                    e[t] = v;
                }
            } else {
                for (int t = full; t < nw; t++) {
                    for (int s = 0; s <= k; s++) {
                        double[] e = innov[s];
                        double v = e[t];
                        for (int jj = 0; jj < nq; jj++) {
                            int j = thetaIdx[jj];
                            v -= theta[j] * e[t - j - 1];
                        }
                        e[t] = v;
                    }
                }
            }
        }
        int nu = nw - s0;
        double ssq = profile(s0, null);
        lastSsq = ssq;
        lastNu = nu;
        if (!(ssq >= 0) || !Double.isFinite(ssq)) {
            return Double.POSITIVE_INFINITY;
        }
        return 0.5 * Math.log(ssq / nu);
    }

    /**
     * The CSS objective (as {@link #css}) and its exact gradient with respect to {@code par}, written
     * into {@code grad}. The residual recursion is linear in the data, so at the profiled regression
     * coefficients (whose own derivative does not enter, the sum of squares being stationary in them)
     * the derivative of the residuals u_t = x_t - sum phi_L x_{t-L} - sum theta_L e_{t-L} with respect to a
     * coefficient c obeys D_t = -sum (dphi_L/dc) x_{t-L} - sum (dtheta_L/dc) e_{t-L} - sum theta_L D_{t-L},
     * run on the regression-free series; d/dc 0.5 log(ssq/nu) = sum e_t D_t / ssq, evaluated through
     * the adjoint of the MA recursion, so the whole gradient costs about two passes over the data.
     */
    double cssWithGradient(double[] par, double[] grad) {
        // the optimiser asks for the gradient at the point its line search has just evaluated: the
        // buffers of that evaluation are still valid
        double value = cssValid && java.util.Arrays.equals(par, cssPar) ? cssValue : css(par);
        int npar = par.length;
        if (!Double.isFinite(value) || lastSsq <= 0) {
            java.util.Arrays.fill(grad, 0, npar, Double.NaN);
            return value;
        }
        if (gradD == null) {
            gradD = new double[nw];
            if (k > 0) {
                gradU = new double[nw];
                gradE = new double[nw];
            }
        }
        int s0 = pFull;
        double[] u;
        double[] e;
        if (k == 0) {
            u = series[0];
            e = innov[0];
        } else {
            u = gradU;
            e = gradE;
            for (int t = 0; t < nw; t++) {
                double ut = series[0][t];
                double et = innov[0][t];
                for (int j = 0; j < k; j++) {
                    ut -= beta[j] * series[j + 1][t];
                    et -= beta[j] * innov[j + 1][t];
                }
                u[t] = ut;
                e[t] = et;
            }
        }
        int nq = nonZero(theta, qFull, thetaIdx);
        // D = M^-1 b_c with M the MA filter (unit lower triangular on t >= s0), so
        // sum e_t D_t = sum lambda_t b_c,t with lambda = M^-T e: one backward recursion for all coefficients
        double[] lambda = gradD;
        for (int t = nw - 1; t >= s0; t--) {
            double v = e[t];
            for (int jj = 0; jj < nq; jj++) {
                int j = thetaIdx[jj];
                int ahead = t + j + 1;
                if (ahead < nw) {
                    v -= theta[j] * lambda[ahead];
                }
            }
            lambda[t] = v;
        }
        int p = order.p();
        int q = order.q();
        int sp = order.sp();
        int sq = order.sq();
        int m = order.m();
        for (int c = 0; c < npar; c++) {
            // the lags and factors of d(phi)/dc (AR terms, on u) and d(theta)/dc (MA terms, on e)
            int nTerms = 0;
            boolean ar;
            if (c < p) {
                ar = true;
                termLag[nTerms] = c + 1;
                termCoef[nTerms++] = 1;
                for (int j = 0; j < sp; j++) {
                    termLag[nTerms] = (j + 1) * m + c + 1;
                    termCoef[nTerms++] = -par[p + q + j];
                }
            } else if (c < p + q) {
                ar = false;
                int i = c - p;
                termLag[nTerms] = i + 1;
                termCoef[nTerms++] = 1;
                for (int j = 0; j < sq; j++) {
                    termLag[nTerms] = (j + 1) * m + i + 1;
                    termCoef[nTerms++] = par[p + q + sp + j];
                }
            } else if (c < p + q + sp) {
                ar = true;
                int j = c - p - q;
                termLag[nTerms] = (j + 1) * m;
                termCoef[nTerms++] = 1;
                for (int i = 0; i < p; i++) {
                    termLag[nTerms] = (j + 1) * m + i + 1;
                    termCoef[nTerms++] = -par[i];
                }
            } else {
                ar = false;
                int j = c - p - q - sp;
                termLag[nTerms] = (j + 1) * m;
                termCoef[nTerms++] = 1;
                for (int i = 0; i < q; i++) {
                    termLag[nTerms] = (j + 1) * m + i + 1;
                    termCoef[nTerms++] = par[p + i];
                }
            }
            double[] src = ar ? u : e;
            // b_c,t = -sum cf src_{t-lag} (src is zero before index 0)
            double dot = 0;
            for (int a = 0; a < nTerms; a++) {
                int lag = termLag[a];
                double cf = termCoef[a];
                if (cf == 0) {
                    continue;
                }
                double sum = 0;
                for (int t = Math.max(s0, lag); t < nw; t++) {
                    sum += lambda[t] * src[t - lag];
                }
                dot -= cf * sum;
            }
            grad[c] = dot / lastSsq;
        }
        return value;
    }

    /** The CSS objective as a differentiable function for the optimiser. */
    io.jenkins.plugins.influxforecast.model.optim.Bfgs.Differentiable cssObjective() {
        return new io.jenkins.plugins.influxforecast.model.optim.Bfgs.Differentiable() {
            @Override
            public double value(double[] x) {
                return css(x);
            }

            @Override
            public double valueAndGradient(double[] x, double[] grad) {
                return cssWithGradient(x, grad);
            }
        };
    }

    /**
     * The CSS-filtered series and regressors at {@code par} ([0]: the series, [1..k]: the regressors),
     * zero before the first innovation; a view of internal buffers, valid until the next call.
     */
    double[][] cssInnovations(double[] par) {
        css(par);
        return innov;
    }

    /** CSS residuals of the last {@link #css} call, over the differenced series (zeros before the start). */
    double[] cssResiduals() {
        double[] e = innov[0].clone();
        for (int t = 0; t < nw; t++) {
            for (int j = 0; j < k; j++) {
                e[t] -= beta[j] * innov[j + 1][t];
            }
        }
        return e;
    }

    /**
     * Least squares of innov[0] on innov[1..k] over t >= from (weighted by 1/F when weights are given
     * and only where counted), leaving the coefficients in {@link #beta}; returns the residual sum of
     * squares (weighted).
     */
    private double profile(int from, double[] weights) {
        double[] v0 = innov[0];
        if (k == 0) {
            double ssq = 0;
            if (weights == null) {
                for (int t = from; t < nw; t++) {
                    ssq += v0[t] * v0[t];
                }
                return ssq;
            }
            for (int t = from; t < nw; t++) {
                if (counted[t]) {
                    ssq += v0[t] * v0[t] / weights[t];
                }
            }
            return ssq;
        }
        for (int i = 0; i < k; i++) {
            java.util.Arrays.fill(normal[i], 0, k, 0.0);
            beta[i] = 0;
        }
        boolean done = false;
        if (weights == null && k == 1) {
            // unweighted (CSS), the common cases: one pass with the sums in registers
            double[] x1 = innov[1];
            double b0 = 0;
            double n00 = 0;
            for (int t = from; t < nw; t++) {
                double a = x1[t];
                b0 += a * v0[t];
                n00 += a * a;
            }
            beta[0] = b0;
            normal[0][0] = n00;
            done = true;
        } else if (weights == null && k == 2) {
            double[] x1 = innov[1];
            double[] x2 = innov[2];
            double b0 = 0;
            double b1 = 0;
            double n00 = 0;
            double n10 = 0;
            double n11 = 0;
            for (int t = from; t < nw; t++) {
                double a = x1[t];
                double c = x2[t];
                double v = v0[t];
                b0 += a * v;
                n00 += a * a;
                b1 += c * v;
                n10 += c * a;
                n11 += c * c;
            }
            beta[0] = b0;
            beta[1] = b1;
            normal[0][0] = n00;
            normal[1][0] = n10;
            normal[1][1] = n11;
            done = true;
        }
        for (int t = from; t < nw && !done; t++) {
            double wt;
            if (weights == null) {
                wt = 1;
            } else if (counted[t]) {
                wt = 1 / weights[t];
            } else {
                continue;
            }
            for (int i = 0; i < k; i++) {
                double xi = innov[i + 1][t] * wt;
                beta[i] += xi * v0[t];
                double[] row = normal[i];
                for (int j = 0; j <= i; j++) {
                    row[j] += xi * innov[j + 1][t];
                }
            }
        }
        if (!LeastSquares.solveSpd(normal, beta, k)) {
            java.util.Arrays.fill(beta, Double.NaN);
            return Double.NaN;
        }
        double ssq = 0;
        if (weights == null && k == 1) {
            double b0 = beta[0];
            double[] x1 = innov[1];
            for (int t = from; t < nw; t++) {
                double e = v0[t] - b0 * x1[t];
                ssq += e * e;
            }
            return ssq;
        }
        for (int t = from; t < nw; t++) {
            if (weights != null && !counted[t]) {
                continue;
            }
            double e = v0[t];
            for (int i = 0; i < k; i++) {
                e -= beta[i] * innov[i + 1][t];
            }
            ssq += weights == null ? e * e : e * e / weights[t];
        }
        return ssq;
    }

    /**
     * The exact Gaussian likelihood objective 0.5 (log(ssq / nu) + sum log F_t / nu) at the natural
     * coefficients {@code par} (R's layout); +infinity when the AR part is not stationary or the
     * filter breaks down.
     */
    double ml(double[] par) {
        return filter(par, null, null);
    }

    /** The end-of-sample quantities of a final filter pass. */
    static final class FinalState {
        double[] standardized; // (v - v_X beta) / sqrt(F) over the differenced series
        double[] a;            // predicted ARMA state of the regression-free differenced series for step n + 1
        double[][] pa;         // its covariance (unit innovation variance)
        double ssq;
    }

    /** Runs the filter at {@code par} and returns residuals and the final state. */
    FinalState finalPass(double[] par) {
        return finalPass(par, null);
    }

    /**
     * Runs the filter at {@code par} with the regression coefficients {@code fixedBeta} (null: the
     * profile estimate) and returns residuals and the final state.
     */
    FinalState finalPass(double[] par, double[] fixedBeta) {
        FinalState fs = new FinalState();
        fs.pa = new double[r][r];
        double value = filter(par, fs, fixedBeta);
        if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
            return null;
        }
        fs.ssq = lastSsq;
        double[] std = new double[nw];
        for (int t = 0; t < nw; t++) {
            double e = innov[0][t];
            for (int i = 0; i < k; i++) {
                e -= beta[i] * innov[i + 1][t];
            }
            std[t] = e / Math.sqrt(fvar[t]);
        }
        fs.standardized = std;
        fs.a = java.util.Arrays.copyOf(state[0], r);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < r; j++) {
                fs.a[j] -= beta[i] * state[i + 1][j];
            }
        }
        return fs;
    }

    private double filter(double[] par, FinalState capture, double[] fixedBeta) {
        cssValid = false; // the filter reuses the buffers of the CSS recursion
        expand(par);
        if (!ArimaKalman.stationaryCovariance(phi, pFull, theta, qFull, r, p0, covWork)) {
            return Double.POSITIVE_INFINITY;
        }
        // padded copies (index r holds 0) so that the shifted updates read and write different arrays
        double[] phiPad = this.phiPad;
        for (int i = 0; i < r; i++) {
            phiPad[i] = ArimaKalman.ph(phi, pFull, i + 1);
        }
        double f = p0[0][0];
        double[] w = gainW;
        double[] kb = gainK;
        double[] u = gainU;
        for (int i = 0; i < r; i++) {
            kb[i] = phiPad[i] * f + (i + 1 < r ? p0[i + 1][0] : 0.0);
            w[i] = kb[i];
        }
        w[r] = 0;
        double m = -1.0 / f;
        if (capture != null) {
            for (int i = 0; i < r; i++) {
                System.arraycopy(p0[i], 0, capture.pa[i], 0, r);
            }
        }
        for (int s = 0; s <= k; s++) {
            java.util.Arrays.fill(state[s], 0.0);
            java.util.Arrays.fill(stateNext[s], 0.0);
        }
        double sumLog = 0;
        int nu = 0;
        boolean steady = false;
        int rr = r;
        for (int t = 0; t < nw; t++) {
            if (!(f > 0) || !Double.isFinite(f)) {
                return Double.POSITIVE_INFINITY;
            }
            double invF = 1.0 / f;
            for (int s = 0; s <= k; s++) {
                double[] a = state[s];
                double[] b = stateNext[s];
                double v = series[s][t] - a[0];
                innov[s][t] = v;
                double c = v * invF;
                double a0 = a[0];
                for (int i = 0; i < rr; i++) {
                    b[i] = phiPad[i] * a0 + a[i + 1] + kb[i] * c;
                }
                state[s] = b;
                stateNext[s] = a;
            }
            fvar[t] = f;
            boolean use = f < ArimaKalman.DIFFUSE_GAIN;
            counted[t] = use;
            if (use) {
                sumLog += Math.log(f);
                nu++;
            }
            if (!steady) {
                double z = w[0];
                if (capture != null) {
                    for (int i = 0; i < rr; i++) {
                        double mwi = m * w[i];
                        double[] row = capture.pa[i];
                        for (int j = 0; j < rr; j++) {
                            row[j] += mwi * w[j];
                        }
                    }
                }
                double fNew = f + m * z * z;
                double mz = m * z;
                double zf = z * invF;
                for (int i = 0; i < rr; i++) {
                    u[i] = phiPad[i] * z + w[i + 1];
                }
                for (int i = 0; i < rr; i++) {
                    w[i] = u[i] - kb[i] * zf;
                    kb[i] += u[i] * mz;
                }
                m = m - m * m * z * z / fNew;
                f = fNew;
                if ((t & 7) == 7) {
                    double maxW = 0;
                    for (int i = 0; i < rr; i++) {
                        maxW = Math.max(maxW, Math.abs(w[i]));
                    }
                    steady = Math.abs(m) * maxW * maxW < 1e-13 * f;
                }
            }
        }
        double ssq;
        if (fixedBeta == null) {
            ssq = profile(0, fvar);
        } else {
            System.arraycopy(fixedBeta, 0, beta, 0, k);
            ssq = 0;
            for (int t = 0; t < nw; t++) {
                if (counted[t]) {
                    double e = innov[0][t];
                    for (int i = 0; i < k; i++) {
                        e -= beta[i] * innov[i + 1][t];
                    }
                    ssq += e * e / fvar[t];
                }
            }
        }
        lastSsq = ssq;
        lastNu = nu;
        if (nu == 0 || !(ssq >= 0) || !Double.isFinite(ssq)) {
            return Double.POSITIVE_INFINITY;
        }
        // ssq == 0 (a deterministic series) gives -infinity: a perfect fit
        return 0.5 * (Math.log(ssq / nu) + sumLog / nu);
    }
}
