package io.jenkins.plugins.influxforecast.model.ets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.model.optim.NelderMead;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The non-seasonal candidates fitted side by side (several Nelder-Mead searches whose points share
 * one pass over the series) must give exactly, bit for bit, the fits of one type at a time.
 */
class EtsSideBySideTest {

    static double[] walk(int n, double start, double drift, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        double v = start;
        for (int t = 0; t < n; t++) {
            v += drift + r.nextGaussian() * 3;
            y[t] = v;
        }
        return y;
    }

    static void assertSame(EtsFit a, EtsFit b) {
        assertThat(b.type()).isEqualTo(a.type());
        assertThat(b.logLik()).isEqualTo(a.logLik());
        assertThat(b.aicc()).isEqualTo(a.aicc());
        assertThat(b.alpha()).isEqualTo(a.alpha());
        // NaN for an absent component: compared as objects
        assertThat(Double.valueOf(b.beta())).isEqualTo(Double.valueOf(a.beta()));
        assertThat(Double.valueOf(b.phi())).isEqualTo(Double.valueOf(a.phi()));
        assertThat(b.initialState()).containsExactly(a.initialState());
        assertThat(b.evaluations()).isEqualTo(a.evaluations());
        assertThat(b.converged()).isEqualTo(a.converged());
        assertThat(b.forecastMean(10)).containsExactly(a.forecastMean(10));
    }

