package io.jenkins.plugins.influxforecast.model.optim;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Polynomials as coefficient arrays in increasing powers ({@code c[0] + c[1] z + ...}): products
 * and roots (eigenvalues of the companion matrix, by commons-math3, which is robust for the sparse
 * high-degree lag polynomials of seasonal models), as ARIMA needs them.
 */
public final class Polynomials {

    private Polynomials() {
    }

    /** The product of two polynomials. */
    public static double[] multiply(double[] a, double[] b) {
        double[] out = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = 0; j < b.length; j++) {
                out[i + j] += a[i] * b[j];
            }
        }
        return out;
    }

    /** The coefficients without trailing (near-)zeros above {@code tol} in absolute value. */
    public static double[] trim(double[] c, double tol) {
        int last = c.length - 1;
        while (last > 0 && Math.abs(c[last]) <= tol) {
            last--;
        }
        return java.util.Arrays.copyOf(c, last + 1);
    }

    /** All complex roots; empty for a constant polynomial. */
    public static Complex[] roots(double[] c) {
        double[] t = trim(c, 0.0);
        if (t.length < 2) {
            return new Complex[0];
        }
        for (double v : t) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("polynomial with a non-finite coefficient");
            }
        }
        if (t.length == 2) {
            return new Complex[] {new Complex(-t[0] / t[1], 0)};
        }
        int deg = t.length - 1;
        double lead = t[deg];
        double[][] comp = new double[deg][deg];
        for (int j = 0; j < deg; j++) {
            comp[0][j] = -t[deg - 1 - j] / lead;
        }
        for (int i = 1; i < deg; i++) {
            comp[i][i - 1] = 1;
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(comp, false));
        double[] re = eig.getRealEigenvalues();
        double[] im = eig.getImagEigenvalues();
        Complex[] out = new Complex[deg];
        for (int i = 0; i < deg; i++) {
            out[i] = new Complex(re[i], im[i]);
        }
        return out;
    }

    /**
     * Whether every root of {@code 1 + a[0] z + ... + a[p-1] z^p} has modulus greater than
     * {@code radius}, by the Schur-Cohn step-down recursion on the polynomial scaled to the unit circle
     * (O(p^2), no root finding): all reflection coefficients must be inside (-1, 1).
     */
    public static boolean rootsOutside(double[] a, double radius) {
        int p = a.length;
        while (p > 0 && a[p - 1] == 0) {
            p--;
        }
        if (p == 0) {
            return true;
        }
        double[] phi = new double[p];
        double scale = 1;
        for (int i = 0; i < p; i++) {
            scale *= radius;
            phi[i] = -a[i] * scale;
            if (!Double.isFinite(phi[i])) {
                return false;
            }
        }
        double[] work = new double[p];
        for (int j = p - 1; j >= 0; j--) {
            double k = phi[j];
            if (!(Math.abs(k) < 1)) {
                return false;
            }
            double den = 1 - k * k;
            for (int i = 0; i < j; i++) {
                work[i] = (phi[i] + k * phi[j - 1 - i]) / den;
            }
            System.arraycopy(work, 0, phi, 0, j);
        }
        return true;
    }

    /** The smallest modulus of the roots, or +infinity for a constant polynomial. */
    public static double minRootModulus(double[] c) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : c) {
            if (!Double.isFinite(v)) {
                return 0;
            }
        }
        for (Complex z : roots(c)) {
            min = Math.min(min, z.abs());
        }
        return min;
    }

    /**
     * The lag polynomial {@code 1 - a_1 z - ... - a_p z^p} of autoregressive coefficients a, with
     * trailing coefficients below 1e-8 dropped as R's auto.arima does before its root check.
     */
    public static double[] arPolynomial(double[] ar) {
        double[] c = new double[ar.length + 1];
        c[0] = 1;
        for (int i = 0; i < ar.length; i++) {
            c[i + 1] = -ar[i];
        }
        return trim(c, 1e-8);
    }

    /** The lag polynomial {@code 1 + b_1 z + ... + b_q z^q} of moving-average coefficients b. */
    public static double[] maPolynomial(double[] ma) {
        double[] c = new double[ma.length + 1];
        c[0] = 1;
        System.arraycopy(ma, 0, c, 1, ma.length);
        return trim(c, 1e-8);
    }
}
