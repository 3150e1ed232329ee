package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ForecastJobTest {

    private static final String TWO = """
            server: influx-prod
            credentialsId: rw
            maxParallel: 1
            keepBuilds: 5
            keepArtifacts: 2
            forecasts:
              - {name: a, query: SELECT value FROM a, model: ets, timeoutMinutes: 15}
              - {name: b, query: SELECT value FROM b, engineImage: img:1}
            """;

    @Test
    void configPath() {
        assertThat(ForecastJob.configPath(Map.of())).isEqualTo("forecasts.yaml");
        assertThat(ForecastJob.configPath(Map.of("config", "jobs/parking.yaml"))).isEqualTo("jobs/parking.yaml");
        assertThatThrownBy(() -> ForecastJob.configPath(Map.of("cron", "x")))
                .hasMessageStartingWith("forecastPipeline has no parameter 'cron'; its only parameter is config");
        for (String bad : List.of("/etc/passwd", "../other/forecasts.yaml", "a/../../b.yaml", " ")) {
            assertThatThrownBy(() -> ForecastJob.configPath(Map.of("config", bad)))
                    .hasMessageStartingWith("config must be a path inside the repository");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void planHoldsThePropertiesThePodsAndTheStepArguments() throws Exception {
        Map<String, Object> plan = ForecastJob.plan(TWO, "forecasts.yaml", "parking");
        assertThat(plan.get("cron")).isEqualTo("TZ=UTC\nH */12 * * *");
        assertThat(plan.get("logRotator")).isEqualTo(Map.of("numToKeepStr", "5", "artifactNumToKeepStr", "2"));
        assertThat(plan.get("onFailure")).isEqualTo("FAILURE");
        assertThat(plan.get("podAttempts")).isEqualTo(2);
        List<Map<String, Object>> forecasts = (List<Map<String, Object>>) plan.get("forecasts");
        assertThat(forecasts).extracting(f -> f.get("name")).containsExactly("a", "b");
        assertThat((List<List<Map<String, Object>>>) plan.get("batches")).hasSize(2)
                .allSatisfy(batch -> assertThat(batch).hasSize(1));

        Map<String, Object> a = forecasts.get(0);
        assertThat(a.get("dir")).isEqualTo("forecasts/a");
        assertThat(a.get("archive")).isEqualTo("forecasts/a/**");
        assertThat(a.get("timeoutMinutes")).isEqualTo(15);
        assertThat(a.get("container")).isNull();
        assertThat(forecasts.get(1).get("container")).isEqualTo("engine");
        assertThat((Map<String, Object>) a.get("extract")).containsExactly(Map.entry("server", "influx-prod"),
                Map.entry("credentialsId", "rw"), Map.entry("query", "SELECT value FROM a"),
                Map.entry("output", "forecasts/a/input.csv"), Map.entry("timeoutMinutes", 15));
        // history on by default: score judges the earlier runs against the extract's output, the forecast reports it
        assertThat((Map<String, Object>) a.get("score")).containsExactly(Map.entry("server", "influx-prod"),
                Map.entry("credentialsId", "rw"), Map.entry("name", "a"), Map.entry("historyMeasurement", "a-forecast-history"),
                Map.entry("actuals", "forecasts/a/input.csv"), Map.entry("outputDir", "forecasts/a/score"),
                Map.entry("timeoutMinutes", 15), Map.entry("every", "12h"));
        assertThat((Map<String, Object>) a.get("forecast")).containsExactly(Map.entry("input", "forecasts/a/input.csv"),
                Map.entry("outputDir", "forecasts/a/output"), Map.entry("model", "ets"), Map.entry("history", true),
                Map.entry("historyMeasurement", "a-forecast-history"), Map.entry("timeoutMinutes", 15),
                Map.entry("liveAccuracy", "forecasts/a/score/score.json"));
        assertThat((Map<String, Object>) a.get("load")).containsExactly(Map.entry("server", "influx-prod"),
                Map.entry("credentialsId", "rw"), Map.entry("input", "forecasts/a/output/forecast.lp"),
                Map.entry("timeoutMinutes", 15));
        List<Map<String, String>> files = (List<Map<String, String>>) a.get("files");
        assertThat(files).extracting(m -> m.get("file")).containsExactly("forecasts/a/parameters.json", "forecasts/a/pod.yaml");
        assertThat(files.get(1).get("text")).isEqualTo(a.get("podYaml"));
        assertThat(files.get(0).get("text"))
                .contains("\"source\": \"forecasts.yaml\"", "\"job\": \"parking\"", "\"forecast\": \"a\"",
                        "\"schedule\": \"H */12 * * *\"", "\"influxExtract\": {", "\"credentialsId\": \"rw\"",
                        "\"score\": {", "\"liveAccuracy\": \"forecasts/a/score/score.json\"")
                .endsWith("}\n");

        // a Pipeline keeps the plan across a controller restart: plain serialisable JDK types only
        assertSerialisableJdkTypes(plan);
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(plan);
        }
    }

    private static void assertSerialisableJdkTypes(Object o) {
        if (o == null) {
            return;
        }
        assertThat(o).isInstanceOf(Serializable.class);
        assertThat(o.getClass().getName()).startsWith("java.");
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                assertSerialisableJdkTypes(k);
                assertSerialisableJdkTypes(v);
            });
        } else if (o instanceof List<?> l) {
            l.forEach(ForecastJobTest::assertSerialisableJdkTypes);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFluxQueryGoesToInfluxExtractAsFlux() {
        Map<String, Object> plan = ForecastJob.plan("server: s\nforecasts: [{name: a, flux: 'from(bucket: \"b\")'}]",
                "forecasts.yaml", "j");
        Map<String, Object> extract = (Map<String, Object>) ((List<Map<String, Object>>) plan.get("forecasts")).get(0).get("extract");
        assertThat(extract).containsEntry("flux", "from(bucket: \"b\")").doesNotContainKey("query");
    }

    @Test
    @SuppressWarnings("unchecked")
    void historyFalseRemovesTheScoreAndTheLiveAccuracy() {
        Map<String, Object> plan = ForecastJob.plan("""
                server: s
                forecasts:
                  - {name: a, query: q, history: false}
                  - {name: b, query: q, field: yhat, historyMeasurement: b-runs, backfill: 3,
                     score: {maxLiveMase: 1.5, driftFactor: 1.2, runs: 4, lookback: 10d}}
                """, "forecasts.yaml", "j");
        List<Map<String, Object>> forecasts = (List<Map<String, Object>>) plan.get("forecasts");
        Map<String, Object> a = forecasts.get(0);
        assertThat(a.get("score")).isNull();
        assertThat((Map<String, Object>) a.get("forecast")).doesNotContainKeys("history", "historyMeasurement", "liveAccuracy",
                "backfill");
        assertThat(((List<Map<String, String>>) a.get("files")).get(0).get("text")).doesNotContain("\"score\"");

        // the score reads the history the forecast writes, with the forecast's field, and the settings of its section
        Map<String, Object> b = forecasts.get(1);
        assertThat((Map<String, Object>) b.get("score")).containsEntry("name", "b").containsEntry("historyMeasurement", "b-runs")
                .containsEntry("field", "yhat").containsEntry("actuals", "forecasts/b/input.csv")
                .containsEntry("outputDir", "forecasts/b/score").containsEntry("maxLiveMase", 1.5).containsEntry("driftFactor", 1.2)
                .containsEntry("runs", 4).containsEntry("lookback", "10d").containsEntry("every", "12h")
                .doesNotContainKey("credentialsId");
        assertThat((Map<String, Object>) b.get("forecast")).containsEntry("history", true).containsEntry("historyMeasurement", "b-runs")
                .containsEntry("backfill", 3).containsEntry("liveAccuracy", "forecasts/b/score/score.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theShardsOfAForecastShareItsHistoryAndEachScoresItsOwnSeries() {
        Map<String, Object> plan = ForecastJob.plan("server: s\nforecasts: [{name: fleet, query: q, shards: 2}]", "forecasts.yaml", "j");
        List<Map<String, Object>> shards = (List<Map<String, Object>>) plan.get("forecasts");
        assertThat(shards).extracting(s -> ((Map<String, Object>) s.get("score")).get("historyMeasurement"))
                .containsExactly("fleet-forecast-history", "fleet-forecast-history");
        assertThat(shards).extracting(s -> ((Map<String, Object>) s.get("score")).get("actuals"))
                .containsExactly("forecasts/fleet/shard-1-of-2/input.csv", "forecasts/fleet/shard-2-of-2/input.csv");
        assertThat(shards).extracting(s -> ((Map<String, Object>) s.get("forecast")).get("liveAccuracy"))
                .containsExactly("forecasts/fleet/shard-1-of-2/score/score.json", "forecasts/fleet/shard-2-of-2/score/score.json");
    }

    @Test
    void planRefusesABadFileWithItsName() {
        assertThatThrownBy(() -> ForecastJob.plan("server: s\nforecasts: [{name: a}]", "jobs/p.yaml", "j"))
                .hasMessageStartingWith("jobs/p.yaml: forecasts[0] (a).query is required: an InfluxQL query");
    }

    @Test
    void describeGivesModelAccuracyGateAndPointsPerForecast() {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("name", "a");
        ok.put("status", "SUCCESS");
        ok.put("forecast", Map.of("parameters", Map.of("model", "auto"),
                "summary", Map.of("model", "ets(model=AAdA)", "validation", Map.of("mase", 0.73456, "smape", 12.0))));
        ok.put("load", Map.of("points", 144, "pointsWritten", 144));
        Map<String, Object> gated = Map.of("name", "b", "status", "UNSTABLE",
                "forecast", Map.of("summary", Map.of("model", "naive", "validation", Map.of("mase", Double.NaN)),
                        "qualityGate", "FAILED"),
                "load", Map.of("pointsWritten", 0));
        Map<String, Object> failed = Map.of("name", "c", "status", "FAILURE", "error", "InfluxDB answered 401");
        Map<String, Object> bare = Map.of("name", "d", "status", "SUCCESS");
        Map<String, Object> live = Map.of("name", "e", "status", "UNSTABLE",
                "forecast", Map.of("model", "theta", "metrics", Map.of("mase", 0.5), "fva", 37.5),
                "score", Map.of("liveMase", 1.25, "drifting", true));
        // the first run: score found no history yet (the score step's summary has liveMase null then)
        Map<String, Object> noHistoryYet = new LinkedHashMap<>();
        noHistoryYet.put("liveMase", null);
        noHistoryYet.put("drifting", false);
        noHistoryYet.put("runsScored", 0);
        Map<String, Object> first = Map.of("name", "f", "status", "SUCCESS",
                "forecast", Map.of("model", "ets", "metrics", Map.of("mase", 0.9)), "score", noHistoryYet);
        assertThat(ForecastJob.describe(List.of(ok, gated, failed, bare, live, first))).isEqualTo(String.join("\n",
                "a: ets(model=AAdA), MASE 0.735, sMAPE 12.000%, 144 points written",
                "b: naive, MASE n/a, quality gate FAILED, 0 points written",
                "c: FAILED: InfluxDB answered 401",
                "d: forecast",
                "e: theta, MASE 0.500, FVA +37.5%, live MASE 1.250 (drift)",
                "f: ets, MASE 0.900"));
    }

    @Test
    void describeNamesTheShardsWhoseLiveAccuracyDrifted() {
        Map<String, Object> steady = Map.of("name", "fleet", "shard", "1/2", "status", "SUCCESS", "extract", Map.of("series", 3),
                "score", Map.of("liveMase", 0.9, "drifting", false), "load", Map.of("pointsWritten", 72));
        Map<String, Object> drifting = Map.of("name", "fleet", "shard", "2/2", "status", "SUCCESS", "extract", Map.of("series", 2),
                "score", Map.of("liveMase", 2.4, "drifting", true), "load", Map.of("pointsWritten", 48));
        assertThat(ForecastJob.describe(List.of(steady, drifting)))
                .isEqualTo("fleet: 2 shards, 2 succeeded, 5 series, 120 points written; shard 2/2: live accuracy drifted");
    }

    /** Stands for Pipeline's exception of an abort or a timeout (matched by simple name). */
    public static final class FlowInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<Object> causes;

        public FlowInterruptedException(Object... causes) {
            this.causes = List.of(causes);
        }

        public List<Object> getCauses() {
            return causes;
        }
    }

    /** Stands for the timeout step's cause of interruption (serialisable, as every CauseOfInterruption is). */
    public static final class ExceededTimeout implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void failureReasonAndInterruption() {
        FlowInterruptedException timeout = new FlowInterruptedException(new ExceededTimeout());
        FlowInterruptedException abort = new FlowInterruptedException(new Object());
        assertThat(ForecastJob.interruption(timeout)).isEqualTo("timeout");
        assertThat(ForecastJob.interruption(abort)).isEqualTo("abort");
        assertThat(ForecastJob.interruption(new FlowInterruptedException())).isEqualTo("abort");
        assertThat(ForecastJob.interruption(new IllegalStateException("x"))).isNull();
        assertThat(ForecastJob.failureReason(timeout, 30)).isEqualTo("timed out after 30 minutes (timeoutMinutes)");
        assertThat(ForecastJob.failureReason(abort, 30)).isEqualTo("aborted");
        assertThat(ForecastJob.failureReason(new IllegalStateException("bad\nsecond line"), 30)).isEqualTo("bad");
        assertThat(ForecastJob.failureReason(new IllegalStateException(), 30)).isEqualTo("IllegalStateException");
        assertThat(ForecastJob.failureReason(new RuntimeException("x".repeat(400)), 30)).hasSize(303).endsWith("...");
    }
}
