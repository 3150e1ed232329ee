package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jenkins.plugins.influxforecast.library.ForecastJobTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vars/forecastPipeline.groovy run by JenkinsPipelineUnit from the example Jenkinsfile of
 * test-harness/examples/parking, with forecasts.yaml files of one and three forecasts.
 */
class ForecastPipelineTest extends PipelineHarness {

    static final String JENKINSFILE = "test-harness/examples/parking/Jenkinsfile";
    static final String ARGO_QUERY = "SELECT mean(spaces) as value FROM \"parkingplace\" WHERE (\"name\" = 'P+R Noord'"
            + " AND \"spaces\" != 0) group by time(10m) order by time desc limit 4038";

    @BeforeEach
    void prepare() throws Exception {
        setUpHarness();
        // the shapes the steps return: metrics.json plus the quality gate, load-summary.json
        stepAnswers.put("forecast", call -> Map.of(
                "parameters", Map.of("model", "auto"),
                "summary", Map.of("model", call.args().getOrDefault("model", "auto"), "points_forecast", 144,
                        "validation", Map.of("mae", 3.2, "mase", 0.8123, "smape", 7.5)),
                "qualityGate", call.args().containsKey("maxMase") ? "FAILED" : "NONE"));
        // the score step's summary: pr-noord's history scored, pr-zuid's drifted, the others have no history yet
        stepAnswers.put("score", call -> scoreSummary(switch ((String) call.args().get("name")) {
            case "pr-noord" -> 0.95;
            case "pr-zuid" -> 2.1;
            default -> null;
        }));
        // influxLoad writes nothing of a forecast whose quality gate failed (city-total's here)
        stepAnswers.put("influxLoad", call -> ((String) call.args().get("input")).contains("city-total")
                ? Map.of("status", "refused", "points", 144, "pointsWritten", 0)
                : Map.of("status", "written", "points", 144, "pointsWritten", 144));
    }

