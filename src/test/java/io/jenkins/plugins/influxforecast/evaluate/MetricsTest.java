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
    void theMaseScaleUsesEverySeasonalDifferenceOfTheHistory() {
        // unequal differences, so that dropping, adding or shifting one changes the scale;
        // R: mean(abs(diff(c(1,4,2,8,3,10), lag=2))) = 2, mean(abs(diff(c(1,3,2,6,4), lag=1))) = 2.25
        assertThat(Metrics.naiveScale(new double[] {1, 4, 2, 8, 3, 10}, 2)).isEqualTo(2.0);
        assertThat(Metrics.naiveScale(new double[] {1, 3, 2, 6, 4}, 1)).isEqualTo(2.25);
        assertThat(Metrics.mase(actual, forecast, new double[] {1, 4, 2, 8, 3, 10}, 2)).isEqualTo(7.0 / 4 / 2);
        // a gap in the history drops only the differences it takes part in
        assertThat(Metrics.naiveScale(new double[] {1, 3, Double.NaN, 6, 4}, 1)).isEqualTo(2.0);
        // too short for one difference
        assertThat(Metrics.naiveScale(new double[] {1, 3}, 2)).isNaN();
        assertThat(Metrics.mase(actual, forecast, new double[] {1, 3}, 2)).isNaN();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Metrics.naiveScale(new double[] {1, 2}, 0))
                .hasMessage("MASE season must be >= 1, got 0");
    }

    @Test
    void allNamesTheFiveMeasuresAsMetricsJsonDoes() {
        assertThat(Metrics.all(actual, forecast, new double[] {1, 4, 2, 8, 3, 10}, 2)).containsExactly(
                org.assertj.core.api.Assertions.entry("mae", 7.0 / 4), org.assertj.core.api.Assertions.entry("rmse", Math.sqrt(17.0 / 4)),
                org.assertj.core.api.Assertions.entry("mape", Metrics.mape(actual, forecast)),
                org.assertj.core.api.Assertions.entry("smape", Metrics.smape(actual, forecast)),
                org.assertj.core.api.Assertions.entry("mase", 7.0 / 8));
    }

    @Test
    void pairsOfDifferentLengthsAreAnError() {
        double[] three = {1, 2, 3};
        for (java.util.function.BiFunction<double[], double[], Double> m : java.util.List.<java.util.function.BiFunction<double[], double[], Double>>of(
                Metrics::mae, Metrics::rmse, Metrics::mape, Metrics::smape)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.apply(actual, three))
                    .hasMessage("actual has 4 values, forecast 3");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Metrics.mase(actual, three, new double[] {1, 2, 3}, 1))
                .hasMessage("actual has 4 values, forecast 3");
    }

    @Test
    void degenerateCasesAreNaNNotErrors() {
        assertThat(Metrics.mase(actual, forecast, new double[] {5, 5, 5}, 1)).isNaN();
        assertThat(Metrics.mape(new double[] {0}, new double[] {1})).isNaN();
        assertThat(Metrics.smape(new double[] {0}, new double[] {0})).isZero();
        assertThat(Metrics.mae(new double[] {Double.NaN}, new double[] {1})).isNaN();
    }
}
