package io.jenkins.plugins.influxforecast.model.season;

import static io.jenkins.plugins.influxforecast.model.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.model.Golden;
import org.junit.jupiter.api.Test;

/** Classical decomposition, STL and MSTL against R (golden files made by make-golden.R). */
class DecompositionGoldenTest {

    @Test
    void classicalMultiplicativeMatchesDecompose() {
        check("airpassengers_multiplicative", Golden.series("airpassengers"), 12, Decomposition.Type.MULTIPLICATIVE);
    }

    @Test
    void classicalAdditiveMatchesDecompose() {
        check("usaccdeaths_additive", Golden.series("usaccdeaths"), 12, Decomposition.Type.ADDITIVE);
        check("nottem_additive", Golden.series("nottem"), 12, Decomposition.Type.ADDITIVE);
    }

    private static void check(String name, double[] x, int m, Decomposition.Type type) {
        Golden g = Golden.read("decompose/" + name + ".csv");
        Decomposition d = ClassicalDecomposition.decompose(x, m, type);
        assertClose(name + " trend", g.column("trend"), d.trend(), 1e-10);
        assertClose(name + " seasonal", g.column("seasonal"), d.seasonal(0), 1e-10);
        assertClose(name + " random", g.column("random"), d.remainder(), 1e-8);
    }

    @Test
    void classicalNeedsTwoCycles() {
        assertThatThrownBy(() -> ClassicalDecomposition.decompose(new double[23], 12, Decomposition.Type.ADDITIVE))
                .hasMessage("series too short for classical decomposition with period 12: 23 points, need at least 24");
    }

    @Test
    void stlMatchesR() {
        stl("nottem_s7", "nottem", 12, Stl.Options.of(7));
        stl("co2_s21", "co2", 12, Stl.Options.of(21));
        stl("co2_periodic", "co2", 12, Stl.Options.of(Stl.Options.PERIODIC));
        stl("usaccdeaths_s13_t21_deg1", "usaccdeaths", 12, Stl.Options.of(13).withSeasonalDegree(1).withTrendWindow(21));
    }

    @Test
    void robustStlMatchesR() {
        double[] x = Golden.series("airpassengers");
        double[] logx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logx[i] = Math.log(x[i]);
        }
        Golden g = Golden.read("stl/airpassengers_log_robust.csv");
        Stl.Result r = Stl.fit(logx, 12, Stl.Options.of(11).robust());
        assertClose("robust seasonal", g.column("seasonal"), r.decomposition().seasonal(0), 1e-8);
        assertClose("robust trend", g.column("trend"), r.decomposition().trend(), 1e-8);
        assertClose("robust weights", g.column("weights"), r.weights(), 1e-8);
        assertThat(r.weights()).contains(1.0);
    }

    private static void stl(String name, String series, int m, Stl.Options o) {
        Golden g = Golden.read("stl/" + name + ".csv");
        Decomposition d = Stl.decompose(Golden.series(series), m, o);
        assertClose(name + " seasonal", g.column("seasonal"), d.seasonal(0), 1e-8);
        assertClose(name + " trend", g.column("trend"), d.trend(), 1e-8);
        assertClose(name + " remainder", g.column("remainder"), d.remainder(), 1e-6);
    }

    @Test
    void stlNeedsMoreThanTwoCycles() {
        assertThatThrownBy(() -> Stl.decompose(new double[24], 12, Stl.Options.of(7)))
                .hasMessage("series too short for STL with period 12: 24 points, need at least 25");
    }

    @Test
    void mstlMatchesRWithTwoPeriods() {
        Golden g = Golden.read("mstl/taylor2016.csv");
        Decomposition d = Mstl.decompose(Golden.series("taylor2016"), 48, 336);
        assertThat(d.periods()).containsExactly(48, 336);
        assertClose("trend", g.column("Trend"), d.trend(), 1e-8);
        assertClose("seasonal48", g.column("Seasonal48"), d.seasonal(0), 1e-7);
        assertClose("seasonal336", g.column("Seasonal336"), d.seasonal(1), 1e-7);
        assertClose("remainder", g.column("Remainder"), d.remainder(), 1e-6);
    }

    @Test
    void mstlMatchesRWithOnePeriod() {
        Golden g = Golden.read("mstl/usaccdeaths.csv");
        Decomposition d = Mstl.decompose(Golden.series("usaccdeaths"), 12);
        assertClose("trend", g.column("Trend"), d.trend(), 1e-8);
        assertClose("seasonal", g.column("Seasonal12"), d.seasonal(0), 1e-8);
    }

    @Test
    void seasonalForecastRepeatsTheLastCycleOfEachComponent() {
        double[] y = new double[40];
        double[] s1 = new double[40];
        double[] s2 = new double[40];
        for (int t = 0; t < 40; t++) {
            s1[t] = t % 4;
            s2[t] = 10 * (t % 10);
        }
        Decomposition d = new Decomposition(Decomposition.Type.ADDITIVE, new int[] {4, 10}, y, new double[40],
                new double[][] {s1, s2}, new double[40]);
        double[] f = d.seasonalForecast(12);
        for (int i = 0; i < 12; i++) {
            int t = 40 + i;
            assertThat(f[i]).isEqualTo((t % 4) + 10 * (t % 10));
        }
    }
}
