package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.optim.Polynomials;
import org.apache.commons.math3.complex.Complex;

/**
 * Parameter handling for seasonal ARMA models: the coefficient vector is laid out as R's arima does
 * ({@code ar[1..p], ma[1..q], sar[1..P], sma[1..Q]}); it is expanded into the full lag polynomials,
 * and the AR parts can be mapped to and from an unconstrained space through the partial
 * autocorrelations (tanh, then the Durbin-Levinson recursion; Jones 1980, Barndorff-Nielsen and
 * Schou 1973), which keeps every point of that space stationary.
 */
final class ArmaParams {

    private ArmaParams() {
    }

    /**
     * The expanded AR coefficients phi[0..p+mP-1] (y_t = sum phi_k y_{t-k} + ...) of the coefficient
     * vector {@code par} in R's layout, written into {@code phi}.
     */
    static void expandAr(double[] par, ArimaOrder o, double[] phi) {
        int p = o.p();
        int sp = o.sp();
        int m = o.m();
        int len = o.arLength();
        java.util.Arrays.fill(phi, 0, len, 0.0);
        int sOff = p + o.q();
        for (int i = 0; i < p; i++) {
            phi[i] = par[i];
        }
        for (int j = 0; j < sp; j++) {
            double big = par[sOff + j];
            phi[(j + 1) * m - 1] += big;
            for (int i = 0; i < p; i++) {
                phi[(j + 1) * m + i] -= par[i] * big;
            }
        }
    }

    /** The expanded MA coefficients theta[0..q+mQ-1] (... + e_t + sum theta_k e_{t-k}). */
    static void expandMa(double[] par, ArimaOrder o, double[] theta) {
        int p = o.p();
        int q = o.q();
        int sq = o.sq();
        int m = o.m();
        int len = o.maLength();
        java.util.Arrays.fill(theta, 0, len, 0.0);
        int mOff = p;
        int smOff = p + q + o.sp();
        for (int i = 0; i < q; i++) {
            theta[i] = par[mOff + i];
        }
        for (int j = 0; j < sq; j++) {
            double big = par[smOff + j];
            theta[(j + 1) * m - 1] += big;
            for (int i = 0; i < q; i++) {
                theta[(j + 1) * m + i] += par[mOff + i] * big;
            }
        }
    }

    /**
     * Maps {@code count} unconstrained values at {@code from} to stationary AR coefficients written at
     * the same place in {@code out}: partial autocorrelations tanh(x), then Durbin-Levinson.
     */
    static void partrans(double[] raw, int from, int count, double[] out) {
        if (count == 0) {
            return;
        }
        double[] pacf = new double[count];
        double[] work = new double[count];
        for (int j = 0; j < count; j++) {
            pacf[j] = Math.tanh(raw[from + j]);
        }
        double[] phi = new double[count];
        for (int j = 0; j < count; j++) {
            double a = pacf[j];
            for (int k = 0; k < j; k++) {
                work[k] = phi[k] - a * phi[j - k - 1];
            }
            for (int k = 0; k < j; k++) {
                phi[k] = work[k];
            }
            phi[j] = a;
        }
        System.arraycopy(phi, 0, out, from, count);
    }

    /**
     * The inverse of {@link #partrans}: stationary AR coefficients to unconstrained values. Throws
     * IllegalArgumentException when the coefficients are not stationary.
     */
    static void invPartrans(double[] coef, int from, int count, double[] out) {
        if (count == 0) {
            return;
        }
        double[] phi = new double[count];
        System.arraycopy(coef, from, phi, 0, count);
        double[] work = new double[count];
        double[] pacf = new double[count];
        for (int j = count - 1; j >= 0; j--) {
            double a = phi[j];
            if (!(Math.abs(a) < 1)) {
                throw new IllegalArgumentException("non-stationary AR part");
            }
            pacf[j] = a;
            double den = 1 - a * a;
            for (int k = 0; k < j; k++) {
                work[k] = (phi[k] + a * phi[j - k - 1]) / den;
            }
            System.arraycopy(work, 0, phi, 0, j);
        }
        for (int j = 0; j < count; j++) {
            out[from + j] = 0.5 * Math.log((1 + pacf[j]) / (1 - pacf[j]));
        }
    }

    /** The coefficient vector with both AR blocks mapped by {@link #partrans} (R's undoPars). */
    static double[] fromUnconstrained(double[] raw, ArimaOrder o) {
        double[] out = raw.clone();
        partrans(raw, 0, o.p(), out);
        partrans(raw, o.p() + o.q(), o.sp(), out);
        return out;
    }

    /** The coefficient vector with both AR blocks mapped by {@link #invPartrans}. */
    static double[] toUnconstrained(double[] coef, ArimaOrder o) {
        double[] out = coef.clone();
        invPartrans(coef, 0, o.p(), out);
        invPartrans(coef, o.p() + o.q(), o.sp(), out);
        return out;
    }

    /** Whether the AR coefficients a[from..from+count) have all roots of 1 - sum a_i z^i outside the unit circle. */
    static boolean arStationary(double[] coef, int from, int count) {
        if (count == 0) {
            return true;
        }
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = -coef[from + i];
        }
        return Polynomials.rootsOutside(a, 1.0);
    }

    /**
     * Replaces MA coefficients b[from..from+count) by those of the invertible polynomial with the same
     * autocorrelations: every root inside the unit circle is reflected to 1/conj(root). Returns true if
     * anything changed.
     */
    static boolean maInvert(double[] coef, int from, int count) {
        if (count == 0) {
            return false;
        }
        int q0 = count;
        while (q0 > 0 && coef[from + q0 - 1] == 0) {
            q0--;
        }
        if (q0 == 0) {
            return false;
        }
        double[] poly = new double[q0 + 1];
        poly[0] = 1;
        System.arraycopy(coef, from, poly, 1, q0);
        Complex[] roots = Polynomials.roots(poly);
        boolean any = false;
        for (Complex z : roots) {
            if (z.abs() < 1) {
                any = true;
            }
        }
        if (!any) {
            return false;
        }
        if (q0 == 1) {
            coef[from] = 1 / coef[from];
            for (int i = 1; i < count; i++) {
                coef[from + i] = 0;
            }
            return true;
        }
        // rebuild prod (1 - z/root) with the reflected roots
        Complex[] c = {Complex.ONE};
        for (Complex z : roots) {
            // a root inside the unit circle moves to 1/z; conjugate pairs stay pairs, so the product is real
            Complex root = z.abs() < 1 ? Complex.ONE.divide(z) : z;
            Complex[] next = new Complex[c.length + 1];
            for (int i = 0; i < next.length; i++) {
                next[i] = Complex.ZERO;
            }
            for (int i = 0; i < c.length; i++) {
                next[i] = next[i].add(c[i]);
                next[i + 1] = next[i + 1].subtract(c[i].divide(root));
            }
            c = next;
        }
        for (int i = 0; i < count; i++) {
            coef[from + i] = i < q0 ? c[i + 1].getReal() : 0;
        }
        return true;
    }
}
