package io.jenkins.plugins.influxforecast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private final double[] actual = {10, 20, 30, 40};
    private final double[] forecast = {12, 18, 33, 40};

    @Test
    void computesTheFiveMeasuresByHand() {
        assertThat(Metrics.mae(actual, forecast)).isEqualTo(7.0 / 4);
        assertThat(Metrics.rmse(actual, forecast)).isCloseTo(Math.sqrt(17.0 / 4), within(1e-12));
        assertThat(Metrics.mape(actual, forecast)).isCloseTo(100 * (0.2 + 0.1 + 0.1 + 0) / 4, within(1e-12));
        double smape = (200 * 2 / 22.0 + 200 * 2 / 38.0 + 200 * 3 / 63.0 + 0) / 4;
        assertThat(Metrics.smape(actual, forecast)).isCloseTo(smape, within(1e-12));
        // in-sample seasonal differences with lag 2: |3-1|,|4-2|,|5-3| -> scale 2
        assertThat(Metrics.mase(actual, forecast, new double[] {1, 2, 3, 4, 5}, 2)).isCloseTo(7.0 / 4 / 2, within(1e-12));
    }

    @Test
    void degenerateCasesAreNaNNotErrors() {
        assertThat(Metrics.mase(actual, forecast, new double[] {5, 5, 5}, 1)).isNaN();
        assertThat(Metrics.mape(new double[] {0}, new double[] {1})).isNaN();
        assertThat(Metrics.smape(new double[] {0}, new double[] {0})).isZero();
        assertThat(Metrics.mae(new double[] {Double.NaN}, new double[] {1})).isNaN();
    }
}
