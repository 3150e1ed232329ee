package io.jenkins.plugins.influxforecast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html works under Jenkins' artifact Content-Security-Policy ({@code sandbox; default-src
 * 'none'; img-src 'self'; style-src 'self';}): no inline style or script, no data: URI, only
 * neighbouring files. Each score sits next to the model that earned it, beside the seasonal naive
 * baseline and the FVA; auto's leaderboard; series worst first; no nulls.
 */
public class HtmlReportTest {

    @TempDir
    Path dir;

    static SeriesReport scored(String name, double mase, Map<String, Object> parameters) {
        return new SeriesReport(name, Map.of(), SeriesReport.Status.OK, 300, "1h", "a", "b", null, 0,
                new ValidationReport(24, 276, "ets(model=ANA,season=24)", 24, new Scores(1.0, 2.0, 3.0, 4.0, mase),
                        Map.of("80", 0.75), new ValidationReport.Baseline("snaive(season=24)", new Scores(2.0, 3.0, 4.0, 5.0, 1.0)),
                        ValidationReport.fva(mase, 1.0)),
                new ModelReport("arima(p=2,d=1,q=1)", parameters, List.of(), null, null, "model", null),
                new ForecastSpan(48, "c", "d", List.of()),
                List.of(new Degradation(Degradation.Kind.SEASON_DROPPED, "forecast", "season 24 dropped")), null);
    }

    @Test
    void worksUnderJenkinsArtifactCspWithNeighbouringFilesOnly() throws IOException {
        Path html = write(List.of(scored("load", 0.5, Map.of())), null);
        String page = Files.readString(html);
        assertThat(page).doesNotContainPattern("(?i)<style").doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)<script").doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContain("data:")
                .doesNotContainPattern("(?i)javascript:");
        // every resource the page loads is a file beside it
        Matcher refs = Pattern.compile("(?i)\\s(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(page);
        List<String> loaded = new ArrayList<>();
        while (refs.find()) {
            loaded.add(refs.group(1));
        }
        assertThat(loaded).containsExactlyInAnyOrder("report.css", "forecast.png");
        assertThat(page).contains("<link rel=\"stylesheet\" href=\"report.css\">").contains("<img class=\"plot\" alt=\"forecast plot\" src=\"forecast.png\">");
        assertThat(dir.resolve("report.css")).content().contains("table {").doesNotContain("<");
    }

    @Test
    void eachScoreSitsNextToTheModelThatEarnedItBesideTheBaselineAndTheFva() throws IOException {
        String page = Files.readString(write(List.of(scored("load", 0.5, Map.of())), null));
        Map<String, String> sections = sections(page);
        List<List<String>> rows = rows(sections.get("load"));
        assertThat(rows).contains(List.of("forecasting model", "arima(p=2,d=1,q=1) (fitted on all 300 points)"));
        assertThat(rows).contains(List.of("ets(model=ANA,season=24) <span class=\"note\">(validation model)</span>", "0.5000", "4.000",
                "1.000", "2.000", "75.00%"));
        assertThat(rows).contains(List.of("snaive(season=24) <span class=\"note\">(baseline)</span>", "1.000", "5.000", "2.000", "3.000", ""));
        assertThat(sections.get("load")).contains("Forecast value added: <span class=\"good\">+50.0%</span> against snaive(season=24)"
                + " (MASE 0.5000 against 1.000)");
        assertThat(page).doesNotContain("null");
    }

    @Test
    void seriesComeWorstFirstFailedOnesOnTopAndAutosLeaderboardListsEveryCandidate() throws IOException {
        Map<String, Object> auto = new LinkedHashMap<>();
        auto.put("selected", "theta(season=24)");
        auto.put("baseline", Map.of("model", "snaive(season=24)", "mase", 1.2));
        auto.put("fva_percent", 25.0);
        auto.put("candidates", List.of(Map.of("model", "snaive(season=24)", "mase", 1.2, "smape", 9.0),
                Map.of("model", "theta(season=24)", "mase", 0.9, "smape", 7.0),
                Map.of("model", "arima", "error", "did not converge")));
        auto.put("combinations", List.of(Map.of("model", "ensemble(theta,snaive)", "mase", 1.0, "smape", 8.0)));
        auto.put("backtest", Map.of("windows", 3, "horizon", 24));
        String page = Files.readString(write(List.of(scored("good", 0.4, Map.of()), scored("bad", 2.5, auto),
                SeriesReport.failed("broken", Map.of("k", "v"), "too short")), null));
        assertThat(new ArrayList<>(sections(page).keySet())).containsExactly("broken{k=v}", "bad", "good");
        assertThat(sections(page).get("broken{k=v}")).contains("Failed: too short");
        List<List<String>> board = rows(sections(page).get("bad")).stream().filter(r -> r.size() >= 2).toList();
        int top = board.indexOf(List.of("auto: backtest on 3 windows of 24 steps", "MASE", "sMAPE %"));
        assertThat(top).isNotNegative();
        assertThat(board.subList(top + 1, top + 5)).containsExactly(
                List.of("theta(season=24) <span class=\"note\">(chosen)</span>", "0.9000", "7.000"),
                List.of("ensemble(theta,snaive)", "1.000", "8.000"),
                List.of("snaive(season=24) <span class=\"note\">(baseline)</span>", "1.200", "9.000"),
                List.of("arima", "did not converge"));
        assertThat(sections(page).get("bad")).contains("auto's choice gains +25.0% over snaive(season=24) in the backtest.");
    }

