package io.jenkins.plugins.influxforecast.model.theta;

import static io.jenkins.plugins.influxforecast.model.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.Golden;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Theta against R's thetaf (golden files made by make-golden.R). */
class ThetaGoldenTest {

    static TimeSeries series(String name, boolean monthly) {
        double[] y = Golden.series(name);
        return TimeSeries.of(name, Instant.parse("1949-01-01T00:00:00Z"), monthly ? Frequency.ofMonths(1) : Frequency.ofMonths(12), y);
    }

    @ParameterizedTest
    @CsvSource({"airpassengers, true, 24, true", "usaccdeaths, true, 24, true", "nile, false, 10, false", "wwwusage, false, 10, false"})
    void matchesThetaf(String name, boolean monthly, int h, boolean seasonal) {
        Golden g = Golden.read("theta/" + name + ".csv");
        FittedModel fit = Models.create("theta").fit(series(name, monthly));
        assertThat(fit.parameters().get("seasonal")).isEqualTo(seasonal);
        Forecast f = fit.forecast(h, 80, 95);
        // the SES weight comes from an optimiser: R's and ours agree to about 1e-4 on these series
        assertClose(name + " mean", g.column("mean"), f.mean(), 2e-4);
        assertClose(name + " lo80", g.column("lo80"), f.lower(80), 2e-3);
        assertClose(name + " hi95", g.column("hi95"), f.upper(95), 2e-3);
    }
}
