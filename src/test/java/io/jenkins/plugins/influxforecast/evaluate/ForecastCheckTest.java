package io.jenkins.plugins.influxforecast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Frequency;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ForecastCheckTest {

    private static Forecast forecast(double[] mean, double[] lo80, double[] hi80, double[] lo95, double[] hi95) {
        return Forecast.of("m", Instant.parse("2026-01-01T00:00:00Z"), Frequency.of(Duration.ofMinutes(10)), mean)
                .withInterval(80, lo80, hi80).withInterval(95, lo95, hi95);
    }

    @Test
    void zeroWidthStepsAreWidenedToTheNormalIntervalOfTheInSampleErrors() {
        // zero width at step 1 only; the in-sample errors have RMSE 2
        Forecast f = forecast(new double[] {10, 11}, new double[] {10, 9}, new double[] {10, 13}, new double[] {10, 8},
                new double[] {10, 14});
        ForecastCheck.Verdict v = ForecastCheck.review(f, new double[] {Double.NaN, 2, -2, 2, -2}, new double[] {9, 10, 11, 10, 9},
                false);
        assertThat(v.ok()).isTrue();
        assertThat(v.widened()).isTrue();
        assertThat(v.degenerateSteps()).isEqualTo(1);
        assertThat(v.note()).contains("widened").contains("1 of 2 steps");
        Forecast w = v.forecast();
        assertThat(w.lower(80)[0]).isCloseTo(10 - 1.2815515655446004 * 2, within(1e-9));
        assertThat(w.upper(95)[0]).isCloseTo(10 + 1.959963984540054 * 2, within(1e-9));
        // the steps that had a width keep it
        assertThat(w.lower(80)[1]).isEqualTo(9);
        assertThat(w.upper(95)[1]).isEqualTo(14);
        assertThat(ForecastCheck.problem(w, false)).isNull();
    }

    @Test
    void anExactFitKeepsItsZeroWidthAndSaysSo() {
        double[] mean = {10, 11};
        Forecast f = forecast(mean, mean, mean, mean, mean);
        ForecastCheck.Verdict v = ForecastCheck.review(f, new double[] {0, 0, 1e-14}, new double[] {10, 11, 10}, false);
        assertThat(v.ok()).isTrue();
        assertThat(v.widened()).isFalse();
        assertThat(v.degenerateSteps()).isEqualTo(2);
        assertThat(v.note()).contains("reproduces the history exactly").contains("accepted");
        assertThat(v.forecast()).isSameAs(f);
    }

    @Test
    void otherFaultsStillRejectTheForecast() {
        Forecast missesTheMean = forecast(new double[] {10}, new double[] {11}, new double[] {12}, new double[] {9},
                new double[] {12});
        ForecastCheck.Verdict v = ForecastCheck.review(missesTheMean, new double[] {1, -1}, new double[] {1, 2}, false);
        assertThat(v.ok()).isFalse();
        assertThat(v.forecast()).isNull();
        assertThat(v.problem()).contains("does not contain the forecast");
        Forecast infinite = Forecast.of("m", Instant.EPOCH, Frequency.of(Duration.ofHours(1)), new double[] {Double.POSITIVE_INFINITY});
        assertThat(ForecastCheck.review(infinite, null, null, false).problem()).contains("non-finite forecast at step 1");
    }

    @Test
    void aSaneForecastOrAConstantSeriesPassesUnchangedWithoutANote() {
        Forecast sane = forecast(new double[] {10}, new double[] {9}, new double[] {11}, new double[] {8}, new double[] {12});
        ForecastCheck.Verdict v = ForecastCheck.review(sane, new double[] {1}, new double[] {10}, false);
        assertThat(v.forecast()).isSameAs(sane);
        assertThat(v.note()).isNull();
        double[] mean = {5};
        Forecast flat = forecast(mean, mean, mean, mean, mean);
        ForecastCheck.Verdict c = ForecastCheck.review(flat, new double[] {1}, new double[] {5, 5}, true);
        assertThat(c.forecast()).isSameAs(flat);
        assertThat(c.note()).isNull();
    }
}
