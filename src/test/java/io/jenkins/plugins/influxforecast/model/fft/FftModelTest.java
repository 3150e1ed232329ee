package io.jenkins.plugins.influxforecast.model.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FftModelTest {

    static TimeSeries hourly(double[] y) {
        return TimeSeries.of("s", Instant.parse("2024-01-01T00:00:00Z"), Frequency.of(Duration.ofHours(1)), y);
    }

    @Test
    void dftOfAnyLengthEqualsTheDirectSum() {
        Random r = new Random(7);
        for (int n : new int[] {1, 2, 3, 5, 7, 12, 16, 24, 100, 127, 144, 1000, 1008}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian() * 10 + 3;
            }
            double[][] fast = Dft.forward(x);
            double[][] slow = Dft.direct(x);
            for (int k = 0; k < n; k++) {
                assertThat(fast[0][k]).as("re n=%d k=%d", n, k).isCloseTo(slow[0][k], within(1e-9 * n * 10));
                assertThat(fast[1][k]).as("im n=%d k=%d", n, k).isCloseTo(slow[1][k], within(1e-9 * n * 10));
            }
        }
    }

    @Test
    void pureSinusoidIsContinuedExactly() {
        // period 24, 240 points: bins 10 and 230 hold everything; keep=2 reproduces it
        int n = 240;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 5 * Math.sin(2 * Math.PI * t / 24 + 0.3);
        }
        Forecast f = Models.create("fft(keep=2, season=24)").fit(hourly(y)).forecast(48);
        for (int i = 0; i < 48; i++) {
            assertThat(f.mean(i)).isCloseTo(5 * Math.sin(2 * Math.PI * (n + i) / 24 + 0.3), within(1e-9));
        }
    }

    @Test
    void keepingOneBinOfAConjugatePairHalvesTheAmplitudeAsDartsDoes() {
        int n = 240;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 4 * Math.cos(2 * Math.PI * t / 24);
        }
        Forecast f = Models.create("fft(keep=1, season=24)").fit(hourly(y)).forecast(24);
        assertThat(f.mean(0)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void sinusoidPlusLinearTrend() {
        int n = 200;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 + 0.5 * t + 3 * Math.sin(2 * Math.PI * t / 20);
        }
        // the fitted line absorbs a little of the sinusoid (sum of t sin(t) is not zero), so the
        // forecast is close, not exact; it grows with the trend and keeps the phase
        Forecast f = Models.create("fft(keep=2, trend=poly, degree=1, season=20)").fit(hourly(y)).forecast(30);
        for (int i = 0; i < 30; i++) {
            int t = n + i;
            assertThat(f.mean(i)).isCloseTo(100 + 0.5 * t + 3 * Math.sin(2 * Math.PI * t / 20), within(0.5));
        }
        assertThat(f.mean(20) - f.mean(0)).isCloseTo(10, within(0.1));
        // a pure line plus a sinusoid fitted with the exact degree-3 polynomial of a cubic trend
        double[] c = new double[n];
        for (int t = 0; t < n; t++) {
            c[t] = 1e-4 * Math.pow(t - 100, 3);
        }
        Forecast cubic = Models.create("fft(keep=1, trend=poly, degree=3, season=none)").fit(hourly(c)).forecast(5);
        for (int i = 0; i < 5; i++) {
            assertThat(cubic.mean(i)).isCloseTo(1e-4 * Math.pow(n + i - 100, 3), within(1e-6));
        }
        // without detrending the forecast repeats the cropped window: no growth
        Forecast flat = Models.create("fft(keep=all, season=20)").fit(hourly(y)).forecast(181);
        assertThat(flat.mean(0)).isCloseTo(y[20], within(1e-9)); // 200 = 10 cycles: Darts crops one
        assertThat(flat.mean(180)).isCloseTo(flat.mean(0), within(1e-9));
    }

    @Test
    void exponentialTrend() {
        int n = 120;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 10 * Math.exp(0.01 * t);
        }
        Forecast f = Models.create("fft(keep=1, trend=exp, season=none)").fit(hourly(y)).forecast(5);
        for (int i = 0; i < 5; i++) {
            assertThat(f.mean(i)).isCloseTo(10 * Math.exp(0.01 * (n + i)), within(1e-6));
        }
    }

    @Test
    void cropsToWholeCyclesEndingAtTheForecastOrigin() {
        assertThat(FftModel.cropStart(100, 24)).isEqualTo(4);
        assertThat(FftModel.cropStart(96, 24)).isEqualTo(24); // Darts drops one whole cycle
        assertThat(FftModel.cropStart(10, 24)).isEqualTo(-1);
        // a sawtooth of period 7 over 50 points: after cropping 1 point the window is 7 whole cycles,
        // so keeping every bin repeats the last cycle exactly
        int n = 50;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = t % 7;
        }
        FittedModel fit = Models.create("fft(keep=all, season=7)").fit(hourly(y));
        assertThat(fit.parameters()).containsEntry("cropped", 1).containsEntry("length", 49);
        Forecast f = fit.forecast(14);
        for (int i = 0; i < 14; i++) {
            assertThat(f.mean(i)).isCloseTo((n + i) % 7, within(1e-9));
        }
        // without cropping, 50 points are not whole cycles and the continuation is out of phase
        Forecast un = Models.create("fft(keep=all, season=none)").fit(hourly(y)).forecast(1);
        assertThat(un.mean(0)).isCloseTo(y[0], within(1e-9));
        assertThat(un.mean(0)).isNotCloseTo(n % 7, within(0.5));
    }

    @Test
    void keepsTheLargestBins() {
        int n = 120;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 10 * Math.sin(2 * Math.PI * t / 12) + 0.1 * Math.sin(2 * Math.PI * t / 5);
        }
        FittedModel fit = Models.create("fft(keep=2, season=none)").fit(hourly(y));
        assertThat(fit.parameters().get("bins")).isEqualTo(java.util.List.of(10, 110));
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> Models.create("fft(keep=0)")).hasMessageContaining("parameter keep must be an integer");
        assertThatThrownBy(() -> Models.create("fft(trend=cubic)")).hasMessageContaining("one of none, poly, exp");
        assertThatThrownBy(() -> Models.create("fft(degree=2)")).hasMessageContaining("given only with trend=poly");
        assertThatThrownBy(() -> Models.create("fft(trend=exp)").fit(hourly(new double[] {1, 2, 0, 3, 4, 5})))
                .hasMessageContaining("fft(trend=exp) needs strictly positive values");
        assertThatThrownBy(() -> Models.create("fft").fit(hourly(new double[] {1, 2, 3})))
                .hasMessage("series 's' too short for fft: 3 points, need at least 5");
    }
}
