package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.ExtensionList;
import hudson.model.Result;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.DSL;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code forecast} step running the REAL engine jar the plugin carries (it exists only after
 * {@code package}, hence an IT) on a real temporary workspace, as Pipeline would call it.
 */
class ForecastStepIT {

    @TempDir
    Path root;

    Path ws;

    /** No engine process may outlive a test, whatever happened in it. */
    @AfterEach
    void noEngineLeftRunning() {
        ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("influx-forecast-cli.jar"))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @BeforeEach
    void workspace() throws IOException {
        ws = root.resolve("workspace");
        Files.createDirectories(ws.resolve("data"));
        try (InputStream in = getClass().getResourceAsStream("/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv")) {
            Files.copy(in, ws.resolve("data/seattle.csv"));
        }
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("input", "data/seattle.csv");
        m.put("outputDir", "out");
        m.put("timeColumn", "date");
        m.put("valueColumn", "temperature");
        m.put("installedEngine", "none");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private TestStepContext context(int build) {
        return new TestStepContext(ws, new TestRun("parking", build, Instant.parse("2024-05-01T12:34:56Z").toEpochMilli()));
    }

    private static StepExecution start(TestStepContext c, Map<String, Object> args) throws Exception {
        return DSL.invokeStep(ExtensionList.lookupSingleton(ForecastStep.DescriptorImpl.class), args, c);
    }

    @Test
    @SuppressWarnings("unchecked")
    void forecastsThroughTheStepAndReturnsASmallJdkOnlySummary() throws Throwable {
        TestStepContext c = context(7);
        start(c, args("model", "snaive(season=24)", "horizon", 24, "validation", "168", "frequency", "1h", "maxMase", 100.0,
                "tags", List.of("site=seattle")));
        Map<String, Object> r = (Map<String, Object>) c.await(Duration.ofMinutes(2));
        String log = c.listener().log();

        assertThat(r.get("model")).isEqualTo("snaive(season=24)");
        assertThat((Map<String, Object>) r.get("metrics")).containsKeys("mae", "rmse", "mape", "smape", "mase");
        assertThat(((Number) ((Map<String, Object>) r.get("metrics")).get("mase")).doubleValue()).isGreaterThan(0);
        assertThat(r).containsEntry("series", 1L).containsEntry("failed", 0L).containsEntry("pointsForecast", 24L)
                .containsEntry("qualityGate", "PASSED").containsEntry("asOf", "2024-05-01T12:00:00Z")
                .containsEntry("outputDir", "out").containsEntry("unstable", false);
        assertThat((List<Object>) r.get("files")).contains("out/forecast.csv", "out/forecast.lp", "out/metrics.json", "out/forecast.png");
        assertJdkOnly(r);
        assertThat(c.result()).isNull();

        assertThat(Files.readAllLines(ws.resolve("out/forecast.csv"))).hasSize(25);
        // the model as a field (one series key whatever model is chosen), the run's identity (asOf, build) as fields
        assertThat(Files.readAllLines(ws.resolve("out/forecast.lp")).get(0))
                .startsWith("seattle-prediction,site=seattle value=")
                .containsPattern(",as_of=1714564800\\.0,build=7\\.0,model=\"snaive\\(season=24\\)\" \\d+$");
        // the headline figures: the validation model, FVA against the seasonal naive baseline (the same model here: 0%)
        assertThat(r).containsEntry("validationModel", "snaive(season=24)");
        assertThat(((Number) r.get("fva")).doubleValue()).isEqualTo(0.0);
        assertThat(c.run().getDescription()).matches("forecast out: snaive\\(season=24\\), validation MASE [0-9.]+, FVA \\+0\\.0%");
        assertThat(Files.readString(ws.resolve("out/metrics.json"))).contains("\"as_of\": \"2024-05-01T12:00:00Z\"", "\"build\": 7");
        assertThat(Files.readString(ws.resolve("out/forecast.log"))).contains("validation: snaive(season=24)");
        assertThat(Files.readString(ws.resolve("out/forecast-parameters.json")))
                .contains("\"build\": \"parking#7\"", "\"status\": \"succeeded\"", "\"asOf\": \"2024-05-01T12:00:00Z\"", "\"model\": \"snaive(season=24)\"");
        assertThat(Files.readString(ws.resolve("out/quality-gate.json"))).contains("\"status\": \"PASSED\"");

        assertThat(log).contains("[influx-forecast] forecast: as of 2024-05-01T12:00:00Z");
        assertThat(log).containsPattern("\\[influx-forecast] forecast: engine \\S+ copied to the agent at .*workspace@tmp/influx-forecast/");
        assertThat(log).contains("[influx-forecast] validation: snaive(season=24)");
        assertThat(log).containsPattern("\\[influx-forecast] forecast: engine finished in \\d+\\.\\d s");
        assertThat(log).containsPattern("\\[influx-forecast] forecast: model snaive\\(season=24\\), validation sMAPE [0-9.]+ MASE [0-9.]+; outputs in out/");
        assertThat(log).contains("[influx-forecast] forecast: quality gate passed: validation MASE");
        for (String line : log.split("\n")) {
            assertThat(line).as("every step line is prefixed").startsWith("[influx-forecast] ");
        }
        assertThat(c.listener().wasClosed()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedQualityGateMarksTheBuildUnstableOrFailed() throws Throwable {
        TestStepContext c = context(8);
        start(c, args("model", "naive", "horizon", 12, "validation", 48, "maxMase", 0.001, "maxSmape", 500.0));
        Map<String, Object> r = (Map<String, Object>) c.await(Duration.ofMinutes(2));
        assertThat(r).containsEntry("qualityGate", "FAILED");
        assertThat(c.result()).isEqualTo(Result.UNSTABLE);
        assertThat(c.listener().log()).containsPattern("quality gate failed: validation MASE [0-9.e+-]+ > maxMase 0.001000; validation sMAPE [0-9.e+-]+ <= maxSmape 500.0 - build marked UNSTABLE");
        assertThat(Files.readString(ws.resolve("out/quality-gate.json"))).contains("\"status\": \"FAILED\"", "\"buildResult\": \"UNSTABLE\"");
        // the stage shows as unstable too: a WarningAction on the step's flow node, as the unstable step adds
        assertThat(c.node().getAction(WarningAction.class)).isNotNull().satisfies(w -> {
            assertThat(w.getResult()).isEqualTo(Result.UNSTABLE);
            assertThat(w.getMessage()).startsWith("forecast: quality gate failed: validation MASE");
        });

        TestStepContext f = context(9);
        start(f, args("model", "naive", "horizon", 12, "validation", "48", "maxSmape", 0.0001, "failOnQualityGate", true));
        f.await(Duration.ofMinutes(2));
        assertThat(f.result()).isEqualTo(Result.FAILURE);
        assertThat(f.node().getAction(WarningAction.class).getResult()).isEqualTo(Result.FAILURE);
        assertThat(Files.readString(ws.resolve("out/quality-gate.json"))).contains("\"buildResult\": \"FAILURE\"");
    }

    @Test
    void badInputFailsTheStepWithTheEnginesOneLineError() throws Throwable {
        Files.writeString(ws.resolve("data/empty.csv"), "");
        TestStepContext c = context(10);
        start(c, args("input", "data/empty.csv"));
        assertThatThrownBy(() -> c.await(Duration.ofMinutes(2)))
                .isInstanceOf(AbortException.class)
                .hasMessage("forecast: bad input: error: input file data/empty.csv is empty");
        assertThat(Files.readString(ws.resolve("out/forecast-parameters.json"))).contains("\"status\": \"failed\"");
        assertThat(Files.readString(ws.resolve("out/quality-gate.json"))).contains("\"status\": \"PENDING\"");
        assertThat(Files.readString(ws.resolve("out/forecast.log"))).contains("error: input file data/empty.csv is empty");

        TestStepContext h = context(11);
        start(h, args("valueColumn", "humidity"));
        assertThatThrownBy(() -> h.await(Duration.ofMinutes(2))).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("forecast: bad input: error: ").hasMessageContaining("humidity");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void abortingKillsTheEngineProcessPromptly() throws Throwable {
        // a series long enough that the engine is still reading it when the build is aborted
        Path big = ws.resolve("data/big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("time,value\n");
            Instant t = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = 0; i < 1_500_000; i++) {
                w.write(t.plusSeconds(60L * i).toString());
                w.write(',');
                w.write(Integer.toString(i % 1440));
                w.write('\n');
            }
        }
        TestStepContext c = context(12);
        StepExecution e = start(c, args("input", "data/big.csv", "timeColumn", "", "valueColumn", "", "model", "naive", "horizon", 10, "validation", "10"));
        ProcessHandle engine = waitForEngine("data/big.csv", Duration.ofSeconds(60));
        Thread.sleep(300);
        assertThat(engine.isAlive()).as("engine still running when aborted").isTrue();
        AbortException cause = new AbortException("Aborted by test");
        e.stop(cause);
        assertThatThrownBy(() -> c.await(Duration.ofSeconds(30))).isSameAs(cause);
        engine.onExit().get(10, TimeUnit.SECONDS); // ended by the abort, not by finishing its work
        assertThat(engine.isAlive()).isFalse();
        waitFor(() -> c.listener().log().contains("[influx-forecast] forecast: aborted, stopping the engine process"), Duration.ofSeconds(10));
        waitFor(() -> Files.exists(ws.resolve("out/forecast-parameters.json")), Duration.ofSeconds(10));
    }

    private static ProcessHandle waitForEngine(String input, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> p = ProcessHandle.current().descendants()
                    .filter(h -> h.info().commandLine().orElse("").contains("influx-forecast-cli.jar forecast --input " + input))
                    .findFirst();
            if (p.isPresent()) {
                return p.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the engine process did not start within " + timeout);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Only the types Pipeline may keep and Jenkins' class filter lets through. */
    static void assertJdkOnly(Object o) {
        if (o == null || o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean || o instanceof Integer) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            assertThat(o.getClass()).isIn(java.util.LinkedHashMap.class, java.util.HashMap.class);
            m.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertJdkOnly(v);
            });
            return;
        }
        if (o instanceof List<?> l) {
            assertThat(o.getClass()).isEqualTo(java.util.ArrayList.class);
            l.forEach(ForecastStepIT::assertJdkOnly);
            return;
        }
        throw new AssertionError("not a JDK type: " + o.getClass());
    }
}
