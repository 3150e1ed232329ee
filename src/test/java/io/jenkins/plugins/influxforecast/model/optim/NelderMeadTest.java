package io.jenkins.plugins.influxforecast.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    static double rosenbrock(double[] x) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        return a * a + 100 * b * b;
    }

    @Test
    void findsTheRosenbrockMinimum() {
        NelderMead.Result r = NelderMead.minimise(NelderMeadTest::rosenbrock, new double[] {-1.2, 1}, new double[] {0.12, 0.12}, 1e-12, 5000);
        assertThat(r.converged()).isTrue();
        assertThat(r.point()[0]).isCloseTo(1, within(1e-3));
        assertThat(r.point()[1]).isCloseTo(1, within(2e-3));
        assertThat(r.evaluations()).isLessThan(5000);
    }

    @Test
    void stopsAtItsBudgetWithTheBestPointFound() {
        NelderMead.Result r = NelderMead.minimise(NelderMeadTest::rosenbrock, new double[] {-1.2, 1}, new double[] {0.12, 0.12}, 1e-12, 30);
        assertThat(r.converged()).isFalse();
        assertThat(r.evaluations()).isBetween(30, 33);
        assertThat(r.value()).isLessThan(rosenbrock(new double[] {-1.2, 1}));
    }

    @Test
    void infiniteValuesFenceTheDomain() {
        // minimum of (x - 2)^2 restricted to x <= 1: the search stays inside and ends at the fence
        NelderMead.Result r = NelderMead.minimise(x -> x[0] > 1 ? Double.POSITIVE_INFINITY : (x[0] - 2) * (x[0] - 2),
                new double[] {0}, new double[] {0.5}, 1e-10, 1000);
        assertThat(r.point()[0]).isLessThanOrEqualTo(1).isCloseTo(1, within(1e-3));
        NelderMead.Result nan = NelderMead.minimise(x -> x[0] < 0 ? Double.NaN : x[0] * x[0] + 1, new double[] {3}, new double[] {1},
                1e-10, 1000);
        assertThat(nan.value()).isCloseTo(1, within(1e-6));
    }

    @Test
    void rCompatibleModeReturnsTheLastOrderedBest() {
        NelderMead.Result r = NelderMead.minimise(NelderMeadTest::rosenbrock, new double[] {-1.2, 1}, new double[] {0.12, 0.12}, 1e-12, 40,
                true);
        NelderMead.Result plain = NelderMead.minimise(NelderMeadTest::rosenbrock, new double[] {-1.2, 1}, new double[] {0.12, 0.12}, 1e-12, 40);
        assertThat(r.value()).isGreaterThanOrEqualTo(plain.value());
    }
}
