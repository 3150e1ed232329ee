package io.jenkins.plugins.influxforecast.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.report.ForecastOutput;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history points of one run: lead tag, target time, issue time, origin, model, bounds, scale, backtest MASE. */
class HistoryLinesTest {

    static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void onePointPerStepKeyedByLead() throws Exception {
        // 60 hourly points, a daily season: the scale is the mean |y(t) - y(t - 24)|
        double[] y = new double[60];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 + i % 24 + (i >= 24 ? 1 : 0);
        }
        TimeSeries s = TimeSeries.of("load", Map.of("site", "a"), START, Frequency.of(Duration.ofHours(1)), y);
        Forecast future = Forecast.of("snaive(season=24)", START.plus(Duration.ofHours(60)), Frequency.of(Duration.ofHours(1)),
                new double[] {5, 6}).withInterval(80, new double[] {4, 5}, new double[] {6, 7});
        TimeSeries train = s.head(48);
        Forecast validation = Forecast.of("snaive(season=24)", START.plus(Duration.ofHours(48)), Frequency.of(Duration.ofHours(1)),
                java.util.Arrays.copyOfRange(y, 0, 12));
        StringWriter w = new StringWriter();
        Instant issued = Instant.parse("2024-05-03T12:30:00Z");
        int n = HistoryLines.write(w, List.of(new ForecastOutput(s, 12, validation, future)),
                new HistoryLayout(null, "value", Map.of("env", "prod"), issued, 9));
        assertThat(n).isEqualTo(2);
        String[] lines = w.toString().split("\n");
        // scale: 36 seasonal differences, 12 of them (t = 24..35, crossing into the second day) are 1, the rest 0 (t >= 48: 0)
        double scale = HistoryLines.scale(s);
        assertThat(scale).isEqualTo(24.0 / 36);
        assertThat(lines[0]).isEqualTo("load-forecast-history,env=prod,lead=1,site=a value=5.0,lower_80=4.0,upper_80=6.0,"
                + "issued=1714739400.0,origin=" + START.plus(Duration.ofHours(59)).getEpochSecond() + ".0,model=\"snaive(season=24)\","
                + "build=9.0,scale=" + io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter.formatFloat(scale)
                + ",backtest_mase=" + io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter.formatFloat(
                        HistoryLines.backtestMase(new ForecastOutput(s, 12, validation, future)))
                + " " + START.plus(Duration.ofHours(60)).getEpochSecond() + "000000000");
        assertThat(lines[1]).startsWith("load-forecast-history,env=prod,lead=2,site=a value=6.0,");
        // the validation forecast is the first day's values, 1 below the actuals: MAE 1; the 48 training points hold
        // no more than two seasons, so the scale is naive (lag 1): 45 steps of 1 and one of 22 over 47 differences
        assertThat(HistoryLines.backtestMase(new ForecastOutput(s, 12, validation, future))).isCloseTo(47.0 / 68, within(1e-12));
    }

    @Test
    void aLeadTagOrAHistoryFieldNameIsRefused() {
        assertThatThrownBy(() -> new HistoryLayout(null, "value", Map.of("lead", "x"), Instant.EPOCH, null))
                .hasMessageContaining("tag 'lead' is the history's lead tag");
        assertThatThrownBy(() -> new HistoryLayout(null, "issued", Map.of(), Instant.EPOCH, null))
                .hasMessageContaining("field 'issued' is one of the history's own fields");
        assertThatThrownBy(() -> new HistoryLayout(null, "value", Map.of(), null, null)).hasMessageContaining("issue time");
    }
}
