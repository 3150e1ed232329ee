package io.jenkins.plugins.influxforecast.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PolynomialsTest {

    @Test
    void multipliesLagPolynomials() {
        // (1 - B)(1 - B^4) = 1 - B - B^4 + B^5
        assertThat(Polynomials.multiply(new double[] {1, -1}, new double[] {1, 0, 0, 0, -1}))
                .containsExactly(1, -1, 0, 0, -1, 1);
    }

    @Test
    void rootsOfAQuadratic() {
        // 1 - 1.5 z + 0.5 z^2 = (1 - z)(1 - 0.5 z): roots 1 and 2
        assertThat(Polynomials.minRootModulus(new double[] {1, -1.5, 0.5})).isCloseTo(1.0, within(1e-9));
        assertThat(Polynomials.minRootModulus(Polynomials.arPolynomial(new double[] {0.5}))).isCloseTo(2.0, within(1e-12));
        assertThat(Polynomials.minRootModulus(new double[] {3})).isInfinite();
    }

    @Test
    void complexRootsHaveTheirModulus() {
        // 1 + 0.25 z^2: roots +-2i
        assertThat(Polynomials.minRootModulus(new double[] {1, 0, 0.25})).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void stepDownTestAgreesWithRootFinding() {
        java.util.Random rnd = new java.util.Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int p = 1 + rnd.nextInt(6);
            double[] a = new double[p];
            for (int i = 0; i < p; i++) {
                a[i] = rnd.nextGaussian() * 0.6;
            }
            double[] poly = new double[p + 1];
            poly[0] = 1;
            System.arraycopy(a, 0, poly, 1, p);
            double min = Polynomials.minRootModulus(poly);
            if (Math.abs(min - 1.01) > 1e-6) {
                assertThat(Polynomials.rootsOutside(a, 1.01)).as("trial " + trial).isEqualTo(min > 1.01);
            }
        }
    }

    @Test
    void trimsNegligibleTrailingCoefficients() {
        assertThat(Polynomials.arPolynomial(new double[] {0.5, 1e-9})).containsExactly(1, -0.5);
    }

    @Test
    void leastSquaresRecoversALine() {
        double[] x1 = {1, 1, 1, 1, 1};
        double[] x2 = {1, 2, 3, 4, 5};
        double[] y = {3, 5, 7, 9, 11};
        double[] b = LeastSquares.ols(new double[][] {x1, x2}, y);
        assertThat(b[0]).isCloseTo(1.0, within(1e-9));
        assertThat(b[1]).isCloseTo(2.0, within(1e-9));
        assertThat(LeastSquares.ols(new double[][] {x1, x1}, y)).isNull();
    }

    @Test
    void solvesAndInverts() {
        double[][] a = {{4, 1}, {2, 3}};
        double[][] inv = LeastSquares.inverse(a);
        assertThat(inv[0][0]).isCloseTo(0.3, within(1e-12));
        assertThat(inv[0][1]).isCloseTo(-0.1, within(1e-12));
        assertThat(LeastSquares.inverse(new double[][] {{1, 2}, {2, 4}})).isNull();
    }
}
