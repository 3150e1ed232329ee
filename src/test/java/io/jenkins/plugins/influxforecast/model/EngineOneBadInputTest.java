package io.jenkins.plugins.influxforecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every engine-I model on a constant series: a flat, finite forecast at the constant, no exception. */
class EngineOneBadInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"ets", "ets(model=MAM, season=24)", "holtwinters", "theta", "theta(variant=m4)", "naive2", "ses", "holt",
        "damped", "comb", "mstl(ets, seasons=[24])", "stlf(theta)", "fft", "fft(trend=poly)"})
    void constantSeries(String spec) {
        double[] y = new double[24 * 8];
        Arrays.fill(y, 42.0);
        TimeSeries s = TimeSeries.of("flat", Instant.EPOCH, Frequency.of(Duration.ofHours(1)), y);
        Forecast f = Models.create(spec).fit(s).forecast(30);
        for (int i = 0; i < 30; i++) {
            assertThat(f.mean(i)).as(spec + " step " + i).isCloseTo(42.0, org.assertj.core.api.Assertions.within(1e-6));
        }
    }
}
