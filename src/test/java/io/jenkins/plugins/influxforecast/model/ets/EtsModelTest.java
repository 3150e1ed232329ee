package io.jenkins.plugins.influxforecast.model.ets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.Golden;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtsModelTest {

    static TimeSeries monthly(String name) {
        return TimeSeries.of(name, Instant.parse("1949-01-01T00:00:00Z"), Frequency.ofMonths(1), Golden.series(name));
    }

    static TimeSeries yearly(String name) {
        return TimeSeries.of(name, Instant.parse("1871-01-01T00:00:00Z"), Frequency.ofMonths(12), Golden.series(name));
    }

    static TimeSeries hourly(double[] y) {
        return TimeSeries.of("h", Instant.parse("2024-01-01T00:00:00Z"), Frequency.of(Duration.ofHours(1)), y);
    }

    static double[] seasonalHourly(int n, int period, double level, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = level + 0.02 * t + 10 * Math.sin(2 * Math.PI * t / period) + 4 * Math.cos(4 * Math.PI * t / period) + r.nextGaussian();
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"airpassengers, true", "usaccdeaths, true", "nile, false", "wwwusage, false"})
    void automaticSelectionFindsAnAiccAtLeastAsLowAsRs(String name, boolean monthly) {
        Golden g = Golden.read("ets/" + name + "_auto.csv");
        FittedModel fit = Models.create("ets").fit(monthly ? monthly(name) : yearly(name));
        EtsFit ets = ((EtsModel.Fitted) fit).etsFit();
        assertThat(ets.aicc()).as(name + ": ours " + ets.type() + ", R " + g.keyValues().get("method"))
                .isLessThanOrEqualTo(g.value("aicc") + 0.5);
        assertThat(fit.spec().toString()).startsWith("ets(model=" + ets.type().code());
        assertThat(fit.parameters()).containsKeys("method", "alpha", "aicc", "candidates");
    }

    @Test
    void fixedTypeAndHoltWintersConfiguration() {
        FittedModel f = Models.create("ets(model=AAdA)").fit(monthly("usaccdeaths"));
        assertThat(f.spec().toString()).isEqualTo("ets(model=AAdA,season=12)");
        assertThat(f.parameters()).containsKeys("phi", "gamma", "beta");
        FittedModel hw = Models.create("holtwinters").fit(monthly("usaccdeaths"));
        assertThat(((EtsModel.Fitted) hw).etsFit().type().code()).isEqualTo("AAA");
        FittedModel hwm = Models.create("holtwinters(seasonal=multiplicative, damped=true)").fit(monthly("airpassengers"));
        assertThat(((EtsModel.Fitted) hwm).etsFit().type().code()).isEqualTo("MAdM");
        FittedModel ses = Models.create("ets(model=ANN, alpha=0.3)").fit(yearly("nile"));
        assertThat(((EtsModel.Fitted) ses).etsFit().alpha()).isEqualTo(0.3);
    }

    @Test
    void intervalsWidenWithTheHorizon() {
        Forecast f = Models.create("ets(model=MAM)").fit(monthly("airpassengers")).forecast(24, 80, 95);
        double[] lo = f.lower(95);
        double[] hi = f.upper(95);
        assertThat(hi[23] - lo[23]).isGreaterThan(hi[0] - lo[0]);
        assertThat(f.lower(80)[5]).isGreaterThan(lo[5]);
    }

    @Test
    void seasonalEtsTakesPeriod168() {
        double[] y = seasonalHourly(168 * 3, 168, 100, 1);
        FittedModel f = Models.create("ets(model=AAA, season=168)").fit(hourly(y));
        EtsFit e = ((EtsModel.Fitted) f).etsFit();
        assertThat(e.period()).isEqualTo(168);
        assertThat(e.initialState()).hasSize(2 + 168);
        Forecast fc = f.forecast(168, 95);
        // the forecast follows the cycle: its range is close to the data's cycle amplitude
        double max = java.util.Arrays.stream(fc.mean()).max().orElseThrow();
        double min = java.util.Arrays.stream(fc.mean()).min().orElseThrow();
        assertThat(max - min).isBetween(20.0, 35.0);
        // multiplicative season above 24: simulated intervals
        Forecast m = Models.create("ets(model=MNM, season=168)").fit(hourly(y)).forecast(10, 90);
        assertThat(m.upper(90)[0]).isGreaterThan(m.mean(0));
        assertThat(m.lower(90)[0]).isLessThan(m.mean(0));
    }

    @Test
    void tooShortForTheSeasonSaysHowManyPointsAreNeeded() {
        double[] y = seasonalHourly(20, 12, 50, 2);
        assertThatThrownBy(() -> Models.create("ets(model=AAA, season=12)").fit(hourly(y)))
                .hasMessage("series 'h' too short for ETS(A,A,A) with period 12: 20 points, need at least 21");
        assertThatThrownBy(() -> Models.create("ets(model=ANA, season=24)").fit(hourly(y)))
                .hasMessage("series too short for seasonal ETS(A,N,A) with period 24: 20 points, need at least 31");
        // automatic: the seasonal candidates are skipped
        FittedModel auto = Models.create("ets(season=12)").fit(hourly(y));
        assertThat(((EtsModel.Fitted) auto).etsFit().type().seasonal()).isFalse();
    }

    @Test
    void aSeasonalTypeUsesTheFrequencysCycleWhenTheTestFindsNone() {
        Random r = new Random(9);
        double[] y = new double[24 * 10];
        for (int t = 0; t < y.length; t++) {
            y[t] = 50 + r.nextGaussian();
        }
        FittedModel f = Models.create("holtwinters").fit(hourly(y));
        assertThat(((EtsModel.Fitted) f).etsFit().period()).isEqualTo(24);
        assertThat((java.util.List<?>) f.parameters().get("notes"))
                .anyMatch(n -> n.toString().startsWith("no significant seasonality found; period 24"));
        // automatic selection stays non-seasonal
        assertThat(((EtsModel.Fitted) Models.create("ets").fit(hourly(y))).etsFit().type().seasonal()).isFalse();
        // a series without a natural cycle (1s steps) still fails clearly
        assertThatThrownBy(() -> Models.create("holtwinters").fit(TimeSeries.ofValues("v", y)))
                .hasMessageContaining("needs a seasonal period: none was found");
    }

    @Test
    void periodsAbove168GoThroughMstl() {
        double[] y = seasonalHourly(600, 200, 50, 3);
        assertThatThrownBy(() -> Models.create("ets(model=AAA, season=200)").fit(hourly(y)))
                .hasMessage("seasonal ETS takes periods up to 168, got 200; use mstl(ets, seasons=[200])");
        FittedModel auto = Models.create("ets(season=200)").fit(hourly(y));
        assertThat(auto.warnings()).anyMatch(w -> w.startsWith("seasonality dropped: period 200 is above 168"));
    }

    @Test
    void constantSeries() {
        double[] y = new double[50];
        java.util.Arrays.fill(y, 7.5);
        FittedModel f = Models.create("ets").fit(hourly(y));
        assertThat(f.warnings()).contains("series is constant: forecasting its value");
        Forecast fc = f.forecast(5, 95);
        assertThat(fc.mean()).containsOnly(7.5);
        assertThat(fc.upper(95)).containsOnly(7.5);
    }

    @Test
    void nonPositiveValuesDropMultiplicativeTypesOrFailForAFixedOne() {
        double[] y = seasonalHourly(200, 24, 0, 4); // crosses zero
        FittedModel auto = Models.create("ets").fit(hourly(y));
        assertThat(auto.warnings()).anyMatch(w -> w.startsWith("multiplicative ETS types skipped: the series has values <= 0"));
        assertThat(((EtsModel.Fitted) auto).etsFit().type().multiplicative()).isFalse();
        assertThatThrownBy(() -> Models.create("ets(model=MAM)").fit(hourly(y)))
                .hasMessageStartingWith("ETS(M,A,M) needs strictly positive values; series 'h' has a minimum of -");
    }

    @Test
    void optimiserBudgetExhaustedIsReported() {
        FittedModel f = Models.create("ets(model=AAdA, maxeval=20)").fit(monthly("usaccdeaths"));
        assertThat(f.parameters()).containsEntry("converged", false);
        assertThat(f.warnings()).anyMatch(w -> w.startsWith("the optimiser did not meet its tolerance for ETS(A,Ad,A)") && w.contains("budget 20"));
        assertThat(java.util.Arrays.stream(f.forecast(12).mean()).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void fallsBackToARandomWalkWhenNothingCanBeEstimated() {
        FittedModel f = Models.create("ets").fit(hourly(new double[] {3, 5, 4, 6}));
        assertThat(f.warnings()).anyMatch(w -> w.contains("fell back to a random walk"));
        assertThat(f.forecast(3).mean()[0]).isCloseTo(6, within(1e-3));
    }

    @Test
    void badSpecs() {
        assertThatThrownBy(() -> Models.create("ets(model=AMN)")).hasMessageContaining("multiplicative trends are not supported");
        assertThatThrownBy(() -> Models.create("ets(model=ANM)")).hasMessageContaining("additive errors with multiplicative seasonality");
        assertThatThrownBy(() -> Models.create("ets(model=AAdA, damped=false)")).hasMessageContaining("damped=false");
        assertThatThrownBy(() -> Models.create("ets(alpha=1.5)")).hasMessageContaining("parameter alpha must be a number from");
        assertThatThrownBy(() -> Models.create("ets(alpha=0.2, beta=0.3)")).hasMessageContaining("at most alpha");
        assertThatThrownBy(() -> Models.create("ets(seasons=[24,168])")).hasMessageContaining("use mstl(ets, seasons=[...])");
        assertThatThrownBy(() -> Models.create("ets(ic=xyz)")).hasMessageContaining("one of aicc, aic, bic");
    }
}