    @Test
    void lanesComputeExactlyWhatTheFilterComputes() {
        double[] y = walk(400, 500, 0.5, 7);
        double[][] points = {{0.3, 0.02, 0.9, 480, 1.5}, {0.9, 0, 0, 501, 0}, {0.05, 0.01, 1, 495, -0.3}};
        for (boolean mult : new boolean[] {false, true}) {
            for (int lanes = 1; lanes <= 3; lanes++) {
                double[] k = new double[3 * EtsKernel.LANE];
                double[] out = new double[3];
                for (int j = 0; j < lanes; j++) {
                    double[] p = points[j];
                    EtsKernel.lane(p[0], p[1], p[2], p[3], p[4], k, j * EtsKernel.LANE);
                }
                EtsKernel.likelihoodNone(y, mult, lanes, k, out, new double[3 * y.length]);
                for (int j = 0; j < lanes; j++) {
                    double[] p = points[j];
                    boolean trend = p[2] != 0;
                    double expected = EtsKernel.run(y, 1, mult ? EtsKernel.MULT : EtsKernel.ADD, trend ? EtsKernel.ADD : EtsKernel.NONE,
                            EtsKernel.NONE, p[0], p[1], 0, p[2], trend ? new double[] {p[3], p[4]} : new double[] {p[3]}, new double[1],
                            null, null, null, EtsKernel.CRIT_LIK);
                    assertThat(out[j]).as("lane %d of %d, mult %s", j, lanes, mult).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void specialisedLaneShapesChangeNoBit() {
        double[] y = walk(500, 800, -0.4, 9);
        // no trend, undamped, damped
        double[][] points = {{0.7, 0, 0, 790, 0}, {0.2, 0.05, 1, 805, -0.2}, {0.4, 0.1, 0.85, 799, 0.6}};
        for (boolean mult : new boolean[] {false, true}) {
            for (int lanes = 2; lanes <= 3; lanes++) {
                int first = 3 - lanes;
                double[] k = new double[3 * EtsKernel.LANE];
                for (int j = 0; j < lanes; j++) {
                    double[] p = points[first + j];
                    EtsKernel.lane(p[0], p[1], p[2], p[3], p[4], k, j * EtsKernel.LANE);
                }
                double[] shaped = new double[3];
                double[] mixed = new double[3];
                EtsKernel.likelihoodNone(y, mult, lanes, k.clone(), shaped, new double[3 * y.length],
                        lanes == 3 ? EtsKernel.SHAPE_N_A_AD : EtsKernel.SHAPE_A_AD);
                EtsKernel.likelihoodNone(y, mult, lanes, k.clone(), mixed, new double[3 * y.length], EtsKernel.MIXED);
                assertThat(shaped).containsExactly(mixed);
                assertThat(Double.isFinite(shaped[0])).isTrue();
            }
        }
    }

    @Test
    void mixedErrorLanesComputeExactlyWhatTheFilterComputes() {
        double[] y = walk(450, 600, 0.2, 13);
        double[][] points = {{0.3, 0.02, 0.9, 590, 1.5}, {0.8, 0, 0, 601, 0}, {0.05, 0.01, 1, 595, -0.3}};
        int[][] splits = {{1, 1}, {2, 1}, {1, 2}};
        for (int[] split : splits) {
            int lanes = split[0] + split[1];
            double[] k = new double[3 * EtsKernel.LANE];
            for (int j = 0; j < lanes; j++) {
                double[] p = points[j];
                EtsKernel.lane(p[0], p[1], p[2], p[3], p[4], k, j * EtsKernel.LANE);
            }
            double[] out = new double[3];
            EtsKernel.likelihoodMixed(y, split[0], split[1], k, out, new double[3 * y.length]);
            for (int j = 0; j < lanes; j++) {
                double[] p = points[j];
                boolean mult = j >= split[0];
                boolean trend = p[2] != 0;
                double expected = EtsKernel.run(y, 1, mult ? EtsKernel.MULT : EtsKernel.ADD, trend ? EtsKernel.ADD : EtsKernel.NONE,
                        EtsKernel.NONE, p[0], p[1], 0, p[2], trend ? new double[] {p[3], p[4]} : new double[] {p[3]}, new double[1],
                        null, null, null, EtsKernel.CRIT_LIK);
                assertThat(out[j]).as("lane %d of %d+%d", j, split[0], split[1]).isEqualTo(expected);
            }
        }
    }

    @Test
    void aForecastThatOverflowsScoresNotFinite() {
        double[] y = {1, 2, 1e308, 3, 2, 1};
        double[] k = new double[3 * EtsKernel.LANE];
        EtsKernel.lane(0.9999, 0.9, 1, 1, 1e308, k, 0);
        double[] out = new double[3];
        EtsKernel.likelihoodNone(y, false, 1, k, out, new double[3 * y.length]);
        assertThat(out[0]).isNaN();
    }

    @Test
    void sideBySideFitsAreTheFitsOfOneTypeAtATime() {
        EtsOptions o = EtsOptions.defaults();
        assertThat(EtsEstimator.sideBySide(o)).isTrue();
        List<EtsType> types = new ArrayList<>(EtsType.candidates("ZZN", null));
        assertThat(types).hasSize(6);
        for (long seed = 1; seed <= 4; seed++) {
            double[] y = walk(150 + 60 * (int) seed, 300, seed % 2 == 0 ? 0.8 : -0.2, seed);
            List<EtsEstimator.Outcome> together = EtsEstimator.fitNonSeasonal(y, types, o);
            for (int i = 0; i < types.size(); i++) {
                assertSame(EtsEstimator.fit(y, 1, types.get(i), o), together.get(i).get());
            }
        }
        // more than three types of one error share the lanes in turns; the scaled simplex too
        EtsOptions scaled = o.withRSimplex(false);
        double[] y = walk(300, 200, 0.3, 11);
        List<EtsType> many = List.of(EtsType.parse("ANN"), EtsType.parse("AAN"), EtsType.parse("AAdN"), EtsType.parse("ANN"));
        List<EtsEstimator.Outcome> together = EtsEstimator.fitNonSeasonal(y, many, scaled);
        for (int i = 0; i < many.size(); i++) {
            assertSame(EtsEstimator.fit(y, 1, many.get(i), scaled), together.get(i).get());
        }
    }

    @Test
    void aTypeThatCannotBeFittedGivesTheErrorFitWouldThrow() {
        double[] y = walk(200, 10, 0, 3);
        y[50] = -1;
        List<EtsEstimator.Outcome> r = EtsEstimator.fitNonSeasonal(y, List.of(EtsType.parse("ANN"), EtsType.parse("MNN")),
                EtsOptions.defaults());
        assertThat(r.get(0).fit()).isNotNull();
        assertThat(r.get(0).error()).isNull();
        assertThat(r.get(1).fit()).isNull();
        assertThat(r.get(1).error()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly positive");
        assertThatThrownBy(() -> r.get(1).get()).isSameAs(r.get(1).error());
    }

    @Test
    void interleavedSearchesFollowTheirOwnPaths() {
        // two searches told their values in turns end exactly where minimise ends
        double[] s1 = {-1.2, 1};
        double[] s2 = {3, -2};
        double[] st = {0.12, 0.12};
        NelderMead.Search a = new NelderMead.Search(s1, st, 1e-10, 500, true);
        NelderMead.Search b = new NelderMead.Search(s2, st, 1e-10, 300, false);
        while (!a.done() || !b.done()) {
            if (!a.done()) {
                a.tell(rosenbrock(a.point()));
            }
            if (!b.done()) {
                b.tell(rosenbrock(b.point()));
            }
        }
        NelderMead.Result ra = NelderMead.minimise(EtsSideBySideTest::rosenbrock, s1, st, 1e-10, 500, true);
        NelderMead.Result rb = NelderMead.minimise(EtsSideBySideTest::rosenbrock, s2, st, 1e-10, 300, false);
        assertThat(a.result().point()).containsExactly(ra.point());
        assertThat(a.result().evaluations()).isEqualTo(ra.evaluations());
        assertThat(b.result().point()).containsExactly(rb.point());
        assertThat(b.result().value()).isEqualTo(rb.value());
    }

    static double rosenbrock(double[] x) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        return a * a + 100 * b * b;
    }
}
