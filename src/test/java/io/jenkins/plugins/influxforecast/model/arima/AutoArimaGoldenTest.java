package io.jenkins.plugins.influxforecast.model.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The automatic search against R's forecast::auto.arima (golden files made by make-arima-golden.R). */
class AutoArimaGoldenTest {

    @ParameterizedTest
    @CsvSource({"auto-airpassengers.csv, 1mo, arima", "auto-rw-drift.csv, 1d, arima(season=none)",
        "auto-ar2.csv, 1d, arima(season=none)"})
    void choosesRsModelAndMatchesItsFit(String file, String freq, String spec) {
        Golden g = Golden.load(file);
        double[] y = g.input();
        TimeSeries s = TimeSeries.of("y", Instant.parse("2000-01-01T00:00:00Z"), Frequency.parse(freq), y);
        FittedModel fit = Models.create(spec).fit(s);
        FittedArima fa = (FittedArima) fit;
        ArimaFit af = fa.arimaFit();
        ArimaOrder want = g.order();
        assertThat(af.order()).as(file + " order").isEqualTo(want);
        for (String key : g.coefKeys()) {
            double v = coefficient(fit.parameters(), key);
            assertThat(v).as(file + " " + key).isCloseTo(g.num("coef." + key), within(2e-3 * Math.max(1, Math.abs(v))));
        }
        assertThat(af.loglik()).as(file + " loglik").isCloseTo(g.num("loglik"), within(0.01));
        assertThat(af.aicc()).as(file + " aicc").isCloseTo(g.num("aicc"), within(0.02));
        int h = 0;
        while (g.values.containsKey("mean." + (h + 1))) {
            h++;
        }
        Forecast f = fit.forecast(h, 80, 95);
        double scale = Math.abs(g.num("mean.1"));
        for (int j = 0; j < h; j++) {
            assertThat(f.mean(j)).as(file + " mean " + (j + 1)).isCloseTo(g.num("mean." + (j + 1)), within(2e-3 * scale));
            assertThat(f.lower(95)[j]).as(file + " lower95 " + (j + 1)).isCloseTo(g.num("lower95." + (j + 1)), within(3e-3 * scale));
            assertThat(f.upper(80)[j]).as(file + " upper80 " + (j + 1)).isCloseTo(g.num("upper80." + (j + 1)), within(3e-3 * scale));
        }
    }

    @SuppressWarnings("unchecked")
    private static double coefficient(Map<String, Object> params, String key) {
        Map<String, Object> c = (Map<String, Object>) params.get("coefficients");
        Object v = c.get(key);
        assertThat(v).as("coefficient " + key + " in " + c).isNotNull();
        return ((Number) v).doubleValue();
    }
}
