package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.report.Degradation;
import io.jenkins.plugins.influxforecast.report.ForecastSpan;
import io.jenkins.plugins.influxforecast.report.ModelReport;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.RunSummary;
import io.jenkins.plugins.influxforecast.report.Scores;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import io.jenkins.plugins.influxforecast.report.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log of a run over many series: one line per series, and the one-screen summary with repeats counted once. */
class RunReportTest {

    private static SeriesReport ok(String name, String validationModel, String model, double mase, Degradation... d) {
        return new SeriesReport(name, Map.of(), SeriesReport.Status.OK, 100, "1h", "a", "b", null, 0,
                new ValidationReport(24, 76, validationModel, 24, new Scores(1.0, 1.0, 1.0, 10.0, mase), Map.of()),
                new ModelReport(model, Map.of(), List.of(), null, null, null, null), new ForecastSpan(24, "c", "d", List.of()),
                List.of(d), null);
    }

    private static Degradation dropped(int points, int period) {
        return new Degradation(Degradation.Kind.SEASON_DROPPED, "forecast",
                "seasonality dropped: " + points + " points do not cover one period of " + period);
    }

    @Test
    void aSeriesLineNamesTheFamilyAndTheValidationModelWhenItDiffers() {
        assertThat(RunReport.line(ok("H1", "ets(model=ANA,season=24)", "ets(model=AAA,season=24)", 0.81234), 35))
                .isEqualTo("H1 ok: ets, validation MASE 0.8123, 35 ms");
        assertThat(RunReport.line(ok("H2", "ensemble(arima(p=1),theta(season=24))", "ets(model=ANN)", 1.5), 7))
                .isEqualTo("H2 ok: ets, validation MASE 1.5 (of ensemble(arima,theta)), 7 ms");
        assertThat(RunReport.line(SeriesReport.failed("H3", Map.of(), "too short"), 0)).isEqualTo("H3 FAILED: too short");
    }

    @Test
    void aWarningRepeatedOverManySeriesIsPrintedOnceWithTheCount() {
        List<SeriesReport> reports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reports.add(ok("H" + i, "ets", "ets", 1.0, dropped(30 + i, 48)));
        }
        reports.add(ok("W1", "ets", "ets", 1.0, new Degradation(Degradation.Kind.POINTS_FILLED, "input", "3 point(s) filled")));
        List<String> warnings = RunReport.warnings(reports);
        assertThat(warnings).containsExactly(
                "40 series: season dropped: seasonality dropped: 30 points do not cover one period of 48 (e.g. H0, H1, H2)",
                "1 series: points filled: 3 point(s) filled (W1)");
    }

    @Test
    void theSummaryFitsOnAScreen() {
        List<SeriesReport> reports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            reports.add(ok("H" + i, "ets", i % 3 == 0 ? "theta(season=24)" : "ets(model=ANA)", 0.5 + i / 300.0, dropped(30, 48)));
        }
        for (int i = 0; i < 20; i++) {
            reports.add(SeriesReport.failed("F" + i, Map.of(), "series 'F" + i + "' has 1 point(s)"));
        }
        RunMetrics m = new RunMetrics(null, null, Map.of(), RunSummary.of(reports), reports, List.of("forecast.csv", "metrics.json"),
                Map.of());
        List<String> lines = new ArrayList<>();
        RunReport.print(m, Path.of("out"), 30, lines::add);
        String text = String.join("\n", lines);
        assertThat(lines.size()).isLessThan(25);
        assertThat(text).contains("series      320: 300 ok, 20 failed, 0 with a fallback model (30 s, 10.67 series/s)")
                .contains("models      200 ets, 100 theta")
                .contains("median MASE 0.9983")
                .contains("300 series: season dropped")
                .contains("F0: series 'F0' has 1 point(s)").contains("and 14 more")
                .contains("outputs     " + Path.of("out").toAbsolutePath() + " (forecast.csv, metrics.json)");
    }
}