    @Test
    void liveAccuracyFromAScoreRunIsShownWithItsVerdict() throws IOException {
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("as_of", "2024-05-03T00:00:00Z");
        live.put("runs_scored", 4L);
        live.put("live", Map.of("mase", 1.8, "backtest_mase", 0.9, "drifting", true));
        live.put("problems", List.of("drift: load live MASE 1.8 over the last 2 complete run(s) is above 1.5 x the backtest MASE 0.9"));
        live.put("by_lead", Map.of("1", Map.of("n", 4L, "mase", 0.7, "mae", 1.1, "rmse", 1.3, "bias", -0.2)));
        String page = Files.readString(write(List.of(scored("load", 0.5, Map.of())), live));
        assertThat(page).contains("Live MASE 1.800 against a backtest MASE of 0.9000 over the last complete runs: <span class=\"bad\">drift</span>.")
                .contains("<li class=\"bad\">drift: load live MASE 1.8");
        assertThat(rows(page.substring(page.indexOf("Live accuracy")))).contains(List.of("1", "4", "0.7000", "1.100", "1.300", "-0.2000"));
    }

    @Test
    void linksBacktestPngOnlyWhenTheRunWroteItStillUnderTheCsp() throws IOException {
        String without = Files.readString(write(List.of(scored("load", 0.5, Map.of())), null));
        assertThat(without).doesNotContain("backtest");
        String with = Files.readString(write(List.of(scored("load", 0.5, Map.of())), null,
                List.of("forecast.csv", "forecast.png", BacktestPlot.PNG, "report.html", HtmlReport.CSS)));
        assertThat(with).contains("<img class=\"plot\" alt=\"backtest windows of auto\" src=\"backtest.png\">")
                .doesNotContainPattern("(?i)\\sstyle\\s*=").doesNotContainPattern("(?i)<style").doesNotContain("data:");
        Matcher refs = Pattern.compile("(?i)\\s(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(with);
        List<String> loaded = new ArrayList<>();
        while (refs.find()) {
            loaded.add(refs.group(1));
        }
        assertThat(loaded).containsExactlyInAnyOrder("report.css", "forecast.png", "backtest.png");
        // right under the forecast plot, before the series
        assertThat(with.indexOf("src=\"backtest.png\"")).isGreaterThan(with.indexOf("src=\"forecast.png\""))
                .isLessThan(with.indexOf("Series, worst first"));
    }

    private Path write(List<SeriesReport> series, Map<String, Object> live) throws IOException {
        return write(series, live, List.of());
    }

    private Path write(List<SeriesReport> series, Map<String, Object> live, List<String> outputs) throws IOException {
        Files.write(dir.resolve("forecast.png"), new byte[] {1, 2, 3});
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", "auto");
        parameters.put("max_gap", null);
        RunMetrics m = new RunMetrics(new RunMetrics.Engine("influx-forecast", "1"), new RunMetrics.Input("in.csv", 1, "00", "csv", 1),
                parameters, RunSummary.of(series), series, outputs, Map.of(), live);
        Path html = dir.resolve("report.html");
        HtmlReport.write(html, dir.resolve(HtmlReport.CSS), m, "forecast.png");
        return html;
    }

    /** The html of each series' section by its heading, in page order. */
    public static Map<String, String> sections(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?s)<section>\\s*<h3>(.*?)</h3>(.*?)</section>").matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** The cells of every table row in the html. */
    public static List<List<String>> rows(String html) {
        List<List<String>> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("(?s)<tr[^>]*>(.*?)</tr>").matcher(html);
        while (tr.find()) {
            Matcher m = Pattern.compile("(?s)<t[hd][^>]*>(.*?)</t[hd]>").matcher(tr.group(1));
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
