package io.jenkins.plugins.influxforecast.model.season;

import static io.jenkins.plugins.influxforecast.model.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.model.Golden;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityTest {

    static double[] hourly(int n, double dailyAmp, double weeklyAmp, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 + dailyAmp * Math.sin(2 * Math.PI * t / 24) + weeklyAmp * Math.sin(2 * Math.PI * t / 168)
                    + r.nextGaussian();
        }
        return y;
    }

    static TimeSeries ts(double[] y) {
        return TimeSeries.of("s", Instant.parse("2024-01-01T00:00:00Z"), Frequency.of(Duration.ofHours(1)), y);
    }

    @Test
    void acfMatchesR() {
        double[] r = Seasonality.acf(Golden.series("airpassengers"), 24);
        assertClose("acf", Golden.read("season/acf_airpassengers.csv").column("acf"), r, 1e-12);
    }

    @Test
    void m4TestFollowsItsFormula() {
        double[] y = Golden.series("airpassengers");
        double[] r = Seasonality.acf(y, 12);
        double limit = Seasonality.limit(r, 12, y.length);
        assertThat(Seasonality.m4Test(y, 12)).isEqualTo(Math.abs(r[11]) > limit);
        assertThat(Seasonality.m4Test(y, 12)).isTrue();
        // the Nile has no yearly cycle at lag 12
        assertThat(Seasonality.m4Test(Golden.series("nile"), 12)).isFalse();
    }

    @Test
    void m4TestNeedsThreeCyclesAndVariation() {
        double[] y = hourly(71, 10, 0, 1);
        assertThat(Seasonality.m4Test(y, 24)).isFalse();
        assertThat(Seasonality.m4Test(hourly(144, 10, 0, 1), 24)).isTrue();
        assertThat(Seasonality.m4Test(new double[100], 24)).isFalse();
        assertThat(Seasonality.m4Test(y, 1)).isFalse();
    }

    @Test
    void detectsDailyAndWeeklyCyclesFromTheFrequency() {
        TimeSeries both = ts(hourly(24 * 7 * 4, 10, 20, 2));
        assertThat(Seasonality.detect(both)).containsExactly(24, 168);
        TimeSeries daily = ts(hourly(24 * 7 * 4, 10, 0, 3));
        assertThat(Seasonality.detect(daily)).containsExactly(24);
        List<String> notes = new ArrayList<>();
        assertThat(Seasonality.detect(hourly(200, 10, 20, 4), List.of(24, 168), notes)).containsExactly(24);
        assertThat(notes).containsExactly("seasonal period 168 not tested: 200 points hold 1.2 cycles, the test needs 3 (504 points)");
    }

    @Test
    void specOverridesDetection() {
        TimeSeries s = ts(hourly(24 * 7 * 4, 10, 20, 5));
        assertThat(Seasonality.resolve(s, ModelSpec.parse("ets(season=none)")).periods()).isEmpty();
        assertThat(Seasonality.resolve(s, ModelSpec.parse("ets(season=12)")).periods()).containsExactly(12);
        assertThat(Seasonality.resolve(s, ModelSpec.parse("mstl(seasons=[168,24])")).periods()).containsExactly(24, 168);
        Seasonality.Periods auto = Seasonality.resolve(s, ModelSpec.parse("ets(season=auto)"));
        assertThat(auto.periods()).containsExactly(24, 168);
        assertThat(auto.explicit()).isFalse();
        assertThat(Seasonality.resolve(s, ModelSpec.parse("ets")).explicit()).isFalse();
        assertThatThrownBy(() -> Seasonality.choice(ModelSpec.parse("ets(season=daily)")))
                .hasMessageContaining("parameter season must be an integer");
        assertThatThrownBy(() -> Seasonality.choice(ModelSpec.parse("mstl(season=24,seasons=[24])")))
                .hasMessage("model mstl: give either season or seasons, not both");
    }
}
