package io.jenkins.plugins.influxforecast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json as records: files of the engine before the records still read, and a write reads back equal. */
class RunMetricsTest {

    @TempDir
    Path dir;

    static final Path BEFORE = Path.of("src/test/resources/metrics/metrics-before-records.json");

    @Test
    void aFileWrittenBeforeTheRecordsReads() throws IOException {
        RunMetrics m = RunMetrics.read(BEFORE);
        assertThat(m.summary().series()).isEqualTo(3);
        assertThat(m.summary().succeeded()).isEqualTo(2);
        assertThat(m.summary().failed()).isEqualTo(1);
        assertThat(m.summary().pointsForecast()).isEqualTo(48);
        assertThat(m.summary().validation().mase()).isEqualTo(0.40624840135332047);
        assertThat(m.summary().fallback()).isZero(); // absent in the old file
        SeriesReport ok = m.series().get(0);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.label()).isEqualTo("m{series=A}");
        assertThat(ok.validation().model()).startsWith("ensemble(arima(");
        assertThat(ok.validation().trainPoints()).isEqualTo(176);
        assertThat(ok.validation().metrics().smape()).isEqualTo(2.697119457518293);
        assertThat(ok.model().parameters()).containsKey("selected");
        assertThat(ok.regularisation().pointsRead()).isEqualTo(200);
        assertThat(ok.forecast().intervalLevels()).containsExactly(80.0, 95.0);
        assertThat(ok.degradationList()).isEmpty();
        SeriesReport failed = m.series().get(1);
        assertThat(failed.status()).isEqualTo(SeriesReport.Status.FAILED);
        assertThat(failed.error()).contains("holds out 24 of 3 points");
        assertThat(m.parameters()).containsEntry("model", "auto").containsEntry("max_gap", null);
        assertThat(m.timingsMs()).containsKeys("read", "forecast", "write", "total");
    }

    @Test
    void writtenRecordsReadBackEqualWithOptionalPartsLeftOut() throws IOException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", "auto");
        parameters.put("max_gap", null);
        SeriesReport ok = new SeriesReport("cpu", Map.of("host", "a"), SeriesReport.Status.OK, 100, "1h", "2026-01-01T00:00:00Z",
                "2026-01-05T03:00:00Z", new RegularisationReport(100, 0, 0, 0, 1, 2, 2, true), 0,
                new ValidationReport(24, 76, "ets(model=ANN)", 1, new Scores(1.5, 2.0, null, 3.25, 0.8), Map.of("80", 0.75)),
                new ModelReport("ets(model=AAN)", Map.of("alpha", "0.5"), List.of("seasonality dropped: period 200 is above 168"),
                        List.of("season_dropped"), List.of(new ModelReport.Replacement("forecast", "arima", "non-finite", "naive")), "model",
                        null),
                new ForecastSpan(24, "2026-01-05T04:00:00Z", "2026-01-06T03:00:00Z", List.of(80.0)),
                List.of(new Degradation(Degradation.Kind.SEASON_DROPPED, "forecast", "seasonality dropped: period 200 is above 168"),
                        new Degradation(Degradation.Kind.POINTS_FILLED, "input", "2 point(s) filled")), null);
        SeriesReport failed = SeriesReport.failed("cpu", Map.of("host", "b"), "too short");
        List<SeriesReport> series = List.of(ok, failed);
        RunMetrics m = new RunMetrics(new RunMetrics.Engine("influx-forecast", "1.2.3"),
                new RunMetrics.Input("in.csv", 10, "ab", "influx1", 100), parameters, RunSummary.of(series), series,
                List.of("forecast.csv"), Map.of("total", 12L));
        Path file = dir.resolve("metrics.json");
        m.write(file);
        String json = Files.readString(file);
        assertThat(json).contains("\"max_gap\": null") // a map keeps its nulls
                .contains("\"kind\": \"SEASON_DROPPED\"", "\"train_points\": 76", "\"replaced_by\": \"naive\"", "\"status\": \"failed\"")
                .doesNotContain("\"mape\"") // a score that cannot be computed is left out
                .doesNotContain("\"non_negative\"");
        assertThat(json).containsOnlyOnce("\"error\""); // only the failed series has one
        RunMetrics back = RunMetrics.read(file);
        assertThat(back.series()).isEqualTo(series);
        assertThat(back.summary()).isEqualTo(m.summary());
        assertThat(back.summary().degradations()).containsExactly(Map.entry("POINTS_FILLED", 1), Map.entry("SEASON_DROPPED", 1));
        assertThat(back.summary().models()).containsEntry("ets", 1);
        assertThat(back.summary().fallback()).isEqualTo(1);
    }

    @Test
    void aKindOfANewerEngineReadsAsAModelNote() {
        RunMetrics m = RunMetrics.parse("{\"summary\": {\"series\": 1, \"degradations\": {\"SOMETHING_NEW\": 1}}, \"series\": [{"
                + "\"name\": \"a\", \"status\": \"ok\", \"degradations\": [{\"kind\": \"SOMETHING_NEW\", \"message\": \"x\"},"
                + " {\"kind\": \"OTHER_NEW\", \"message\": \"y\"}]}]}");
        assertThat(m.series().get(0).degradationList()).extracting(Degradation::kind)
                .containsExactly(Degradation.Kind.MODEL_NOTE, Degradation.Kind.MODEL_NOTE);
        assertThat(m.summary().degradations()).containsEntry("SOMETHING_NEW", 1);
    }

    @Test
    void somethingElseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> RunMetrics.parse("{\"command\": \"load\"}")).hasMessageContaining("not a metrics.json");
        assertThatThrownBy(() -> RunMetrics.parse("{\"summary\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void theSummaryMeanIsUndefinedWhereASeriesLacksTheScoreAndTheMedianSkipsIt() {
        SeriesReport a = scored("a", "ets", 1.0, 0.5);
        SeriesReport b = scored("b", "ets", null, 1.5);
        SeriesReport c = scored("c", "ensemble(arima(p=1),theta)", 3.0, 4.0);
        RunSummary s = RunSummary.of(List.of(a, b, c));
        assertThat(s.validation().mape()).isNull();
        assertThat(s.validationMedian().mape()).isEqualTo(2.0);
        assertThat(s.validation().mase()).isEqualTo(2.0);
        assertThat(s.validationMedian().mase()).isEqualTo(1.5);
        assertThat(s.model()).isEqualTo("several");
        assertThat(s.models()).containsExactly(Map.entry("ets", 2), Map.entry("ensemble(arima,theta)", 1));
    }

    private static SeriesReport scored(String name, String spec, Double mape, double mase) {
        return new SeriesReport(name, Map.of(), SeriesReport.Status.OK, 10, "1h", "a", "b", null, 0,
                new ValidationReport(2, 8, spec, 1, new Scores(1.0, 1.0, mape, 1.0, mase), Map.of()),
                new ModelReport(spec, Map.of(), List.of(), null, null, null, null), new ForecastSpan(2, "c", "d", List.of()), List.of(),
                null);
    }
}
