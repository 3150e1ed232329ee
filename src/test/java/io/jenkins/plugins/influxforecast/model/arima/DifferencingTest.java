package io.jenkins.plugins.influxforecast.model.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KPSS, seasonal strength, ndiffs and nsdiffs against R (golden/differencing.csv). */
class DifferencingTest {

    private static final Golden G = Golden.load("differencing.csv");

    @ParameterizedTest
    @ValueSource(strings = {"ar2", "randomwalk-drift", "airpassengers", "m4-h1-480"})
    void kpssAndNdiffsMatchR(String name) {
        double[] x = Golden.series(name);
        assertThat(Differencing.kpss(x)).isCloseTo(G.num("kpss." + name), within(1e-9 * Math.max(1, G.num("kpss." + name))));
        assertThat(Differencing.ndiffs(x, 2)).isEqualTo((int) G.num("ndiffs." + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"airpassengers", "m4-h1-480"})
    void seasonalStrengthAndNsdiffsMatchR(String name) {
        double[] x = Golden.series(name);
        int m = Golden.frequency(name);
        assertThat(Differencing.seasonalStrength(x, m)).isCloseTo(G.num("strength." + name), within(1e-6));
        assertThat(Differencing.nsdiffs(x, m, 1, Differencing::seasonalStrength)).isEqualTo((int) G.num("nsdiffs." + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"airpassengers"})
    void classicalFallbackAgreesOnAStronglySeasonalSeries(String name) {
        double[] x = Golden.series(name);
        assertThat(Differencing.classicalSeasonalStrength(x, 12)).isGreaterThan(0.64);
        assertThat(Differencing.seasonalStrength(new double[] {1, 2, 3}, 12)).isZero();
    }
}
