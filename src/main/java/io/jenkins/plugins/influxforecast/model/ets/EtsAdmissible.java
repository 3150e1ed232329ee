package io.jenkins.plugins.influxforecast.model.ets;

/**
 * The admissible region of the ETS smoothing parameters (Hyndman, Akram and Archibald, 2008), as
 * R's {@code admissible()}: explicit inequalities for the non-seasonal models; for the seasonal
 * ones the inequalities plus the condition that every root of the characteristic polynomial
 * <pre>  phi(1-alpha-gamma) + (alpha+beta-alpha phi+gamma-1) z + sum_{k=2}^{m-1} (alpha+beta-alpha phi) z^k
 *     + (alpha+beta-phi) z^m + z^{m+1}</pre>
 * lies in the unit disc (R tolerates moduli up to 1 + 1e-10). R finds the roots; this class uses
 * the Schur-Cohn recursion instead, which answers the same question in O(m^2) without root finding,
 * so that periods up to 168 stay cheap.
 */
final class EtsAdmissible {

    private static final double ROOT_TOLERANCE = 1e-10;

    private EtsAdmissible() {
    }

    /**
     * @param beta  NaN when there is no trend
     * @param gamma NaN when there is no season
     * @param phi   NaN when the trend is not damped
     */
    static boolean admissible(double alpha, double beta, double gamma, double phi, int m) {
        return admissible(alpha, beta, gamma, phi, m, new double[2 * (m + 2)]);
    }

    /** As {@link #admissible(double, double, double, double, int)} with a work array of 2(m + 2) values. */
    static boolean admissible(double alpha, double beta, double gamma, double phi, int m, double[] work) {
        double ph = Double.isNaN(phi) ? 1.0 : phi;
        if (ph < 0 || ph > 1 + 1e-8) {
            return false;
        }
        if (Double.isNaN(gamma)) {
            if (alpha < 1 - 1 / ph || alpha > 1 + 1 / ph) {
                return false;
            }
            if (!Double.isNaN(beta)) {
                return !(beta < alpha * (ph - 1) || beta > (1 + ph) * (2 - alpha));
            }
            return true;
        }
        if (m <= 1) {
            return true;
        }
        double b = Double.isNaN(beta) ? 0.0 : beta;
        if (gamma < Math.max(1 - 1 / ph - alpha, 0) || gamma > 1 + 1 / ph - alpha) {
            return false;
        }
        if (alpha < 1 - 1 / ph - gamma * (1 - m + ph + ph * m) / (2 * ph * m)) {
            return false;
        }
        if (b < -(1 - ph) * (gamma / m + alpha)) {
            return false;
        }
        // characteristic polynomial, increasing powers, degree m + 1
        double[] c = work;
        c[0] = ph * (1 - alpha - gamma);
        c[1] = alpha + b - alpha * ph + gamma - 1;
        for (int k = 2; k < m; k++) {
            c[k] = alpha + b - alpha * ph;
        }
        c[m] = alpha + b - ph;
        c[m + 1] = 1;
        return rootsInUnitDisc(c, m + 2, 1 + ROOT_TOLERANCE, work, m + 2);
    }

    /**
     * True when every root of {@code sum c[i] z^i} has modulus below {@code radius}: the Schur-Cohn
     * test applied to p(radius * w). Each step replaces p (degree d) by
     * {@code (c_d p(w) - c_0 p*(w)) / w}, where p* is p with its coefficients reversed; p has all its
     * roots inside the unit disc exactly when |c_0| < |c_d| and the reduced polynomial has.
     */
    static boolean rootsInUnitDisc(double[] coefficients, double radius) {
        int len = coefficients.length;
        double[] w = new double[2 * len];
        System.arraycopy(coefficients, 0, w, 0, len);
        return rootsInUnitDisc(w, len, radius, w, len);
    }

    /**
     * The test on the {@code len} coefficients at the start of {@code c}; {@code work} from
     * {@code off} holds {@code len} scratch values (may be the same array as c).
     */
    static boolean rootsInUnitDisc(double[] c, int len, double radius, double[] work, int off) {
        int d = len - 1;
        double scale = 1;
        for (int i = 0; i <= d; i++) {
            c[i] *= scale;
            scale *= radius;
        }
        while (d > 0 && c[d] == 0) {
            d--;
        }
        while (d > 0) {
            double lead = c[d];
            double c0 = c[0];
            if (!(Math.abs(c0) < Math.abs(lead))) {
                return false;
            }
            // (lead * a(w) - c0 * a*(w)) / w; the new leading coefficient is lead^2 - c0^2 > 0
            for (int i = 1; i <= d; i++) {
                work[off + i - 1] = lead * c[i] - c0 * c[d - i];
            }
            d--;
            double top = work[off + d];
            if (!(top > 0)) {
                return false;
            }
            // rescale only when the numbers drift far from 1 (a power of two: exact)
            if (top > 1e100 || top < 1e-100) {
                double f = Math.scalb(1.0, -Math.getExponent(top));
                for (int i = 0; i <= d; i++) {
                    c[i] = work[off + i] * f;
                }
            } else {
                System.arraycopy(work, off, c, 0, d + 1);
            }
        }
        return true;
    }
}
