package io.jenkins.plugins.influxforecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Specs that could not finish in a build are refused when the spec is read, with the allowed maximum. */
class ModelLimitsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "arima(p=100,q=100)                  | parameter p must be an integer from 0 to 20, got '100'",
        "arima(p=1,q=21)                     | parameter q must be an integer from 0 to 20, got '21'",
        "arima(p=1,P=5,season=12)            | parameter P must be an integer from 0 to 4, got '5'",
        "arima(p=1,Q=50,season=12)           | parameter Q must be an integer from 0 to 4, got '50'",
        "arima(p=1,D=3,season=12)            | parameter D must be an integer from 0 to 2, got '3'",
        "arima(p=1,P=3,season=168)           | with season 168 the AR polynomial has degree p + P*season = 505, above the maximum 400",
        "arima(q=2,Q=4,season=100)           | with season 100 the MA polynomial has degree q + Q*season = 402, above the maximum 400",
        "arima(max_p=50)                     | parameter max_p must be an integer from 0 to 20, got '50'",
        "arima(max_P=9)                      | parameter max_P must be an integer from 0 to 4, got '9'",
        "arima(max_order=100)                | parameter max_order must be an integer from 0 to 40, got '100'",
        "arima(max_D=5)                      | parameter max_D must be an integer from 0 to 2, got '5'",
        "arima(fourier=[8766],k=[1000])      | parameter k must be integers from 1 to 100, got '[1000]'",
        "ets(model=ANN,maxeval=10000000)     | parameter maxeval must be an integer from 10 to 100000, got '10000000'",
    })
    void explodingOrdersAreRefusedWithTheMaximum(String spec, String message) {
        assertThatThrownBy(() -> Models.create(spec)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void theMaximaThemselvesAreAccepted() {
        Models.create("arima(p=20,d=2,q=20)");
        Models.create("arima(p=1,P=2,Q=2,D=2,season=168)");
        Models.create("arima(max_p=20,max_q=20,max_P=4,max_Q=4,max_order=40,max_d=2,max_D=2)");
        Models.create("ets(model=ANN,maxeval=100000)");
        StringBuilder fifty = new StringBuilder("ensemble(naive");
        for (int i = 1; i < 49; i++) {
            fifty.append(",naive");
        }
        Models.create(fifty.append(')').toString());
    }

    @Test
    void aSeasonFromTheFrequencyIsCheckedAtFit() {
        double[] y = new double[400];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 5.0) + i % 7;
        }
        TimeSeries hourly = TimeSeries.of("x", Map.of(), Instant.parse("2026-01-01T00:00:00Z"), Frequency.parse("1h"), y);
        TimeSeries tenMinutes = TimeSeries.of("x", Map.of(), Instant.parse("2026-01-01T00:00:00Z"), Frequency.parse("10m"), y);
        // 10m has a natural season of 144: P=3 gives 1 + 3*144 = 433
        assertThatThrownBy(() -> Models.create("arima(p=1,P=3,D=0,Q=0)").fit(tenMinutes))
                .hasMessageContaining("with season 144 the AR polynomial has degree p + P*season = 433, above the maximum 400");
        // given explicitly, the season is checked when the spec is read; from the frequency, at fit
        assertThat(Models.create("arima(p=1,P=2,D=0,Q=0)").fit(hourly).spec().toString()).contains("P=2");
    }

    @Test
    void tooManyModelsOrAnEndlessSpecAreRefused() {
        StringBuilder many = new StringBuilder("ensemble(naive");
        for (int i = 1; i < 60; i++) {
            many.append(",naive");
        }
        String sixty = many.append(')').toString();
        assertThatThrownBy(() -> Models.create(sixty)).hasMessageContaining("names 61 models (ensemble members and auto candidates"
                + " counted), above the maximum 50");
        assertThatThrownBy(() -> Models.create("ensemble(" + "ensemble(naive,naive,naive,naive,naive,naive,naive,naive),".repeat(6)
                + "naive)")).hasMessageContaining("names 56 models");
        String deep = "ensemble(".repeat(5000) + "naive" + ")".repeat(5000);
        assertThatThrownBy(() -> Models.create(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 50005 characters long, above the maximum 2000").hasMessageContaining("... (50005 characters)");
        // as deep as the length allows: parsed, then refused for its count, no stack overflow
        String nested = "ensemble(".repeat(199) + "naive" + ")".repeat(199);
        assertThat(nested.length()).isLessThanOrEqualTo(2000);
        assertThatThrownBy(() -> Models.create(nested)).isInstanceOf(IllegalArgumentException.class);
    }
}
