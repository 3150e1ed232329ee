package io.jenkins.plugins.influxforecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forecasts and intervals against R's forecast package (golden values in src/test/resources/golden). */
class NaiveModelsTest {

    private static final double[] X = {5, 7, 6, 8, 9, 7, 10, 12, 11, 13, 12, 14};

    @Test
    void matchesRForecastPackage() throws IOException {
        List<String> rows = Files.readAllLines(io.jenkins.plugins.influxforecast.RepoFiles.path("src/test/resources/golden/naive-family.csv"));
        int checked = 0;
        for (String row : rows) {
            if (row.startsWith("#") || row.startsWith("model,")) {
                continue;
            }
            String[] c = row.split(",(?![^(]*\\))");
            TimeSeries s = TimeSeries.ofValues("x", X);
            int h = Integer.parseInt(c[1]);
            Forecast f = Models.create(c[0]).fit(s).forecast(h, 80, 95);
            assertThat(f.mean(h - 1)).as(row).isCloseTo(Double.parseDouble(c[2]), within(1e-4));
            assertThat(f.lower(80)[h - 1]).as(row).isCloseTo(Double.parseDouble(c[3]), within(1e-4));
            assertThat(f.upper(80)[h - 1]).as(row).isCloseTo(Double.parseDouble(c[4]), within(1e-4));
            assertThat(f.lower(95)[h - 1]).as(row).isCloseTo(Double.parseDouble(c[5]), within(1e-4));
            assertThat(f.upper(95)[h - 1]).as(row).isCloseTo(Double.parseDouble(c[6]), within(1e-4));
            checked++;
        }
        assertThat(checked).isEqualTo(13);
    }

    @Test
    void movingAverageForecastsTheMeanOfTheLastWindow() {
        Forecast f = Models.create("movingaverage(window=3)").fit(TimeSeries.ofValues("x", X)).forecast(2);
        assertThat(f.mean()).containsExactly(13, 13);
        assertThat(f.hasIntervals()).isFalse();
        FittedModel fit = Models.create("movingaverage(window=3)").fit(TimeSeries.ofValues("x", X));
        assertThat(fit.fitted()[3]).isEqualTo(6.0);
        assertThat(Double.isNaN(fit.fitted()[2])).isTrue();
        assertThat(fit.residuals()[3]).isEqualTo(2.0);
    }

    @Test
    void seasonDefaultsToTheFrequencysDailyCycle() {
        double[] v = new double[72];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 24;
        }
        TimeSeries s = TimeSeries.of("h", Instant.EPOCH, Frequency.parse("1h"), v);
        FittedModel fit = Models.create("snaive").fit(s);
        assertThat(fit.spec()).hasToString("snaive(season=24)");
        Forecast f = fit.forecast(25);
        assertThat(f.mean(0)).isEqualTo(0);
        assertThat(f.mean(23)).isEqualTo(23);
        assertThat(f.mean(24)).isEqualTo(0);
        assertThat(f.start()).isEqualTo(Instant.parse("1970-01-04T00:00:00Z"));
    }

    @Test
    void badSpecsAndShortSeriesFailClearly() {
        assertThatThrownBy(() -> Models.create("prophet")).hasMessageStartingWith("unknown model 'prophet'; allowed: ")
                .hasMessageContaining("naive").hasMessageContaining("snaive").hasMessageContaining("movingaverage");
        assertThatThrownBy(() -> Models.create("snaive(season=0)")).hasMessageContaining("season must be an integer from 1");
        assertThatThrownBy(() -> Models.create("movingaverage")).hasMessageContaining("needs a window");
        assertThatThrownBy(() -> Models.create("naive(season=3)")).hasMessageContaining("unknown parameter 'season'; allowed: none");
        assertThatThrownBy(() -> Models.create("snaive(season=24)").fit(TimeSeries.ofValues("x", X)))
                .hasMessage("series 'x' too short for snaive(season=24): 12 points, need at least 25");
        assertThatThrownBy(() -> Models.create("naive").fit(TimeSeries.ofValues("x", X)).forecast(0))
                .hasMessage("horizon must be >= 1, got 0");
    }
}
