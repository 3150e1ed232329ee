package io.jenkins.plugins.influxforecast.model.arima;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The automatic search's Hessians on demand give what the eager computation gives. */
class DeferredHessianTest {

    /** An ARIMA(1,1,1) path with drift: 1 + 0.6 e_{t-1} MA, 0.5 AR on the differences. */
    private static double[] arima111(int n, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        double w = 0;
        double ePrev = 0;
        for (int t = 1; t < n; t++) {
            double e = rnd.nextGaussian();
            w = 0.2 + 0.5 * w + e + 0.6 * ePrev;
            ePrev = e;
            y[t] = y[t - 1] + w;
        }
        return y;
    }

    @Test
    void aDeferredFitCompletesToTheEagerFit() {
        double[] y = arima111(300, 7);
        ArimaOrder order = ArimaOrder.of(2, 1, 1);
        for (ArimaEstimator.Method method : List.of(ArimaEstimator.Method.CSS, ArimaEstimator.Method.CSS_ML)) {
            ArimaFit eager = ArimaEstimator.fit(y, order, new double[0][], List.of(), method, true, true);
            ArimaEstimator.Deferred deferred = ArimaEstimator.fitDeferred(y, order, new double[0][], List.of(), method, true, true,
                    null, null);
            assertThat(deferred.fit().coefSe()).as(method + " before completion").isNull();
            ArimaFit done = deferred.complete();
            assertThat(done.coef()).as(method.label).containsExactly(eager.coef());
            assertThat(done.coefSe()).as(method.label).containsExactly(eager.coefSe());
            if (method == ArimaEstimator.Method.CSS) {
                assertThat(done.hessian()).isDeepEqualTo(eager.hessian());
            }
            assertThat(deferred.complete()).isSameAs(done);
        }
    }

    @Test
    void theChosenModelCarriesItsStandardErrorsWithAndWithoutTheApproximation() {
        for (int n : new int[] {120, 400}) {
            AutoArima.Result res = AutoArima.search(arima111(n, 11), 1, new double[0][], List.of(), new AutoArima.Options());
            assertThat(res.approximation).as("n = " + n).isEqualTo(n > 150);
            assertThat(res.fit.order().armaCount()).as("n = " + n).isPositive();
            assertThat(res.fit.coefSe()).as("n = " + n).hasSize(res.fit.coef().length).doesNotContain(Double.NaN);
            assertThat(res.tried).isNotEmpty();
        }
    }
}