    /** What the score step returns (ScoreStep.summarize): live MASE null while no run is complete, as on the first build. */
    static Map<String, Object> scoreSummary(Double liveMase) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("liveMase", liveMase);
        m.put("backtestMase", liveMase == null ? null : 0.8);
        m.put("drifting", liveMase != null && liveMase > 1.5 * 0.8);
        m.put("runsScored", liveMase == null ? 0 : 6);
        m.put("runsComplete", liveMase == null ? 0 : 5);
        m.put("problems", List.of());
        m.put("missedRuns", List.of());
        return m;
    }

    private Object runWith(String forecastsYaml) {
        repositoryFiles.put("forecasts.yaml", forecastsYaml);
        return runScript(JENKINSFILE);
    }

    @Test
    void threeForecastsRunInThreePodsWithTwelveStepsAndPropertiesSetOnce() {
        runWith(read("src/test/resources/library/three-forecasts.yaml"));

        assertThat(propertiesCalls).hasSize(1);
        assertThat(propertiesCalls.get(0)).containsExactly(
                Map.of("pipelineTriggers", List.of(Map.of("cron", "TZ=UTC\nH */12 * * *"))),
                Map.of("disableConcurrentBuilds", Map.of("abortPrevious", true)),
                Map.of("buildDiscarder", Map.of("logRotator", Map.of("numToKeepStr", "3"))));

        assertThat(podYamls).hasSize(3);
        assertThat(steps).hasSize(12);
        // history is on by default: the earlier runs are scored between the extract and the forecast
        assertThat(steps.stream().map(StepCall::step).toList()).containsExactly(
                "influxExtract", "score", "forecast", "influxLoad",
                "influxExtract", "score", "forecast", "influxLoad",
                "influxExtract", "score", "forecast", "influxLoad");
        // each forecast's four steps in one pod of its own, in a stage named after it
        assertThat(steps.stream().map(StepCall::pod).distinct().count()).isEqualTo(3);
        for (int i = 0; i < 12; i += 4) {
            assertThat(steps.get(i).pod()).isEqualTo(steps.get(i + 1).pod()).isEqualTo(steps.get(i + 2).pod())
                    .isEqualTo(steps.get(i + 3).pod());
        }
        assertThat(steps.stream().map(StepCall::stage).distinct().toList())
                .containsExactly("pr-noord", "pr-zuid", "city-total");
        assertThat(steps).allSatisfy(s -> assertThat(s.container()).isNull());

        // every pod wrapped in retry on agent loss and in the forecast's timeout
        assertThat(retries).hasSize(3).allSatisfy(r -> assertThat(r)
                .isEqualTo(Map.of("count", 2, "conditions", List.of("kubernetesAgent", "nonresumable"))));
        assertThat(timeouts).containsExactly(
                Map.of("time", 30, "unit", "MINUTES"), Map.of("time", 30, "unit", "MINUTES"),
                Map.of("time", 90, "unit", "MINUTES"));
        assertThat(getHelper().methodCallCount("parallel")).isEqualTo(1);

        StepCall extract = steps.get(0);
        assertThat(extract.args()).isEqualTo(Map.of("server", "influx-prod", "credentialsId", "influx-forecast-rw",
                "query", "SELECT mean(spaces) as value FROM \"parkingplace\" WHERE \"name\" = 'P+R Noord' group by time(10m)",
                "output", "forecasts/pr-noord/input.csv", "timeoutMinutes", 30));
        // the score: the extract's server and output, the history the forecast writes, its folder archived with the rest
        assertThat(steps.get(1).args()).isEqualTo(Map.of("server", "influx-prod", "credentialsId", "influx-forecast-rw",
                "name", "pr-noord", "historyMeasurement", "pr-noord-forecast-history", "actuals", "forecasts/pr-noord/input.csv",
                "outputDir", "forecasts/pr-noord/score", "timeoutMinutes", 30, "every", "12h"));
        assertThat(steps.get(2).args()).isEqualTo(Map.ofEntries(Map.entry("input", "forecasts/pr-noord/input.csv"),
                Map.entry("outputDir", "forecasts/pr-noord/output"), Map.entry("model", "fft"), Map.entry("horizon", 144),
                Map.entry("validation", "0.2"), Map.entry("frequency", "10m"), Map.entry("tags", List.of("name=P+R Noord")),
                Map.entry("history", true), Map.entry("historyMeasurement", "pr-noord-forecast-history"),
                Map.entry("timeoutMinutes", 30), Map.entry("liveAccuracy", "forecasts/pr-noord/score/score.json")));
        assertThat(steps.get(3).args()).isEqualTo(Map.of("server", "influx-prod", "credentialsId", "influx-forecast-rw",
                "input", "forecasts/pr-noord/output/forecast.lp", "timeoutMinutes", 30));
        assertThat(steps.get(6).args()).containsEntry("smoothing", 3).containsEntry("model", "snaive(season=144)");
        assertThat(steps.get(10).args()).containsEntry("measurement", "city-prediction")
                .containsEntry("maxMase", 1.0).containsEntry("timeoutMinutes", 90).containsEntry("maxRamPercentage", 70);
        assertThat(steps.get(8).args()).containsEntry("timeoutMinutes", 90).containsEntry("maxRamPercentage", 70)
                .doesNotContainKey("maxMase");
        assertThat(steps.get(9).args()).containsEntry("timeoutMinutes", 90).containsEntry("maxRamPercentage", 70)
                .containsEntry("historyMeasurement", "city-total-forecast-history").doesNotContainKey("maxMase");
        assertThat(steps.get(11).args()).containsEntry("batchSize", 1000).containsEntry("maxRamPercentage", 70);

        // artifacts of each forecast archived from its own pod
        assertThat(archived).hasSize(3);
        assertThat(archived.stream().map(a -> a.get("artifacts")).toList())
                .containsExactly("forecasts/pr-noord/**", "forecasts/pr-zuid/**", "forecasts/city-total/**");
        assertThat(archived.stream().map(a -> a.get("pod")).distinct().count()).isEqualTo(3);
        assertThat(archived).allSatisfy(a -> assertThat(a).containsEntry("allowEmptyArchive", true));
        assertThat(written).containsKeys("forecasts/pr-noord/parameters.json", "forecasts/pr-noord/pod.yaml",
                "forecasts/city-total/parameters.json", "forecasts/city-total/pod.yaml");
        assertThat(written.get("forecasts/city-total/parameters.json"))
                .contains("\"query\": \"SELECT sum(spaces) as value FROM \\\"parkingplace\\\" group by time(10m)\"")
                .contains("\"batchSize\": 1000")
                .contains("\"timeoutMinutes\": 90");

        // the pods: labels, deadline, and the heavy forecast's node, toleration and resources
        List<Pod> pods = podYamls.stream().map(KubernetesYaml::pod).toList();
        assertThat(pods.stream().map(p -> p.getMetadata().getLabels().get("influx-forecast/forecast")).toList())
                .containsExactly("pr-noord", "pr-zuid", "city-total");
        assertThat(pods).allSatisfy(p -> assertThat(p.getMetadata().getLabels())
                .containsEntry("influx-forecast/job", "forecasts-parking"));
        assertThat(pods.get(0).getSpec().getActiveDeadlineSeconds()).isEqualTo(30 * 60 + 300L);
        assertThat(pods.get(2).getSpec().getActiveDeadlineSeconds()).isEqualTo(90 * 60 + 300L);
        Pod heavy = pods.get(2);
        assertThat(heavy.getSpec().getNodeSelector()).containsEntry("node.kubernetes.io/instance-type", "m6g.2xlarge");
        assertThat(heavy.getSpec().getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getValue()).isEqualTo("forecasting");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        var resources = KubernetesYaml.container(heavy, "jnlp").getResources();
        assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("6Gi"));
        assertThat(resources.getLimits()).containsEntry("memory", new Quantity("8Gi")).containsEntry("cpu", new Quantity("2"));
        assertThat(KubernetesYaml.container(pods.get(0), "jnlp").getResources().getLimits())
                .containsEntry("memory", new Quantity("2Gi"));
        assertThat(pods.get(0).getSpec().getTolerations()).isEmpty();

        assertThat(buildResult()).isEqualTo("SUCCESS");
        assertThat(currentBuild().get("description")).isEqualTo(String.join("\n",
                "pr-noord: fft, MASE 0.812, sMAPE 7.500%, live MASE 0.950, 144 points written",
                "pr-zuid: snaive(season=144), MASE 0.812, sMAPE 7.500%, live MASE 2.100 (drift), 144 points written",
                "city-total: arima(season=144), MASE 0.812, sMAPE 7.500%, quality gate FAILED, 0 points written"));
    }

    @Test
    void aFailingForecastFailsTheBuildButNotTheOthers() {
        stepAnswers.put("influxExtract", call -> {
            if (call.args().get("output").equals("forecasts/pr-zuid/input.csv")) {
                throw new RuntimeException("InfluxDB answered 400: error parsing query: found WHER");
            }
            return Map.of("series", 1, "points", 4038);
        });
        runWith(read("src/test/resources/library/three-forecasts.yaml"));

        assertThat(steps.stream().map(s -> s.step() + "@" + s.stage()).toList()).containsExactly(
                "influxExtract@pr-noord", "score@pr-noord", "forecast@pr-noord", "influxLoad@pr-noord",
                "influxExtract@pr-zuid",
                "influxExtract@city-total", "score@city-total", "forecast@city-total", "influxLoad@city-total");
        assertThat(stageResults).containsEntry("pr-noord", "SUCCESS").containsEntry("pr-zuid", "FAILURE")
                .containsEntry("city-total", "SUCCESS");
        // the failed forecast's input and parameters are archived too
        assertThat(archived.stream().map(a -> a.get("artifacts")).toList())
                .containsExactly("forecasts/pr-noord/**", "forecasts/pr-zuid/**", "forecasts/city-total/**");
        assertThat(buildResult()).isEqualTo("FAILURE");
        assertThat((String) currentBuild().get("description"))
                .contains("pr-noord: fft, MASE 0.812")
                .contains("pr-zuid: FAILED: InfluxDB answered 400: error parsing query: found WHER")
                .contains("city-total: arima(season=144), MASE 0.812");
        assertThat(propertiesCalls).hasSize(1);
    }

    @Test
    void aForecastThatTimesOutFailsAloneAndTheBuildIsNotAborted() {
        stepAnswers.put("forecast", call -> {
            if (call.args().get("input").equals("forecasts/pr-noord/input.csv")) {
                throw new ForecastJobTest.FlowInterruptedException(new ForecastJobTest.ExceededTimeout());
            }
            return Map.of("summary", Map.of("model", "ets"));
        });
        runWith(read("src/test/resources/library/three-forecasts.yaml"));
        assertThat(steps("influxLoad")).hasSize(2);
        assertThat(stageResults).containsEntry("pr-noord", "FAILURE").containsEntry("pr-zuid", "SUCCESS");
        assertThat(log).contains("catchError: pr-noord: timed out after 30 minutes (timeoutMinutes)");
        assertThat(buildResult()).isEqualTo("FAILURE");
        assertThat((String) currentBuild().get("description"))
                .startsWith("pr-noord: FAILED: timed out after 30 minutes (timeoutMinutes)\npr-zuid: ets");
    }

    @Test
    void anAbortOfTheBuildIsNotCaughtButTheDescriptionIsWritten() {
        stepAnswers.put("influxExtract", call -> {
            throw new ForecastJobTest.FlowInterruptedException();
        });
        // JenkinsPipelineUnit's parallel runs the branches one after the other and rethrows at the end
        assertThatThrownBy(() -> runWith(read("src/test/resources/library/three-forecasts.yaml")))
                .hasMessageContaining("pr-noord - ");
        assertThat(log).noneMatch(l -> l.startsWith("catchError"));
        assertThat(steps("forecast")).isEmpty();
        assertThat(archived).hasSize(3);
        assertThat((String) currentBuild().get("description")).startsWith("pr-noord: FAILED: aborted\n");
    }

    @Test
    void onFailureUnstableMarksTheBuildUnstable() {
        stepAnswers.put("forecast", call -> {
            throw new RuntimeException("series too short for seasonal model: 30 points");
        });
        runWith("""
                server: influx-prod
                onFailure: unstable
                forecasts:
                  - name: a
                    query: SELECT value FROM a
                  - name: b
                    query: SELECT value FROM b
                """);
        assertThat(buildResult()).isEqualTo("UNSTABLE");
        assertThat(steps(("influxExtract"))).hasSize(2);
        assertThat(steps("influxLoad")).isEmpty();
        assertThat(stageResults).containsEntry("a", "FAILURE").containsEntry("b", "FAILURE");
        assertThat(currentBuild().get("description"))
                .isEqualTo("a: FAILED: series too short for seasonal model: 30 points\n"
                        + "b: FAILED: series too short for seasonal model: 30 points");
    }

    @Test
    void maxParallelRunsForecastsInBatches() {
        runWith("""
                server: influx-prod
                maxParallel: 2
                schedule: |
                  H 6 * * 1-5
                  H 18 * * 1-5
                timeZone: Europe/Amsterdam
                keepBuilds: 30
                keepArtifacts: 5
                forecasts:
                  - {name: a, query: SELECT value FROM a}
                  - {name: b, query: SELECT value FROM b}
                  - {name: c, query: SELECT value FROM c}
                """);
        List<Object> parallelArgs = getHelper().getCallStack().stream()
                .filter(c -> c.getMethodName().equals("parallel"))
                .map(c -> c.getArgs()[0]).toList();
        assertThat(parallelArgs).hasSize(2);
        assertThat(List.<Object>copyOf(((Map<?, ?>) parallelArgs.get(0)).keySet())).containsExactly("a", "b");
        assertThat(List.<Object>copyOf(((Map<?, ?>) parallelArgs.get(1)).keySet())).containsExactly("c");
        assertThat(podYamls).hasSize(3);
        assertThat(cronSpecs).containsExactly("TZ=Europe/Amsterdam\nH 6 * * 1-5\nH 18 * * 1-5");
        assertThat(propertiesCalls.get(0)).contains(Map.of("buildDiscarder",
                Map.of("logRotator", Map.of("numToKeepStr", "30", "artifactNumToKeepStr", "5"))));
    }

    @Test
    void anEngineImageRunsTheStepsInItsContainer() {
        runWith("""
                server: influx-prod
                forecasts:
                  - name: a
                    query: SELECT value FROM a
                    engineImage: registry.example.com/influx-forecast:0.1.0
                    resources:
                      limits: {memory: 3Gi}
                """);
        assertThat(steps).hasSize(4).allSatisfy(s -> assertThat(s.container()).isEqualTo("engine"));
        Pod pod = KubernetesYaml.pod(podYamls.get(0));
        var engine = KubernetesYaml.container(pod, "engine");
        assertThat(engine.getImage()).isEqualTo("registry.example.com/influx-forecast:0.1.0");
        assertThat(engine.getResources().getLimits()).containsEntry("memory", new Quantity("3Gi"));
        assertThat(KubernetesYaml.container(pod, "jnlp").getResources().getLimits())
                .containsEntry("memory", new Quantity("512Mi"));
    }

    @Test
    void aBadForecastsYamlStopsTheBuildBeforePropertiesOrPods() {
        assertThatThrownBy(() -> runWith("""
                server: influx-prod
                forecasts:
                  - name: a
                    query: SELECT value FROM a
                    horizon: one day
                """))
                .hasStackTraceContaining("forecasts.yaml: forecasts[0] (a).horizon must be a whole number");
        // the job keeps the schedule of its last good build
        assertThat(propertiesCalls).isEmpty();
        assertThat(podYamls).isEmpty();
        assertThat(steps).isEmpty();
    }

    @Test
    void aMissingForecastsYamlIsReported() {
        assertThatThrownBy(() -> runScript(JENKINSFILE))
                .hasStackTraceContaining("readTrusted: forecasts.yaml not found");
        assertThat(propertiesCalls).isEmpty();
    }

    @Test
    void anUnknownCallParameterIsRefused() {
        repositoryFiles.put("forecasts.yaml", "server: x\nforecasts: [{name: a, query: q}]\n");
        assertThatThrownBy(() -> runScript("src/test/resources/library/Jenkinsfile.unknown-parameter"))
                .hasStackTraceContaining("forecastPipeline has no parameter 'schedule'");
        assertThat(propertiesCalls).isEmpty();
    }

    @Test
    void aSecondCallInTheSameBuildIsRefused() {
        repositoryFiles.put("forecasts.yaml", "server: x\nforecasts: [{name: a, query: q}]\n");
        repositoryFiles.put("more-forecasts.yaml", "server: x\nschedule: '@daily'\nforecasts: [{name: b, query: q}]\n");
        assertThatThrownBy(() -> runScript("src/test/resources/library/Jenkinsfile.called-twice"))
                .hasStackTraceContaining("forecastPipeline runs once per build and already ran for forecasts.yaml");
        assertThat(propertiesCalls).hasSize(1);
        assertThat(cronSpecs).containsExactly("TZ=UTC\nH */12 * * *");
    }

    @Test
    void theParkingExampleIsTheArgoJob() {
        runWith(read("test-harness/examples/parking/forecasts.yaml"));
        assertThat(cronSpecs).containsExactly("TZ=UTC\n0 */12 * * *");
        assertThat(propertiesCalls).hasSize(1);
        assertThat(steps).extracting(StepCall::step).containsExactly("influxExtract", "score", "forecast", "influxLoad");
        assertThat(steps.get(0).args()).containsEntry("query", ARGO_QUERY)
                .containsEntry("server", "influx-prod").containsEntry("credentialsId", "influx-forecast-rw");
        // the Argo schedule, 0 */12 * * *: missed 12-hour slots are listed for backfill
        assertThat(steps.get(1).args()).containsEntry("every", "12h").containsEntry("name", "pr-noord");
        assertThat(steps.get(2).args()).containsEntry("backfill", 2)
                .containsEntry("liveAccuracy", "forecasts/pr-noord/score/score.json").containsEntry("model", "fft").containsEntry("smoothing", 3)
                .containsEntry("validation", "0.2").containsEntry("frequency", "10m").containsEntry("horizon", 144);
        Pod pod = KubernetesYaml.pod(podYamls.get(0));
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/arch", "arm64");
        assertThat(timeouts).containsExactly(Map.of("time", 40, "unit", "MINUTES"));
        assertThat(buildResult()).isEqualTo("SUCCESS");
    }

    static final String SHARDED = """
            server: influx-prod
            forecasts:
              - name: fleet
                query: SELECT mean(load) AS value FROM hosts WHERE time > now() - 14d GROUP BY time(1h), host
                shards: 3
                model: auto
              - name: total
                query: SELECT sum(load) AS value FROM hosts WHERE time > now() - 14d GROUP BY time(1h)
            """;

    /** Extract answers as a sharded query over 30 series would give them: each shard its share. */
    private void thirtySeriesInThreeShards() {
        stepAnswers.put("influxExtract", call -> {
            Object shard = call.args().get("shard");
            int series = shard == null ? 1 : switch ((String) shard) {
                case "1/3" -> 11;
                case "2/3" -> 9;
                default -> 10;
            };
            return Map.of("series", series, "points", series * 336, "shard", shard == null ? "" : shard);
        });
        stepAnswers.put("forecast", call -> Map.of("summary", Map.of("model", "auto", "series", 10, "failed", 0)));
        stepAnswers.put("influxLoad", call -> Map.of("status", "written", "pointsWritten", 240));
    }

    @Test
    void shardsRunAsPodsOfTheirOwnEachExtractingItsShareAndLoadingItsResults() {
        thirtySeriesInThreeShards();
        runWith(SHARDED);

        assertThat(podYamls).hasSize(4);
        assertThat(steps("influxExtract")).extracting(c -> c.args().get("shard")).containsExactly("1/3", "2/3", "3/3", null);
        assertThat(steps("influxExtract")).extracting(c -> c.args().get("output")).containsExactly(
                "forecasts/fleet/shard-1-of-3/input.csv", "forecasts/fleet/shard-2-of-3/input.csv",
                "forecasts/fleet/shard-3-of-3/input.csv", "forecasts/total/input.csv");
        // each shard forecasts and loads its own results, from its own pod, in its own stage
        assertThat(steps("influxLoad")).extracting(c -> c.args().get("input")).containsExactly(
                "forecasts/fleet/shard-1-of-3/output/forecast.lp", "forecasts/fleet/shard-2-of-3/output/forecast.lp",
                "forecasts/fleet/shard-3-of-3/output/forecast.lp", "forecasts/total/output/forecast.lp");
        assertThat(steps.stream().map(StepCall::pod).distinct().count()).isEqualTo(4);
        assertThat(stagesRun).containsExactly("fleet 1/3", "fleet 2/3", "fleet 3/3", "total");
        List<Pod> pods = podYamls.stream().map(KubernetesYaml::pod).toList();
        assertThat(pods).extracting(p -> p.getMetadata().getLabels().get("influx-forecast/shard"))
                .containsExactly("1-of-3", "2-of-3", "3-of-3", null);
        assertThat(written.get("forecasts/fleet/shard-2-of-3/parameters.json")).contains("\"shard\": \"2/3\"");
        assertThat(archived).extracting(a -> a.get("artifacts")).containsExactly("forecasts/fleet/shard-1-of-3/**",
                "forecasts/fleet/shard-2-of-3/**", "forecasts/fleet/shard-3-of-3/**", "forecasts/total/**");
        // the description adds the shards up
        assertThat(currentBuild().get("description")).isEqualTo(
                "fleet: 3 shards, 3 succeeded, 30 series, 720 points written\ntotal: auto, 240 points written");
        assertThat(buildResult()).isEqualTo("SUCCESS");
    }

    @Test
    void aFailingShardDoesNotStopTheOthers() {
        thirtySeriesInThreeShards();
        stepAnswers.put("forecast", call -> {
            if (((String) call.args().get("input")).contains("shard-2-of-3")) {
                throw new RuntimeException("series too short for seasonal model: 30 points");
            }
            return Map.of("summary", Map.of("model", "auto", "series", 10, "failed", 1));
        });
        runWith(SHARDED);
        assertThat(steps("influxLoad")).extracting(c -> c.args().get("input")).containsExactly(
                "forecasts/fleet/shard-1-of-3/output/forecast.lp", "forecasts/fleet/shard-3-of-3/output/forecast.lp",
                "forecasts/total/output/forecast.lp");
        assertThat(stageResults).containsEntry("fleet 1/3", "SUCCESS").containsEntry("fleet 2/3", "FAILURE")
                .containsEntry("fleet 3/3", "SUCCESS").containsEntry("total", "SUCCESS");
        assertThat(buildResult()).isEqualTo("FAILURE");
        assertThat(currentBuild().get("description")).isEqualTo("fleet: 3 shards, 2 succeeded, 21 series (2 failed),"
                + " 480 points written; shard 2/3 FAILED: series too short for seasonal model: 30 points\n"
                + "total: auto, 240 points written");
    }

    @Test
    void aShardWithoutSeriesSkipsTheForecastAndTheLoad() {
        thirtySeriesInThreeShards();
        stepAnswers.put("influxExtract", call -> Map.of("series", "3/3".equals(call.args().get("shard")) ? 0 : 15));
        runWith(SHARDED);
        assertThat(steps("forecast")).hasSize(3);
        assertThat(steps("score")).extracting(c -> c.args().get("actuals")).doesNotContain("forecasts/fleet/shard-3-of-3/input.csv")
                .hasSize(3);
        assertThat(steps("influxLoad")).extracting(c -> c.args().get("input")).doesNotContain(
                "forecasts/fleet/shard-3-of-3/output/forecast.lp");
        assertThat(log).contains("fleet 3/3: no series in this shard; nothing to forecast");
        assertThat(currentBuild().get("description")).asString().startsWith("fleet: 3 shards, 3 succeeded, 30 series, 480 points written");
    }

    static final String HISTORY = """
            server: influx-prod
            credentialsId: influx-rw
            schedule: "H */6 * * *"
            forecasts:
              - name: temperature
                query: SELECT mean(value) AS value FROM temperature WHERE time > now() - 21d GROUP BY time(1h)
                horizon: 48
                field: yhat
                backfill: 2
                score: {maxLiveMase: 1.5, driftFactor: 1.3, runs: 4, lookback: 14d}
              - name: humidity
                query: SELECT mean(value) AS value FROM humidity WHERE time > now() - 21d GROUP BY time(1h)
                history: false
            """;

    @Test
    void theForecastGetsTheScoreOfTheEarlierRunsBetweenExtractAndForecast() {
        stepAnswers.put("score", call -> scoreSummary(1.1));
        Object outcomes = runWith(HISTORY);

        // extract -> score -> forecast(liveAccuracy) -> load; history: false skips the score
        assertThat(steps).extracting(c -> c.step() + "@" + c.stage()).containsExactly(
                "influxExtract@temperature", "score@temperature", "forecast@temperature", "influxLoad@temperature",
                "influxExtract@humidity", "forecast@humidity", "influxLoad@humidity");
        Map<String, Object> extract = steps.get(0).args();
        Map<String, Object> score = steps.get(1).args();
        Map<String, Object> forecast = steps.get(2).args();
        // the actuals are the extract's output, read from the same server with the same credentials
        assertThat(score.get("actuals")).isEqualTo(extract.get("output"));
        assertThat(score.get("server")).isEqualTo(extract.get("server")).isEqualTo("influx-prod");
        assertThat(score.get("credentialsId")).isEqualTo(extract.get("credentialsId")).isEqualTo("influx-rw");
        // the history the forecast writes, with its field; the settings of the score section; the schedule's interval
        assertThat(score.get("historyMeasurement")).isEqualTo(forecast.get("historyMeasurement"))
                .isEqualTo("temperature-forecast-history");
        assertThat(score).containsEntry("name", "temperature").containsEntry("field", "yhat")
                .containsEntry("maxLiveMase", 1.5).containsEntry("driftFactor", 1.3).containsEntry("runs", 4)
                .containsEntry("lookback", "14d").containsEntry("every", "6h").doesNotContainKeys("asOf", "actualsQuery");
        // its score.json, inside the forecast's archived folder, is the forecast's live accuracy; backfill fills missed slots
        assertThat((String) score.get("outputDir")).startsWith("forecasts/temperature/");
        assertThat(archived).extracting(a -> a.get("artifacts")).contains("forecasts/temperature/**");
        assertThat(forecast).containsEntry("liveAccuracy", score.get("outputDir") + "/score.json")
                .containsEntry("history", true).containsEntry("backfill", 2);
        assertThat(steps.get(5).args()).doesNotContainKeys("history", "historyMeasurement", "liveAccuracy", "backfill");
        assertThat(written.get("forecasts/temperature/parameters.json")).contains("\"score\": {", "\"maxLiveMase\": 1.5");

        // the outcome carries the score's summary; the description shows the live MASE
        assertThat((List<?>) outcomes).first().satisfies(o -> assertThat(((Map<?, ?>) o).get("score")).isEqualTo(scoreSummary(1.1)));
        assertThat(((Map<?, ?>) ((List<?>) outcomes).get(1)).containsKey("score")).isFalse();
        assertThat((String) currentBuild().get("description")).contains("temperature: auto, MASE 0.812, sMAPE 7.500%, live MASE 1.100, 144 points written");
        assertThat(buildResult()).isEqualTo("SUCCESS");
    }

    @Test
    void theFirstBuildWithoutHistoryForecastsAsUsual() {
        stepAnswers.put("score", call -> scoreSummary(null));
        runWith(HISTORY);
        assertThat(steps("forecast")).hasSize(2);
        assertThat(steps("influxLoad")).hasSize(2);
        assertThat(buildResult()).isEqualTo("SUCCESS");
        assertThat((String) currentBuild().get("description")).startsWith("temperature: auto, MASE 0.812, sMAPE 7.500%, 144 points written\n");
    }

    @Test
    void aFailingScoreFailsItsForecastOnly() {
        stepAnswers.put("score", call -> {
            throw new RuntimeException("InfluxDB answered 401: authorization failed");
        });
        runWith(HISTORY);
        assertThat(steps).extracting(c -> c.step() + "@" + c.stage()).containsExactly(
                "influxExtract@temperature", "score@temperature",
                "influxExtract@humidity", "forecast@humidity", "influxLoad@humidity");
        assertThat(stageResults).containsEntry("temperature", "FAILURE").containsEntry("humidity", "SUCCESS");
        assertThat((String) currentBuild().get("description"))
                .startsWith("temperature: FAILED: InfluxDB answered 401: authorization failed\nhumidity: ");
        assertThat(buildResult()).isEqualTo("FAILURE");
    }

    /** Settings whose values only the steps know (choices, levels) are refused before any pod starts too. */
    @Test
    void everySettingIsCheckedOnTheControllerBeforeAnyPod() {
        Map<String, String> refused = Map.of(
                "fill: sideways", "forecasts.yaml: forecast a: the arguments of forecast are refused: fill",
                "levels: '80,200'", "forecasts.yaml: forecast a: the arguments of forecast are refused: levels",
                "model: fftt", "forecasts.yaml: forecasts[0] (a).model 'fftt': unknown model 'fftt'",
                "load: {precision: hours}", "forecasts.yaml: forecast a: the arguments of influxLoad are refused: precision",
                "extract: {chunkSize: 0}", "forecasts.yaml: forecast a: the arguments of influxExtract are refused: chunkSize",
                "extract: {measurement: m, aggregate: mean}",
                "forecasts.yaml: forecast a: the arguments of influxExtract are refused: aggregate needs window",
                "score: {retries: -1}", "forecasts.yaml: forecast a: the arguments of score are refused: retries must be >= 0, got -1");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            setUpFresh();
            assertThatThrownBy(() -> runWith("server: influx-prod\nforecasts:\n  - name: a\n"
                    + (bad.getKey().contains("measurement") ? "" : "    query: q\n") + "    " + bad.getKey() + "\n")).as(bad.getKey()).hasStackTraceContaining(bad.getValue());
            assertThat(podYamls).as(bad.getKey()).isEmpty();
            assertThat(propertiesCalls).as(bad.getKey()).isEmpty();
        }
    }

    private void setUpFresh() {
        podYamls.clear();
        propertiesCalls.clear();
        steps.clear();
        getBinding().getVariables().remove("currentBuild");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) getBinding().getVariable("env");
        env.remove("INFLUX_FORECAST_CONFIG");
    }
}
