package io.jenkins.plugins.influxforecast.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BfgsTest {

    @Test
    void findsTheMinimumOfTheRosenbrockFunction() {
        Bfgs.Objective rosen = x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        Bfgs.Result r = Bfgs.minimize(rosen, new double[] {-1.2, 1}, new double[] {1, 1}, 1e-6, 500, 1e-12);
        assertThat(r.x()[0]).isCloseTo(1.0, within(1e-3));
        assertThat(r.x()[1]).isCloseTo(1.0, within(2e-3));
        assertThat(r.converged()).isTrue();
    }

    @Test
    void respectsParameterScales() {
        // a quadratic whose second coordinate lives on a scale of 1000
        Bfgs.Objective f = x -> Math.pow(x[0] - 3, 2) + Math.pow((x[1] - 2000) / 1000, 2);
        Bfgs.Result r = Bfgs.minimize(f, new double[] {0, 0}, new double[] {1, 1000}, 1e-3, 100, 1e-10);
        assertThat(r.x()[0]).isCloseTo(3.0, within(1e-3));
        assertThat(r.x()[1]).isCloseTo(2000.0, within(1.0));
    }

    @Test
    void backsOffWhereTheObjectiveIsNotFinite() {
        // log barrier: infinite for x <= 0; minimum of x - log(x) at 1
        Bfgs.Objective f = x -> x[0] > 0 ? x[0] - Math.log(x[0]) : Double.POSITIVE_INFINITY;
        Bfgs.Result r = Bfgs.minimize(f, new double[] {5});
        assertThat(r.x()[0]).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void stopsAtTheIterationLimitAndSaysSo() {
        Bfgs.Objective rosen = x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        Bfgs.Result r = Bfgs.minimize(rosen, new double[] {-1.2, 1}, new double[] {1, 1}, 1e-6, 3, 1e-12);
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(3);
    }

    @Test
    void rejectsANonFiniteStart() {
        assertThatThrownBy(() -> Bfgs.minimize(x -> Double.NaN, new double[] {1}))
                .hasMessageContaining("not finite at the start");
    }

    @Test
    void hessianOfAQuadratic() {
        Bfgs.Objective f = x -> 2 * x[0] * x[0] + 3 * x[0] * x[1] + 5 * x[1] * x[1];
        double[][] h = Bfgs.hessian(f, new double[] {0.3, -0.2}, 1e-3);
        assertThat(h[0][0]).isCloseTo(4.0, within(1e-6));
        assertThat(h[0][1]).isCloseTo(3.0, within(1e-6));
        assertThat(h[1][1]).isCloseTo(10.0, within(1e-6));
    }

    /** Rosenbrock with its exact gradient, counting gradient calls. */
    private static final class Rosenbrock implements Bfgs.Differentiable {
        int gradients;

        @Override
        public double value(double[] x) {
            return 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad) {
            gradients++;
            grad[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
            grad[1] = 200 * (x[1] - x[0] * x[0]);
            return value(x);
        }
    }

    @Test
    void usesTheExactGradientWhenGiven() {
        Rosenbrock f = new Rosenbrock();
        Bfgs.Result r = Bfgs.minimize(f, new double[] {-1.2, 1});
        assertThat(r.converged()).isTrue();
        assertThat(r.x()[0]).isCloseTo(1.0, within(1e-3));
        assertThat(r.x()[1]).isCloseTo(1.0, within(2e-3));
        assertThat(f.gradients).isEqualTo(r.iterations());
    }

    @Test
    void hessianFromTheExactGradient() {
        Rosenbrock f = new Rosenbrock();
        double[] x = {0.5, -0.3};
        double[][] h = Bfgs.hessianFromGradient(f, x, 1e-3);
        assertThat(f.gradients).isEqualTo(4);
        assertThat(h[0][0]).isCloseTo(1200 * x[0] * x[0] - 400 * x[1] + 2, within(1e-3));
        assertThat(h[0][1]).isCloseTo(-400 * x[0], within(1e-6));
        assertThat(h[1][0]).isEqualTo(h[0][1]);
        assertThat(h[1][1]).isCloseTo(200, within(1e-6));
    }
}
