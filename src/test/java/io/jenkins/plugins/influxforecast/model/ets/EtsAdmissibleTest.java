package io.jenkins.plugins.influxforecast.model.ets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class EtsAdmissibleTest {

    /** Largest root modulus: eigenvalues of the companion matrix (what R's polyroot would say). */
    static double maxRoot(double[] c) {
        int d = c.length - 1;
        double[][] a = new double[d][d];
        for (int j = 0; j < d; j++) {
            a[0][j] = -c[d - 1 - j] / c[d];
        }
        for (int i = 1; i < d; i++) {
            a[i][i - 1] = 1;
        }
        EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a));
        double max = 0;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, Math.hypot(e.getRealEigenvalues()[i], e.getImagEigenvalues()[i]));
        }
        return max;
    }

    @Test
    void schurCohnAgreesWithRootFinding() {
        Random r = new Random(11);
        int agree = 0;
        for (int trial = 0; trial < 400; trial++) {
            int d = 2 + r.nextInt(12);
            double[] c = new double[d + 1];
            for (int i = 0; i < d; i++) {
                c[i] = (r.nextDouble() - 0.5) * (trial % 2 == 0 ? 0.6 : 2.5);
            }
            c[d] = 1;
            double max = maxRoot(c);
            if (Math.abs(max - 1) < 1e-6) {
                continue;
            }
            assertThat(EtsAdmissible.rootsInUnitDisc(c, 1 + 1e-10)).as("trial %d, max root %f", trial, max).isEqualTo(max < 1);
            agree++;
        }
        assertThat(agree).isGreaterThan(350);
    }

    @Test
    void seasonalRegionAsR() {
        // typical estimates are admissible
        assertThat(EtsAdmissible.admissible(0.3, 0.01, 0.1, 0.95, 24)).isTrue();
        assertThat(EtsAdmissible.admissible(0.3, Double.NaN, 0.1, Double.NaN, 168)).isTrue();
        // gamma above 1 + 1/phi - alpha
        assertThat(EtsAdmissible.admissible(0.9, 0.01, 1.2, 0.95, 12)).isFalse();
        // beta below -(1 - phi)(gamma/m + alpha)
        assertThat(EtsAdmissible.admissible(0.5, -0.2, 0.1, 0.9, 12)).isFalse();
        // non-seasonal: alpha outside (1 - 1/phi, 1 + 1/phi)
        assertThat(EtsAdmissible.admissible(2.5, Double.NaN, Double.NaN, 0.9, 1)).isFalse();
        assertThat(EtsAdmissible.admissible(1.5, Double.NaN, Double.NaN, Double.NaN, 1)).isTrue();
    }

    @Test
    void characteristicPolynomialDecidesNearTheBoundary() {
        // agree with root finding on the ETS polynomial over a grid of parameters
        int m = 12;
        for (double alpha = 0.05; alpha < 1.5; alpha += 0.15) {
            for (double gamma = 0.0; gamma < 1.2; gamma += 0.15) {
                double phi = 0.9;
                double beta = 0.05;
                double[] c = new double[m + 2];
                c[0] = phi * (1 - alpha - gamma);
                c[1] = alpha + beta - alpha * phi + gamma - 1;
                for (int k = 2; k < m; k++) {
                    c[k] = alpha + beta - alpha * phi;
                }
                c[m] = alpha + beta - phi;
                c[m + 1] = 1;
                double max = maxRoot(c);
                if (Math.abs(max - 1) < 1e-6) {
                    continue;
                }
                assertThat(EtsAdmissible.rootsInUnitDisc(c, 1 + 1e-10)).as("alpha %f gamma %f", alpha, gamma).isEqualTo(max <= 1 + 1e-10);
            }
        }
    }
}
