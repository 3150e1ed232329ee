package io.jenkins.plugins.influxforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html puts each validation score next to the model that earned it. Auto chooses again on
 * all the data, so the validation model and the forecasting model can differ: both are named,
 * each in its own column.
 */
public class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void eachScoreSitsNextToTheModelThatEarnedIt() throws IOException {
        SeriesReport s = new SeriesReport("load", Map.of(), SeriesReport.Status.OK, 300, "1h", "a", "b", null, 0,
                new ValidationReport(24, 276, "ets(model=ANA,season=24)", 24, new Scores(1.0, 2.0, 3.0, 4.0, 0.5), Map.of()),
                new ModelReport("arima(p=2,d=1,q=1)", Map.of(), List.of(), null, null, null, null),
                new ForecastSpan(48, "c", "d", List.of()),
                List.of(new Degradation(Degradation.Kind.SEASON_DROPPED, "forecast", "season 24 dropped")), null);
        Path html = write(List.of(s, SeriesReport.failed("other", Map.of("k", "v"), "too short")));
        List<List<String>> rows = rows(Files.readString(html));
        List<String> header = rows.get(0);
        List<String> row = rows.get(1);
        assertThat(row.get(header.indexOf("validation model"))).isEqualTo("ets(model=ANA,season=24)");
        assertThat(row.get(header.indexOf("MASE"))).isEqualTo("0.5000");
        assertThat(row.get(header.indexOf("sMAPE %"))).isEqualTo("4.000");
        assertThat(row.get(header.indexOf("forecasting model"))).isEqualTo("arima(p=2,d=1,q=1)");
        assertThat(row.get(header.indexOf("horizon"))).isEqualTo("48");
        assertThat(row.get(header.indexOf("degradations"))).isEqualTo("season dropped");
        assertThat(rows.get(2)).containsExactly("other{k=v}", "failed", "too short");
    }

    @Test
    void withoutValidationTheScoresAreDashes() throws IOException {
        SeriesReport s = new SeriesReport("load", Map.of(), SeriesReport.Status.OK, 300, "1h", "a", "b", null, 0,
                ValidationReport.none(), new ModelReport("naive", Map.of(), List.of(), null, null, null, null),
                new ForecastSpan(5, "c", "d", List.of()), List.of(), null);
        List<List<String>> rows = rows(Files.readString(write(List.of(s))));
        List<String> header = rows.get(0);
        assertThat(rows.get(1).get(header.indexOf("validation model"))).isEqualTo("-");
        assertThat(rows.get(1).get(header.indexOf("MASE"))).isEqualTo("-");
        assertThat(rows.get(1).get(header.indexOf("forecasting model"))).isEqualTo("naive");
    }

    private Path write(List<SeriesReport> series) throws IOException {
        Path png = dir.resolve("forecast.png");
        Files.write(png, new byte[] {1, 2, 3});
        RunMetrics m = new RunMetrics(new RunMetrics.Engine("influx-forecast", "1"), new RunMetrics.Input("in.csv", 1, "00", "csv", 1),
                Map.of("model", "auto"), RunSummary.of(series), series, List.of(), Map.of());
        Path html = dir.resolve("report.html");
        HtmlReport.write(html, m, png);
        return html;
    }

    /** The cells of the accuracy table, header first. */
    public static List<List<String>> rows(String html) {
        String table = html.substring(html.indexOf("<table>"), html.indexOf("</table>"));
        List<List<String>> rows = new ArrayList<>();
        for (String tr : table.split("<tr>")) {
            Matcher m = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>").matcher(tr);
            List<String> cells = new ArrayList<>();
            while (m.find()) {
                cells.add(m.group(1));
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }
}
