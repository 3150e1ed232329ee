package io.jenkins.plugins.influxforecast.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktesterTest {

    private static TimeSeries ramp(int n) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = t;
        }
        return TimeSeries.of("ramp", Instant.parse("2024-01-01T00:00:00Z"), Frequency.parse("1h"), y);
    }

    @Test
    void windowsEndAtTheSeriesEndAndLieOneStepApart() {
        List<Backtester.Window> w = Backtester.windows(ramp(200), new Backtester.Plan(24, 3, 24, 48));
        assertThat(w).extracting(Backtester.Window::origin).containsExactly(128, 152, 176);
        assertThat(w.get(2).actual()).hasSize(24);
        assertThat(w.get(2).actual()[23]).isEqualTo(199);
        assertThat(w.get(0).train().size()).isEqualTo(128);
    }

    @Test
    void planOfPutsOriginsAtLeastOneSeasonApart() {
        Backtester.Plan p = Backtester.Plan.of(12, 3, 24);
        assertThat(p.step()).isEqualTo(24);
        assertThat(p.minTrain()).isEqualTo(48);
        assertThat(Backtester.Plan.of(48, 3, 24).step()).isEqualTo(48);
    }

    @Test
    void dropsWindowsThatWouldLeaveTooLittleTrainingData() {
        List<Backtester.Window> w = Backtester.windows(ramp(100), new Backtester.Plan(24, 5, 24, 40));
        assertThat(w).extracting(Backtester.Window::origin).containsExactly(52, 76);
        assertThatThrownBy(() -> Backtester.windows(ramp(50), new Backtester.Plan(24, 3, 24, 40)))
                .hasMessageContaining("too short for a backtest").hasMessageContaining("need at least 64");
    }

    @Test
    void skipsWindowsWhoseActualsAreAllMissing() {
        double[] y = ramp(200).values();
        for (int t = 152; t < 176; t++) {
            y[t] = Double.NaN;
        }
        TimeSeries s = ramp(200).withValues(y);
        List<Backtester.Window> w = Backtester.windows(s, new Backtester.Plan(24, 3, 24, 48));
        assertThat(w).extracting(Backtester.Window::origin).containsExactly(128, 176);
        double[] all = new double[100];
        java.util.Arrays.fill(all, 60, 100, Double.NaN);
        for (int t = 0; t < 60; t++) {
            all[t] = t;
        }
        assertThatThrownBy(() -> Backtester.windows(ramp(100).withValues(all), new Backtester.Plan(20, 2, 20, 30)))
                .hasMessageContaining("every backtest window is missing");
    }

    /**
     * A spy model records every series it is fitted on: each must end right before its window's origin
     * and hold none of the values the window is scored on. A leaking split fails this test.
     */
    @Test
    void aSplitNeverShowsTheModelItsFuture() {
        TimeSeries s = ramp(300);
        List<TimeSeries> seen = new ArrayList<>();
        ForecastModel spy = new ForecastModel() {
            @Override
            public ModelSpec spec() {
                return ModelSpec.parse("spy");
            }

            @Override
            public FittedModel fit(TimeSeries series) {
                synchronized (seen) {
                    seen.add(series);
                }
                return Models.create("naive").fit(series);
            }
        };
        List<Backtester.Window> windows = Backtester.windows(s, new Backtester.Plan(24, 4, 24, 48));
        List<Backtester.WindowResult> results = Backtester.run(spy, windows, 24);
        assertThat(seen).hasSize(4);
        for (int i = 0; i < windows.size(); i++) {
            Backtester.Window w = windows.get(i);
            TimeSeries train = seen.get(i);
            assertThat(train.size()).isEqualTo(w.origin());
            assertThat(train.end()).isBefore(s.time(w.origin()));
            double maxSeen = train.get(train.size() - 1);
            for (double a : w.actual()) {
                assertThat(a).isGreaterThan(maxSeen);
            }
            // the naive forecast is the last seen value: it equals the value before the origin
            assertThat(results.get(i).forecast().mean(0)).isEqualTo(s.get(w.origin() - 1));
        }
    }

    @Test
    void masIsScaledByEachWindowsOwnHistory() {
        TimeSeries s = ramp(120);
        List<Backtester.Window> windows = Backtester.windows(s, new Backtester.Plan(10, 2, 10, 50));
        List<Backtester.WindowResult> r = Backtester.run(Models.create("naive"), windows, 1);
        // naive on a unit ramp: errors 1..10 (mean 5.5), in-sample naive MAE 1
        assertThat(r.get(0).mase()).isEqualTo(5.5);
        assertThat(r.get(1).mase()).isEqualTo(5.5);
        List<Backtester.WindowResult> drift = Backtester.run(Models.create("drift"), windows, 1);
        assertThat(drift.get(0).mase()).isLessThan(1e-9);
    }
}
