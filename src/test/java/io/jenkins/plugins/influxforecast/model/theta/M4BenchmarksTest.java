package io.jenkins.plugins.influxforecast.model.theta;

import static io.jenkins.plugins.influxforecast.model.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.Golden;
import io.jenkins.plugins.influxforecast.model.season.ClassicalDecomposition;
import io.jenkins.plugins.influxforecast.model.season.Decomposition;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class M4BenchmarksTest {

    static TimeSeries monthly(String name) {
        return TimeSeries.of(name, Instant.parse("1949-01-01T00:00:00Z"), Frequency.ofMonths(1), Golden.series(name));
    }

    static TimeSeries yearly(String name) {
        return TimeSeries.of(name, Instant.parse("1871-01-01T00:00:00Z"), Frequency.ofMonths(12), Golden.series(name));
    }

    @Test
    void naive2IsTheLastAdjustedValueReseasonalised() {
        double[] y = Golden.series("airpassengers");
        Decomposition d = ClassicalDecomposition.decompose(y, 12, Decomposition.Type.MULTIPLICATIVE);
        double[] s = d.seasonal(0);
        double last = y[y.length - 1] / s[y.length - 1];
        FittedModel fit = Models.create("naive2").fit(monthly("airpassengers"));
        assertThat(fit.parameters()).containsEntry("seasonal", true).containsEntry("season", 12);
        Forecast f = fit.forecast(14);
        for (int h = 0; h < 14; h++) {
            assertThat(f.mean(h)).isCloseTo(last * s[y.length - 12 + h % 12], within(1e-9));
        }
        // season=none: plain naive
        assertThat(Models.create("naive2(season=none)").fit(monthly("airpassengers")).forecast(3).mean())
                .containsOnly(y[y.length - 1]);
    }

    @Test
    void sesAndDampedOnANonSeasonalSeriesAreRsSesAndHolt() {
        Golden ses = Golden.read("ets/nile_ses.csv");
        Forecast f = Models.create("ses").fit(yearly("nile")).forecast(10);
        assertClose("ses", ses.values("mean", 10), f.mean(), 1e-3);
        Golden damped = Golden.read("ets/wwwusage_holt_damped.csv");
        Forecast d = Models.create("damped").fit(yearly("wwwusage")).forecast(10);
        assertClose("damped", damped.values("mean", 10), d.mean(), 0.02);
    }

    @Test
    void combIsTheMeanOfSesHoltAndDamped() {
        TimeSeries s = monthly("usaccdeaths");
        double[] c = Models.create("comb").fit(s).forecast(12).mean();
        double[] a = Models.create("ses").fit(s).forecast(12).mean();
        double[] b = Models.create("holt").fit(s).forecast(12).mean();
        double[] d = Models.create("damped").fit(s).forecast(12).mean();
        for (int h = 0; h < 12; h++) {
            assertThat(c[h]).isCloseTo((a[h] + b[h] + d[h]) / 3, within(1e-9));
        }
    }

    @Test
    void m4ThetaIsNeverNegative() {
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 - 1.7 * t + (t % 2);
        }
        TimeSeries s = TimeSeries.of("down", Instant.EPOCH, Frequency.ofMonths(12), y);
        Forecast f = Models.create("theta(variant=m4)").fit(s).forecast(40);
        assertThat(java.util.Arrays.stream(f.mean()).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(f.mean(39)).isEqualTo(0.0);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> Models.create("holt").fit(TimeSeries.ofValues("x", 1, 2, 3)))
                .hasMessage("series 'x' too short for holt: 3 points, need at least 10");
        assertThatThrownBy(() -> Models.create("ses(trend=1)")).hasMessageContaining("unknown parameter 'trend'");
    }
}
