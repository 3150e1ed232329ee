package io.jenkins.plugins.influxforecast.model.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arima model specs: parameters, choices, degradations and bad input. */
class ArimaModelTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static TimeSeries hourly(double[] y) {
        return TimeSeries.of("load", T0, Frequency.parse("1h"), y);
    }

    /** A daily cycle plus AR(1) noise, hourly. */
    private static double[] dailyCycle(int n, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        double e = 0;
        for (int t = 0; t < n; t++) {
            e = 0.6 * e + rnd.nextGaussian();
            y[t] = 100 + 20 * Math.sin(2 * Math.PI * t / 24) + 5 * Math.cos(4 * Math.PI * t / 24) + e;
        }
        return y;
    }

    @Test
    void fixedOrdersAreKeptCaseSensitively() {
        FittedModel f = Models.create("arima(p=1,d=0,q=1,P=0,D=1,Q=1,season=24)").fit(hourly(dailyCycle(24 * 20, 1)));
        assertThat(f.spec().toString()).isEqualTo("arima(p=1,d=0,q=1,P=0,D=1,Q=1,season=24,drift=false)");
        assertThat(f.parameters().get("order")).isEqualTo("ARIMA(1,0,1)(0,1,1)[24]");
        @SuppressWarnings("unchecked")
        Map<String, Object> coef = (Map<String, Object>) f.parameters().get("coefficients");
        assertThat(coef).containsOnlyKeys("ar1", "ma1", "sma1");
        assertThat((Double) coef.get("ar1")).isBetween(0.3, 0.9);
        assertThat((Double) coef.get("sma1")).isBetween(-1.0, -0.5);
    }

    @Test
    void seasonDefaultsToTheDailyCycleOfTheFrequency() {
        FittedModel f = Models.create("arima").fit(hourly(dailyCycle(24 * 12, 2)));
        assertThat(f.spec().params()).containsEntry("season", "24");
        Forecast fc = f.forecast(48, 80, 95);
        double[] truth = new double[48];
        for (int j = 0; j < 48; j++) {
            int t = 24 * 12 + j;
            truth[j] = 100 + 20 * Math.sin(2 * Math.PI * t / 24) + 5 * Math.cos(4 * Math.PI * t / 24);
        }
        for (int j = 0; j < 48; j++) {
            assertThat(fc.mean(j)).isCloseTo(truth[j], within(6.0));
            assertThat(fc.lower(95)[j]).isLessThan(fc.lower(80)[j]);
            assertThat(fc.upper(95)[j]).isGreaterThan(fc.upper(80)[j]);
        }
        // intervals widen with the horizon
        assertThat(fc.upper(95)[47] - fc.lower(95)[47]).isGreaterThanOrEqualTo(fc.upper(95)[0] - fc.lower(95)[0]);
    }

    @Test
    void autoarimaWithSeasonLengthIsThePipelineForm() {
        FittedModel f = Models.create("autoarima(season_length=24)").fit(hourly(dailyCycle(24 * 10, 3)));
        assertThat(f.spec().name()).isEqualTo("autoarima");
        assertThat(f.spec().params()).containsEntry("season", "24");
        assertThatThrownBy(() -> Models.create("autoarima(p=1)")).hasMessageContaining("chooses the orders itself");
    }

    @Test
    void randomWalkWithDriftGetsDrift() {
        Random rnd = new Random(5);
        double[] y = new double[300];
        for (int t = 1; t < y.length; t++) {
            y[t] = y[t - 1] + 1.0 + rnd.nextGaussian();
        }
        FittedModel f = Models.create("arima(season=none)").fit(hourly(y));
        assertThat(f.spec().params()).containsEntry("d", "1").containsEntry("drift", "true");
        Forecast fc = f.forecast(10);
        assertThat(fc.mean(9) - y[299]).isCloseTo(10.0, within(3.0));
        FittedModel nodrift = Models.create("arima(season=none,drift=false)").fit(hourly(y));
        assertThat(nodrift.spec().params()).doesNotContainEntry("drift", "true");
    }

    @Test
    void seasonLongerThanHalfTheSeriesIsDroppedWithAWarning() {
        FittedModel f = Models.create("arima(season=168)").fit(hourly(dailyCycle(200, 4)));
        assertThat(f.warnings()).anyMatch(w -> w.contains("season 168 dropped") && w.contains("200 points"));
        assertThat(f.parameters()).containsEntry("seasonDropped", 168);
        assertThat(f.spec().params()).doesNotContainKey("season");
    }

    @Test
    void fixedSeasonalModelOnTooShortASeriesNamesTheMinimum() {
        assertThatThrownBy(() -> Models.create("arima(p=1,D=1,Q=1,season=24)").fit(hourly(dailyCycle(30, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short").hasMessageContaining("30 points").hasMessageContaining("need at least 48");
        assertThatThrownBy(() -> Models.create("arima(p=3,q=2,season=none)").fit(hourly(dailyCycle(8, 5))))
                .hasMessageContaining("8 points, need at least");
        assertThatThrownBy(() -> Models.create("arima").fit(hourly(new double[] {1, 2, 3})))
                .hasMessageContaining("3 points, need at least 4");
    }

    @Test
    void missingValuesAreRejectedClearly() {
        double[] y = dailyCycle(100, 6);
        y[50] = Double.NaN;
        assertThatThrownBy(() -> Models.create("arima").fit(hourly(y))).hasMessageContaining("1 missing values");
        double[] all = new double[50];
        java.util.Arrays.fill(all, Double.NaN);
        assertThatThrownBy(() -> Models.create("arima").fit(hourly(all))).hasMessageContaining("no finite values");
    }

    @Test
    void nonConvergenceRestartsAndIsReported() {
        // white noise with far too many coefficients: this draw makes the likelihood search stall
        Random rnd = new Random(9);
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = rnd.nextGaussian();
        }
        FittedModel f = Models.create("arima(p=5,q=5,season=none)").fit(hourly(y));
        assertThat(f.warnings()).anyMatch(w -> w.contains("did not converge") && w.contains("restarted"));
        assertThat(f.parameters()).containsEntry("converged", true);
    }

    @Test
    void constantSeriesGivesTheConstant() {
        double[] y = new double[60];
        java.util.Arrays.fill(y, 7.5);
        FittedModel f = Models.create("arima").fit(hourly(y));
        Forecast fc = f.forecast(5, 95);
        for (int j = 0; j < 5; j++) {
            assertThat(fc.mean(j)).isCloseTo(7.5, within(1e-9));
        }
        assertThat(f.warnings()).anyMatch(w -> w.contains("constant series"));
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> Models.create("arima(p=-1)")).hasMessageContaining("parameter p must be an integer from 0 to 20");
        assertThatThrownBy(() -> Models.create("arima(ic=xyz)")).hasMessageContaining("ic must be one of aicc, aic, bic");
        assertThatThrownBy(() -> Models.create("arima(foo=1)")).hasMessageContaining("unknown parameter 'foo'");
        assertThatThrownBy(() -> Models.create("arima(season=24,season_length=24)")).hasMessageContaining("not both");
        assertThatThrownBy(() -> Models.create("arima(fourier=[24],k=[13])")).hasMessageContaining("at most 12");
        assertThatThrownBy(() -> Models.create("arima(P=1,season=none)")).hasMessageContaining("need a season");
    }

    @Test
    void searchOptionsChangeTheSearch() {
        TimeSeries s = hourly(dailyCycle(24 * 8, 7));
        Map<String, Object> stepwise = Models.create("arima").fit(s).parameters();
        Map<String, Object> exhaustive = Models.create("arima(stepwise=false,max_order=3,approximation=true)").fit(s).parameters();
        assertThat(stepwise.get("search").toString()).contains("stepwise=true");
        assertThat(exhaustive.get("search").toString()).contains("stepwise=false");
        Map<String, Object> bic = Models.create("arima(ic=bic)").fit(s).parameters();
        assertThat(bic.get("search").toString()).contains("ic=bic");
        FittedModel d0 = Models.create("arima(d=0,D=0,max_P=0,max_Q=0)").fit(s);
        assertThat(d0.spec().params()).containsEntry("d", "0").containsEntry("D", "0").containsEntry("P", "0")
                .containsEntry("Q", "0");
    }

    @Test
    void fourierTermsModelTwoSeasons() {
        int n = 24 * 7 * 4;
        Random rnd = new Random(9);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + 6 * Math.sin(2 * Math.PI * t / 168) + rnd.nextGaussian();
        }
        FittedModel f = Models.create("arima(fourier=[24,168])").fit(hourly(y));
        @SuppressWarnings("unchecked")
        Map<String, Object> k = (Map<String, Object>) f.parameters().get("fourier");
        assertThat(k).containsKeys("24", "168");
        Forecast fc = f.forecast(24);
        for (int j = 0; j < 24; j++) {
            int t = n + j;
            double truth = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + 6 * Math.sin(2 * Math.PI * t / 168);
            assertThat(fc.mean(j)).isCloseTo(truth, within(3.0));
        }
        FittedModel fixedK = Models.create("arima(fourier=[24,168],k=[1,1])").fit(hourly(y));
        assertThat(fixedK.parameters().get("fourier").toString()).isEqualTo("{24=1, 168=1}");
    }

    @Test
    void longSeasonUsesFourierTermsWithAWarning() {
        int n = 144 * 5;
        Random rnd = new Random(10);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 10 + 3 * Math.sin(2 * Math.PI * t / 144) + 0.3 * rnd.nextGaussian();
        }
        FittedModel f = Models.create("arima").fit(TimeSeries.of("p", T0, Frequency.parse("10m"), y));
        assertThat(f.warnings()).anyMatch(w -> w.contains("season 144") && w.contains("Fourier"));
        assertThat(f.parameters()).containsEntry("seasonHandledBy", "fourier");
    }
}
