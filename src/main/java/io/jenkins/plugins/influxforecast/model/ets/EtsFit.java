package io.jenkins.plugins.influxforecast.model.ets;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One fitted ETS model: the type, the smoothing parameters, the initial and final states (R's
 * order {@code l, b, s1 .. sm}, s1 the most recent seasonal state), the information criteria as R
 * computes them, the residuals and one-step fitted values, and its forecasts: point forecasts,
 * forecast means and variances (R's analytic classes 1 to 3) or simulated quantiles. Immutable;
 * made by {@link EtsEstimator} and usable from code (e.g. by ensembles and ARIMA comparisons).
 */
public final class EtsFit {

    private final EtsType type;
    private final int m;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final double[] initialState;
    private final double[] finalState;
    private final double lik;
    private final int freeParameters;
    private final int n;
    private final double[] residuals;
    private final double[] fitted;
    private final double sigma2;
    private final double mse;
    private final boolean converged;
    private final int evaluations;

    EtsFit(EtsType type, int m, double alpha, double beta, double gamma, double phi, double[] initialState,
           double[] finalState, double lik, int freeParameters, double[] residuals, double[] fitted, double mse,
           int smoothingParameters, boolean converged, int evaluations) {
        this.type = type;
        this.m = m;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.phi = phi;
        this.initialState = initialState.clone();
        this.finalState = finalState.clone();
        this.lik = lik;
        this.freeParameters = freeParameters;
        this.n = residuals.length;
        this.residuals = residuals.clone();
        this.fitted = fitted.clone();
        this.mse = mse;
        this.converged = converged;
        this.evaluations = evaluations;
        // R: sum of squared residuals over n minus (smoothing parameters + initial states)
        int np = smoothingParameters + stateCount(type, m) - (type.seasonal() ? 1 : 0);
        double ss = 0;
        for (double e : residuals) {
            ss += e * e;
        }
        this.sigma2 = n - np > 0 ? ss / (n - np) : Double.NaN;
    }

    static int stateCount(EtsType type, int m) {
        return 1 + (type.hasTrend() ? 1 : 0) + (type.seasonal() ? m : 0);
    }

    public EtsType type() {
        return type;
    }

    /** The seasonal period (1 for non-seasonal types). */
    public int period() {
        return m;
    }

    public double alpha() {
        return alpha;
    }

    /** NaN without a trend. */
    public double beta() {
        return beta;
    }

    /** NaN without a season. */
    public double gamma() {
        return gamma;
    }

    /** NaN unless damped. */
    public double phi() {
        return phi;
    }

    /** The initial state {@code l, b, s1 .. sm} (b and s only when present). */
    public double[] initialState() {
        return initialState.clone();
    }

    /** The state after the last observation, same layout. */
    public double[] finalState() {
        return finalState.clone();
    }

    /** R's log-likelihood: {@code -0.5 * (n log(sum e^2) + 2 sum log|f|)}. */
    public double logLik() {
        return -0.5 * lik;
    }

    /** The number of estimated parameters R counts: smoothing parameters, initial states, sigma. */
    public int parameterCount() {
        return freeParameters;
    }

    public double aic() {
        return lik + 2.0 * freeParameters;
    }

    public double aicc() {
        double k = freeParameters;
        return n - k - 1 > 0 ? aic() + 2 * k * (k + 1) / (n - k - 1) : Double.POSITIVE_INFINITY;
    }

    public double bic() {
        return lik + Math.log(n) * freeParameters;
    }

    public double ic(EtsOptions.InformationCriterion ic) {
        return switch (ic) {
            case AIC -> aic();
            case BIC -> bic();
            case AICC -> aicc();
        };
    }

    /** Residual variance as R reports it (relative errors for multiplicative error). */
    public double sigma2() {
        return sigma2;
    }

    /** Mean squared one-step error. */
    public double mse() {
        return mse;
    }

    /** Residuals: {@code y - f} (additive error) or {@code (y - f) / f} (multiplicative error). */
    public double[] residuals() {
        return residuals.clone();
    }

    /** One-step-ahead fitted values. */
    public double[] fitted() {
        return fitted.clone();
    }

    /** Whether the optimiser met its tolerance within its budget. */
    public boolean converged() {
        return converged;
    }

    public int evaluations() {
        return evaluations;
    }

    private int trendCode() {
        return type.hasTrend() ? EtsKernel.ADD : EtsKernel.NONE;
    }

    private int seasonCode() {
        return EtsKernel.code(type.season());
    }

    private double phiOrOne() {
        return type.damped() ? phi : 1.0;
    }

    /** Point forecasts: the state recursions without future errors. */
    public double[] pointForecast(int horizon) {
        return EtsKernel.forecast(finalState, m, trendCode(), seasonCode(), phiOrOne(), horizon);
    }

    /** Whether {@link #forecastVariance} has an analytic answer (R's classes 1 to 3, period <= 24 for class 3). */
    public boolean hasAnalyticVariance() {
        return type.season() != 'M' || m <= 24;
    }

    /**
     * The forecast mean: the point forecast, except for multiplicative error and season where R's
     * class 3 gives the conditional mean (which the point forecast slightly understates).
     */
    public double[] forecastMean(int horizon) {
        if (type.season() == 'M' && type.error() == 'M' && hasAnalyticVariance()) {
            return class3Mean(horizon);
        }
        return pointForecast(horizon);
    }

    /** Forecast variances (R's classes 1, 2 and 3), or null when only simulation gives intervals. */
    public double[] forecastVariance(int horizon) {
        if (type.season() == 'M') {
            return hasAnalyticVariance() ? class3(horizon)[1] : null;
        }
        double[] c = class1Coefficients(horizon);
        double[] mu = pointForecast(horizon);
        double[] var = new double[horizon];
        if (type.error() == 'A') {
            double cum = 0;
            for (int h = 0; h < horizon; h++) {
                var[h] = sigma2 * (1 + cum);
                if (h < horizon - 1) {
                    cum += c[h] * c[h];
                }
            }
            return var;
        }
        // class 2: multiplicative error, additive components
        double[] theta = new double[horizon];
        for (int j = 0; j < horizon; j++) {
            double t = mu[j] * mu[j];
            for (int i = 0; i < j; i++) {
                t += sigma2 * c[i] * c[i] * theta[j - 1 - i];
            }
            theta[j] = t;
            var[j] = (1 + sigma2) * theta[j] - mu[j] * mu[j];
        }
        return var;
    }

    /** c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod m = 0], j = 1 .. horizon - 1 (index j-1). */
    private double[] class1Coefficients(int horizon) {
        double[] c = new double[Math.max(horizon - 1, 0)];
        double ph = phiOrOne();
        double phiSum = 0;
        double pow = 1;
        for (int j = 1; j < horizon; j++) {
            pow *= ph;
            phiSum += pow;
            double v = alpha;
            if (type.hasTrend()) {
                v += beta * phiSum;
            }
            if (type.seasonal() && j % m == 0) {
                v += gamma;
            }
            c[j - 1] = v;
        }
        return c;
    }

    /**
     * The mean of R's class 3 alone: {@code M_{h+1} = F1 M_h F2' + sigma^2 G1 M_h G2'} with M_1 the
     * outer product of the level/trend and seasonal states; mean_h = the level row sum at the
     * oldest seasonal position. O(h m) instead of the full variance recursion.
     */
    private double[] class3Mean(int horizon) {
        int p1 = type.hasTrend() ? 2 : 1;
        double ph = phiOrOne();
        // columns of M rotate with F2: column j of F2' M maps ... track M as p1 x m
        double[][] mh = new double[p1][m];
        for (int i = 0; i < p1; i++) {
            for (int j = 0; j < m; j++) {
                mh[i][j] = finalState[i] * finalState[p1 + j];
            }
        }
        double[] mu = new double[horizon];
        double[][] next = new double[p1][m];
        for (int h = 0; h < horizon; h++) {
            double v = 0;
            for (int r = 0; r < p1; r++) {
                v += mh[r][m - 1];
            }
            mu[h] = v;
            // F1 M F2': (M F2')[:, 0] = M[:, m-1], (M F2')[:, j] = M[:, j-1]
            // G1 M G2': G2' has gamma at (m-1, 0): (M G2')[:, 0] = gamma M[:, m-1], other columns 0
            for (int j = 0; j < m; j++) {
                int src = j == 0 ? m - 1 : j - 1;
                if (p1 == 1) {
                    next[0][j] = mh[0][src];
                } else {
                    next[0][j] = mh[0][src] + mh[1][src];
                    next[1][j] = ph * mh[1][src];
                }
            }
            double g = gamma * sigma2;
            if (p1 == 1) {
                next[0][0] += alpha * g * mh[0][m - 1];
            } else {
                double colSum = mh[0][m - 1] + mh[1][m - 1];
                next[0][0] += alpha * g * colSum;
                next[1][0] += beta * g * colSum;
            }
            double[][] t = mh;
            mh = next;
            next = t;
        }
        return mu;
    }

    /** R's class 3 (multiplicative error and season): {mean, variance}. */
    private double[][] class3(int horizon) {
        int p1 = type.hasTrend() ? 2 : 1;
        double s2 = sigma2;
        double[][] f1 = type.hasTrend() ? new double[][] {{1, 1}, {0, phiOrOne()}} : new double[][] {{1}};
        double[][] g1 = type.hasTrend() ? new double[][] {{alpha, alpha}, {beta, beta}} : new double[][] {{alpha}};
        double[][] f2 = new double[m][m];
        f2[0][m - 1] = 1;
        for (int i = 1; i < m; i++) {
            f2[i][i - 1] = 1;
        }
        double[][] g2 = new double[m][m];
        g2[0][m - 1] = gamma;
        double[][] mh = new double[p1][m];
        for (int i = 0; i < p1; i++) {
            for (int j = 0; j < m; j++) {
                mh[i][j] = finalState[i] * finalState[p1 + j];
            }
        }
        int k = p1 * m;
        double[][] vh = new double[k][k];
        double[] h21 = new double[k];
        for (int l = 0; l < p1; l++) {
            h21[(m - 1) * p1 + l] = 1;
        }
        double[][] f21 = kron(f2, f1);
        double[][] g21 = kron(g2, g1);
        double[][] kk = add(kron(g2, f1), kron(f2, g1));
        double[][] f21t = transpose(f21);
        double[][] g21t = transpose(g21);
        double[][] kt = transpose(kk);
        double[][] f2t = transpose(f2);
        double[][] g2t = transpose(g2);
        double[] mu = new double[horizon];
        double[] var = new double[horizon];
        for (int i = 0; i < horizon; i++) {
            double muI = 0;
            for (int r = 0; r < p1; r++) {
                muI += mh[r][m - 1];
            }
            mu[i] = muI;
            double hvh = 0;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    hvh += h21[a] * vh[a][b] * h21[b];
                }
            }
            var[i] = (1 + s2) * hvh + s2 * muI * muI;
            if (i == horizon - 1) {
                break;
            }
            double[] vec = new double[k];
            for (int c = 0; c < m; c++) {
                for (int r = 0; r < p1; r++) {
                    vec[c * p1 + r] = mh[r][c];
                }
            }
            double[][] outer = new double[k][k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    outer[a][b] = vec[a] * vec[b];
                }
            }
            double[][] fv = mul(f21, vh);
            double[][] gv = mul(g21, vh);
            double[][] next = mul(fv, f21t);
            double[][] inner = add(mul(fv, g21t), mul(gv, f21t));
            inner = add(inner, mul(mul(kk, add(vh, outer)), kt));
            double[][] t3 = new double[k][k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    t3[a][b] = 3 * vh[a][b] + 2 * outer[a][b];
                }
            }
            inner = add(inner, scale(mul(mul(g21, t3), g21t), s2));
            vh = add(next, scale(inner, s2));
            mh = add(mul(mul(f1, mh), f2t), scale(mul(mul(g1, mh), g2t), s2));
        }
        return new double[][] {mu, var};
    }

    private static double[][] kron(double[][] a, double[][] b) {
        int ar = a.length;
        int ac = a[0].length;
        int br = b.length;
        int bc = b[0].length;
        double[][] out = new double[ar * br][ac * bc];
        for (int i = 0; i < ar; i++) {
            for (int j = 0; j < ac; j++) {
                double v = a[i][j];
                if (v == 0) {
                    continue;
                }
                for (int k = 0; k < br; k++) {
                    for (int l = 0; l < bc; l++) {
                        out[i * br + k][j * bc + l] = v * b[k][l];
                    }
                }
            }
        }
        return out;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        int r = a.length;
        int inner = b.length;
        int c = b[0].length;
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            double[] oi = out[i];
            for (int k = 0; k < inner; k++) {
                double v = a[i][k];
                if (v == 0) {
                    continue;
                }
                double[] bk = b[k];
                for (int j = 0; j < c; j++) {
                    oi[j] += v * bk[j];
                }
            }
        }
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    private static double[][] scale(double[][] a, double s) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] * s;
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    /**
     * Simulated forecast quantiles: {@code paths} future sample paths with Gaussian errors of
     * variance sigma2 (relative errors for multiplicative error), the quantiles of each step by R's
     * type 8 rule. Returns {@code [probability][step]}. Deterministic for a seed.
     */
    public double[][] simulatedQuantiles(int horizon, double[] probabilities, int paths, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double sd = Math.sqrt(sigma2);
        double[][] sims = new double[horizon][paths];
        int trend = trendCode();
        int season = seasonCode();
        double ph = type.hasTrend() ? phiOrOne() : 0;
        int off = type.hasTrend() ? 2 : 1;
        double[] ring = new double[Math.max(m, 1)];
        for (int path = 0; path < paths; path++) {
            double l = finalState[0];
            double b = type.hasTrend() ? finalState[1] : 0;
            if (season != EtsKernel.NONE) {
                for (int j = 0; j < m; j++) {
                    ring[j] = finalState[off + m - 1 - j];
                }
            }
            int p = 0;
            for (int h = 0; h < horizon; h++) {
                double phib = ph * b;
                double q = l + phib;
                double s = season == EtsKernel.NONE ? 0 : ring[p];
                double f = season == EtsKernel.ADD ? q + s : season == EtsKernel.MULT ? q * s : q;
                double e = sd * gaussian(rnd);
                double y = type.error() == 'A' ? f + e : f * (1 + e);
                sims[h][path] = y;
                double pl = season == EtsKernel.NONE ? y : season == EtsKernel.ADD ? y - s
                        : (Math.abs(s) < EtsKernel.TOL ? EtsKernel.HUGEN : y / s);
                double ln = q + alpha * (pl - q);
                if (trend != EtsKernel.NONE) {
                    b = phib + (beta / alpha) * (ln - l - phib);
                }
                if (season == EtsKernel.ADD) {
                    ring[p] = s + gamma * (y - q - s);
                } else if (season == EtsKernel.MULT) {
                    double t = Math.abs(q) < EtsKernel.TOL ? EtsKernel.HUGEN : y / q;
                    ring[p] = s + gamma * (t - s);
                }
                if (season != EtsKernel.NONE) {
                    p = p + 1 == m ? 0 : p + 1;
                }
                l = ln;
            }
        }
        double[][] out = new double[probabilities.length][horizon];
        for (int h = 0; h < horizon; h++) {
            double[] v = sims[h];
            Arrays.sort(v);
            for (int k = 0; k < probabilities.length; k++) {
                out[k][h] = quantileType8(v, probabilities[k]);
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Hyndman and Fan's type 8 quantile (R's {@code quantile(type = 8)}) of sorted values. */
    static double quantileType8(double[] sorted, double p) {
        int n = sorted.length;
        double h = (n + 1.0 / 3) * p + 1.0 / 3;
        if (h <= 1) {
            return sorted[0];
        }
        if (h >= n) {
            return sorted[n - 1];
        }
        int lo = (int) Math.floor(h);
        return sorted[lo - 1] + (h - lo) * (sorted[lo] - sorted[lo - 1]);
    }
}
