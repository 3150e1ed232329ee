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
        double[] c = new double[m + 2];
        c[0] = ph * (1 - alpha - gamma);
        c[1] = alpha + b - alpha * ph + gamma - 1;
        for (int k = 2; k < m; k++) {
            c[k] = alpha + b - alpha * ph;
        }
        c[m] = alpha + b - ph;
        c[m + 1] = 1;
        return rootsInUnitDisc(c, 1 + ROOT_TOLERANCE);
    }

    /**
     * True when every root of {@code sum c[i] z^i} has modulus below {@code radius}: the Schur-Cohn
     * test applied to p(radius * w). Each step replaces p (degree d) by
     * {@code (c_d p(w) - c_0 p*(w)) / w}, where p* is p with its coefficients reversed; p has all its
     * roots inside the unit disc exactly when |c_0| < |c_d| and the reduced polynomial has.
     */
    static boolean rootsInUnitDisc(double[] coefficients, double radius) {
        int d = coefficients.length - 1;
        double[] a = new double[d + 1];
        double scale = 1;
        for (int i = 0; i <= d; i++) {
            a[i] = coefficients[i] * scale;
            scale *= radius;
        }
        while (d > 0 && a[d] == 0) {
            d--;
        }
        double[] next = new double[d + 1];
        while (d > 0) {
            double lead = a[d];
            double c0 = a[0];
            if (!(Math.abs(c0) < Math.abs(lead))) {
                return false;
            }
            // (lead * a(w) - c0 * a*(w)) / w
            for (int i = 1; i <= d; i++) {
                next[i - 1] = lead * a[i] - c0 * a[d - i];
            }
            d--;
            // rescale to keep the numbers in range
            double max = 0;
            for (int i = 0; i <= d; i++) {
                max = Math.max(max, Math.abs(next[i]));
            }
            if (!(max > 0)) {
                return false;
            }
            for (int i = 0; i <= d; i++) {
                a[i] = next[i] / max;
            }
        }
        return true;
    }
}
