package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.optim.LeastSquares;

/**
 * Numerical kernels of the ARMA state-space model in Harvey's form, as R's {@code arima} uses it:
 * state {@code a_t} of dimension {@code r = max(p, q + 1)}, {@code y_t = a_t[0]},
 * {@code a_{t+1} = T a_t + R e_{t+1}} with {@code T[i][0] = phi_{i+1}}, ones on the superdiagonal,
 * and {@code R = (1, theta_1, ..., theta_{r-1})}. All with unit innovation variance (it is
 * concentrated out of the likelihood).
 *
 * <p>The initial state covariance is the stationary one, computed from the autocovariances by the
 * difference equations (Brockwell and Davis 1991, section 3.3) in O(p^3 + r^2). The filter uses the
 * Chandrasekhar recursions (Morf, Sidhu and Kailath 1974; Harvey 1989, section 3.3.4): with a
 * stationary start, {@code P_{t+1} - P_t} has rank one, so a step costs O(r) instead of O(r^2), and
 * the sparse companion structure of T is used directly. Nothing here allocates.
 */
final class ArimaKalman {

    /** Observations whose prediction variance reaches this are not counted, as in R. */
    static final double DIFFUSE_GAIN = 1e4;

    private ArimaKalman() {
    }

    /**
     * Writes the stationary covariance of the state into {@code out[0..r)[0..r)}; {@code psi},
     * {@code gamma} need r + 1 entries, {@code sys} (p + 1) x (p + 1) and {@code rhs} p + 1. Returns
     * false when the AR part is not stationary (no positive-definite solution).
     */
    static boolean stationaryCovariance(double[] phi, int p, double[] theta, int q, int r, double[][] out,
            double[] psi, double[] gamma, double[][] sys, double[] rhs) {
        psi[0] = 1;
        for (int j = 1; j <= r; j++) {
            double s = j <= q ? theta[j - 1] : 0;
            int lim = Math.min(j, p);
            for (int i = 1; i <= lim; i++) {
                s += phi[i - 1] * psi[j - i];
            }
            psi[j] = s;
        }
        if (p == 0) {
            for (int h = 0; h <= r; h++) {
                double s = 0;
                for (int j = 0; j + h <= q; j++) {
                    s += th(theta, q, j) * th(theta, q, j + h);
                }
                gamma[h] = s;
            }
        } else {
            for (int k = 0; k <= p; k++) {
                double[] row = sys[k];
                java.util.Arrays.fill(row, 0, p + 1, 0.0);
                row[k] += 1;
                for (int j = 1; j <= p; j++) {
                    row[Math.abs(k - j)] -= phi[j - 1];
                }
                double s = 0;
                for (int j = k; j <= q; j++) {
                    s += th(theta, q, j) * psi[j - k];
                }
                rhs[k] = s;
            }
            if (!LeastSquares.solve(sys, rhs, p + 1)) {
                return false;
            }
            for (int k = 0; k <= Math.min(p, r); k++) {
                gamma[k] = rhs[k];
            }
            for (int k = p + 1; k <= r; k++) {
                double s = 0;
                for (int j = 1; j <= p; j++) {
                    s += phi[j - 1] * gamma[k - j];
                }
                for (int j = k; j <= q; j++) {
                    s += th(theta, q, j) * psi[j - k];
                }
                gamma[k] = s;
            }
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
