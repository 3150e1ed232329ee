package io.jenkins.plugins.influxforecast.model.season;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MstlModelTest {

    static double truth(int t) {
        return 200 + 0.05 * t + 20 * Math.sin(2 * Math.PI * t / 24) + 30 * Math.sin(2 * Math.PI * t / 168);
    }

    static TimeSeries hourly(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = truth(t) + r.nextGaussian();
        }
        return TimeSeries.of("load", Instant.parse("2024-01-01T00:00:00Z"), Frequency.of(Duration.ofHours(1)), y);
    }

    @Test
    void forecastsBothCyclesWithANonSeasonalInnerModel() {
        TimeSeries s = hourly(168 * 4, 1);
        FittedModel fit = Models.create("mstl(ets, seasons=[24,168])").fit(s);
        assertThat(fit.spec().toString()).isEqualTo("mstl(ets,seasons=[24,168])");
        assertThat(fit.parameters()).containsEntry("seasons", List.of(24, 168));
        assertThat((String) fit.parameters().get("model")).matches("ets\\(model=[AM][NA]d?N\\)");
        Forecast f = fit.forecast(168, 95);
        double[] actual = new double[168];
        for (int i = 0; i < 168; i++) {
            actual[i] = truth(s.size() + i);
        }
        assertThat(Metrics.smape(actual, f.mean())).isLessThan(2.0);
        // intervals are the inner model's, moved by the same seasonal values
        double[] lo = f.lower(95);
        double[] hi = f.upper(95);
        for (int i = 0; i < 168; i++) {
            assertThat(lo[i]).isLessThan(f.mean(i));
            assertThat(hi[i]).isGreaterThan(f.mean(i));
        }
        MstlModel.Fitted m = (MstlModel.Fitted) fit;
        Forecast inner = m.inner().forecast(168, 95);
        double[] seasonal = m.decomposition().seasonalForecast(168);
        assertThat(f.mean(7)).isCloseTo(inner.mean(7) + seasonal[7], within(1e-9));
        assertThat(hi[7]).isCloseTo(inner.upper(95)[7] + seasonal[7], within(1e-9));
    }

    @Test
    void detectsThePeriodsAndNamesAsStlf() {
        TimeSeries s = hourly(168 * 4, 2);
        FittedModel fit = Models.create("stlf(theta)").fit(s);
        assertThat(fit.parameters()).containsEntry("seasons", List.of(24, 168));
        FittedModel one = Models.create("stlf(model=naive, season=24)").fit(s);
        assertThat(one.parameters()).containsEntry("seasons", List.of(24));
        assertThat(one.parameters()).containsEntry("model", "naive");
    }

    @Test
    void withoutSeasonalityTheInnerModelForecastsTheSeries() {
        Random r = new Random(3);
        double[] y = new double[300];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + r.nextGaussian();
        }
        TimeSeries s = TimeSeries.of("noise", Instant.EPOCH, Frequency.of(Duration.ofHours(1)), y);
        FittedModel fit = Models.create("mstl(theta)").fit(s);
        assertThat(fit.parameters()).containsEntry("seasons", List.of());
        assertThat(fit.warnings()).anyMatch(w -> w.startsWith("no seasonal period found"));
        assertThat(fit.forecast(3).mean()).hasSize(3);
    }

    @Test
    void badInput() {
        TimeSeries s = hourly(300, 4);
        assertThatThrownBy(() -> Models.create("mstl(ets, seasons=[24,168])").fit(s))
                .hasMessage("series 'load' too short for mstl with period 168: 300 points, need at least 337");
        assertThatThrownBy(() -> Models.create("mstl(ets(season=24))"))
                .hasMessageContaining("must not set a season");
        assertThatThrownBy(() -> Models.create("mstl(ets, theta)")).hasMessageContaining("takes one inner model");
        assertThatThrownBy(() -> Models.create("mstl(swindow=8)")).hasMessageContaining("an odd integer >= 3 or periodic");
    }
}
