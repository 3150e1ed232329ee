package io.jenkins.plugins.influxforecast.model.arima;


/**
 * Numerical kernels of the ARMA state-space model in Harvey's form, as R's {@code arima} uses it:
 * state {@code a_t} of dimension {@code r = max(p, q + 1)}, {@code y_t = a_t[0]},
 * {@code a_{t+1} = T a_t + R e_{t+1}} with {@code T[i][0] = phi_{i+1}}, ones on the superdiagonal,
 * and {@code R = (1, theta_1, ..., theta_{r-1})}. All with unit innovation variance (it is
 * concentrated out of the likelihood).
 *
 * <p>The initial state covariance is the stationary one, computed from the autocovariances in
 * O(p^2 + r^2) (step-down recursion for the AR part, see {@link #stationaryCovariance}). The filter uses the
 * Chandrasekhar recursions (Morf, Sidhu and Kailath 1974; Harvey 1989, section 3.3.4): with a
 * stationary start, {@code P_{t+1} - P_t} has rank one, so a step costs O(r) instead of O(r^2), and
 * the sparse companion structure of T is used directly. Nothing here allocates.
 */
final class ArimaKalman {

    /** Observations whose prediction variance reaches this are not counted, as in R. */
    static final double DIFFUSE_GAIN = 1e4;

    private ArimaKalman() {
    }

    /** Buffers for {@link #stationaryCovariance}, sized for AR order p, MA order q and state r. */
    static final class CovWork {
        final double[] psi;
        final double[] gammaAr;
        final double[] gamma;
        final double[][] poly; // predictor polynomials of orders 1..p from the step-down recursion
        final int[] thetaIdx;

        CovWork(int p, int q, int r) {
            psi = new double[r + 1];
            gammaAr = new double[r + q + 2];
            gamma = new double[r + 1];
            poly = new double[p + 1][];
            for (int j = 1; j <= p; j++) {
                poly[j] = new double[j];
            }
            thetaIdx = new int[q + 1];
        }
    }

    /**
     * Writes the stationary covariance of the state into {@code out[0..r)[0..r)}. The autocovariances
     * come from those of the pure AR part, obtained by the step-down (Schur-Cohn) recursion and the
     * Yule-Walker equations of each order in O(p^2), then filtered through the MA part. Returns false
     * when the AR part is not stationary.
     */
    static boolean stationaryCovariance(double[] phi, int p, double[] theta, int q, int r, double[][] out, CovWork w) {
        double[] psi = w.psi;
        psi[0] = 1;
        for (int j = 1; j <= r; j++) {
            double s = j <= q ? theta[j - 1] : 0;
            int lim = Math.min(j, p);
            for (int i = 1; i <= lim; i++) {
                s += phi[i - 1] * psi[j - i];
            }
            psi[j] = s;
        }
        // autocovariances of the AR part with unit innovation variance, lags 0..r+q
        int lags = r + q;
        double[] g = w.gammaAr;
        if (p == 0) {
            java.util.Arrays.fill(g, 0, lags + 1, 0.0);
            g[0] = 1;
        } else {
            double[][] poly = w.poly;
            System.arraycopy(phi, 0, poly[p], 0, p);
            double prod = 1;
            for (int j = p; j >= 1; j--) {
                double[] cur = poly[j];
                double k = cur[j - 1];
                if (!(Math.abs(k) < 1)) {
                    return false;
                }
                double den = 1 - k * k;
                prod *= den;
                if (j > 1) {
                    double[] next = poly[j - 1];
                    for (int i = 0; i < j - 1; i++) {
                        next[i] = (cur[i] + k * cur[j - 2 - i]) / den;
                    }
                }
            }
            g[0] = 1 / prod;
            for (int j = 1; j <= lags; j++) {
                double s = 0;
                if (j <= p) {
                    double[] cur = poly[j];
                    for (int i = 1; i <= j; i++) {
                        s += cur[i - 1] * g[j - i];
                    }
                } else {
                    for (int i = 1; i <= p; i++) {
                        s += phi[i - 1] * g[j - i];
                    }
                }
                g[j] = s;
            }
        }
        // gamma(h) = sum_i sum_j theta_i theta_j gammaAr(h + j - i), theta_0 = 1, over the non-zero terms
        int nz = 0;
        int[] idx = w.thetaIdx;
        idx[nz++] = 0;
        for (int j = 1; j <= q; j++) {
            if (theta[j - 1] != 0) {
                idx[nz++] = j;
            }
        }
        double[] gamma = w.gamma;
        for (int h = 0; h <= r; h++) {
            double s = 0;
            for (int a = 0; a < nz; a++) {
                int i = idx[a];
                double ti = th(theta, q, i);
                for (int b = 0; b < nz; b++) {
                    int j = idx[b];
                    s += ti * th(theta, q, j) * g[Math.abs(h + j - i)];
                }
            }
            gamma[h] = s;
        }
        for (int j = 0; j < r; j++) {
            double s = 0;
            for (int k = j; k < r; k++) {
                s += ph(phi, p, k + 1) * gamma[1 + k - j] + th(theta, q, k) * psi[k - j];
            }
            out[0][j] = s;
            out[j][0] = s;
        }
        double p00 = out[0][0];
        if (!(p00 > 0) || !Double.isFinite(p00)) {
            return false;
        }
        for (int i = r - 1; i >= 1; i--) {
            double phiI = ph(phi, p, i + 1);
            double thI = th(theta, q, i);
            for (int j = r - 1; j >= i; j--) {
                double phiJ = ph(phi, p, j + 1);
                double v = phiI * phiJ * p00 + thI * th(theta, q, j);
                if (j + 1 < r) {
                    v += phiI * out[0][j + 1];
                    if (i + 1 < r) {
                        v += out[i + 1][j + 1];
                    }
                }
                if (i + 1 < r) {
                    v += phiJ * out[i + 1][0];
                }
                out[i][j] = v;
                out[j][i] = v;
            }
        }
        return true;
    }

    /** phi_i (1-based), zero beyond p. */
    static double ph(double[] phi, int p, int i) {
        return i >= 1 && i <= p ? phi[i - 1] : 0.0;
    }

    /** theta_j (1-based) with theta_0 = 1, zero beyond q. */
    static double th(double[] theta, int q, int j) {
        return j == 0 ? 1.0 : (j <= q ? theta[j - 1] : 0.0);
    }

    /**
     * Forecasts of the differenced-and-integrated process: given the predicted ARMA state
     * {@code a} for the first future step and its covariance {@code pa} (unit innovation variance),
     * the undifferenced history {@code u} (the regression-free series) and the differencing
     * polynomial {@code delta} (u_t = w_t + sum delta_i u_{t-i}), returns {mean[h], variance[h]} of
     * u for steps 1..h, variance per unit innovation variance.
     */
    static double[][] forecast(double[] phi, int p, double[] theta, int q, int r, double[] a, double[][] pa,
            double[] delta, double[] u, int h) {
        int dd = delta.length;
        double[] mean = new double[h];
        double[] var = new double[h];
        // w forecasts by iterating the state mean
        double[] state = a.clone();
        double[] w = new double[h];
        for (int j = 0; j < h; j++) {
            w[j] = state[0];
            double a0 = state[0];
            for (int i = 0; i < r - 1; i++) {
                state[i] = ph(phi, p, i + 1) * a0 + state[i + 1];
            }
            state[r - 1] = ph(phi, p, r) * a0;
        }
        int n = u.length;
        double[] ext = new double[n + h];
        System.arraycopy(u, 0, ext, 0, n);
        for (int j = 0; j < h; j++) {
            double s = w[j];
            for (int i = 1; i <= dd; i++) {
                s += delta[i - 1] * ext[n + j - i];
            }
            ext[n + j] = s;
            mean[j] = s;
        }
        // psi weights of the ARMA part, then of the full ARIMA (integrated by 1/delta(B))
        double[] psi = new double[h];
        psi[0] = 1;
        for (int j = 1; j < h; j++) {
            double s = th(theta, q, j);
            for (int i = 1; i <= Math.min(j, p); i++) {
                s += phi[i - 1] * psi[j - i];
            }
            psi[j] = s;
        }
        double[] big = new double[h];
        for (int j = 0; j < h; j++) {
            double s = psi[j];
            for (int i = 1; i <= Math.min(j, dd); i++) {
                s += delta[i - 1] * big[j - i];
            }
            big[j] = s;
        }
        // g_j = sum_i c_{j-i} z_i with z_i = Z T^{i-1}: the loading of the current state error on step j
        double[][] g = new double[h][r];
        double[] z = new double[r];
        z[0] = 1;
        double[] zNext = new double[r];
        double cum = 0;
        for (int j = 0; j < h; j++) {
            double[] gj = g[j];
            System.arraycopy(z, 0, gj, 0, r);
            for (int i = 1; i <= Math.min(j, dd); i++) {
                double di = delta[i - 1];
                if (di != 0) {
                    double[] gp = g[j - i];
                    for (int k = 0; k < r; k++) {
                        gj[k] += di * gp[k];
                    }
                }
            }
            double quad = 0;
            for (int k = 0; k < r; k++) {
                double s = 0;
                double[] row = pa[k];
                for (int l = 0; l < r; l++) {
                    s += row[l] * gj[l];
                }
                quad += gj[k] * s;
            }
            var[j] = quad + cum;
            cum += big[j] * big[j];
            // z <- z T: (zT)[0] = sum_i z[i] phi_{i+1}; (zT)[i] = z[i-1]
            double s0 = 0;
            for (int k = 0; k < r; k++) {
                s0 += z[k] * ph(phi, p, k + 1);
            }
            zNext[0] = s0;
            for (int k = 1; k < r; k++) {
                zNext[k] = z[k - 1];
            }
            double[] tmp = z;
            z = zNext;
            zNext = tmp;
        }
        return new double[][] {mean, var};
    }
}
