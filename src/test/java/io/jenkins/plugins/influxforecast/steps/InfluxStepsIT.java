package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.AbortException;
import hudson.ExtensionList;
import hudson.model.Result;
import io.jenkins.plugins.influxforecast.influx.InfluxServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three steps as a Pipeline calls them, through the shim on a real temporary workspace,
 * launching the REAL engine jar against a real InfluxDB 1.x with authentication: extract, forecast
 * and load; the password, given by credentialsId, never appears in a log or a workspace file.
 */
class InfluxStepsIT {

    @RegisterExtension
    static InfluxServer influx = InfluxServer.withAuth();

    static final String DB = "parking";

    @TempDir
    Path root;

    Path ws;

    @BeforeAll
    static void data() throws IOException, InterruptedException {
        influx.createDatabase(DB);
        // three weeks of the bundled Seattle hourly temperatures as measurement "temperature"
        StringBuilder lp = new StringBuilder();
        try (InputStream in = InfluxStepsIT.class.getResourceAsStream("/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (int i = 0; i < 21 * 24; i++) {
                String[] f = r.readLine().split(",");
                long ns = LocalDateTime.parse(f[0]).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000L;
                lp.append("temperature,site=seattle value=").append(f[2]).append(' ').append(ns).append('\n');
            }
        }
        influx.write(DB, lp.toString());
    }

    @BeforeEach
    void configure() throws IOException {
        ws = root.resolve("workspace");
        Files.createDirectories(ws);
        io.jenkins.plugins.influxforecast.steps.InfluxServer server = new io.jenkins.plugins.influxforecast.steps.InfluxServer("influx-it", influx.url());
        server.setDatabase(DB);
        server.setCredentialsId("influx-admin");
        InfluxForecastConfiguration.get().setServers(List.of(server));
        SystemCredentialsProvider.getInstance().getCredentials().add(TestCredentials.usernamePassword("influx-admin", "admin", influx.adminPassword()));
        SystemCredentialsProvider.getInstance().getCredentials().add(TestCredentials.usernamePassword("wrong", "admin", "not-the-password"));
    }

    @AfterEach
    void clear() {
        InfluxForecastConfiguration.get().setServers(List.of());
        SystemCredentialsProvider.getInstance().getCredentials().clear();
        ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("influx-forecast-cli.jar"))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private TestStepContext context(int build) {
        return new TestStepContext(ws, new TestRun("parking", build, Instant.parse("2024-05-01T12:34:56Z").toEpochMilli()));
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("installedEngine", "none");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(Class<? extends StepDescriptor> descriptor, TestStepContext c, Map<String, Object> args) throws Throwable {
        StepDescriptor d = ExtensionList.lookupSingleton(descriptor);
        org.jenkinsci.plugins.workflow.cps.DSL.invokeStep(d, args, c);
        return (Map<String, Object>) c.await(Duration.ofMinutes(3));
    }

    @Test
    void extractForecastLoadAsAPipelineCallsThem() throws Throwable {
        TestStepContext x = context(1);
        Map<String, Object> extracted = call(InfluxExtractStep.DescriptorImpl.class, x, args("server", "influx-it",
                "measurement", "temperature", "where", List.of("site=seattle"), "aggregate", "mean", "window", "1h",
                "start", "14d", "asOf", "2010-01-21T00:00:00Z", "output", "forecast/input.csv"));
        assertThat(extracted).containsEntry("points", 14L * 24).containsEntry("series", 1L).containsEntry("asOf", "2010-01-21T00:00:00Z")
                .containsEntry("output", "forecast/input.csv");
        ForecastStepIT.assertJdkOnly(extracted);
        assertThat(x.listener().log()).contains("[influx-forecast] influxExtract: as of 2010-01-21T00:00:00Z, window 2010-01-07T00:00:00Z to 2010-01-21T00:00:00Z")
                .contains("with username/password credential 'influx-admin'");

        TestStepContext f = context(1);
        Map<String, Object> forecast = call(ForecastStep.DescriptorImpl.class, f, args("input", "forecast/input.csv",
                "outputDir", "forecast/output", "model", "snaive(season=24)", "frequency", "1h", "horizon", 24, "validation", "48",
                "tags", List.of("site=seattle")));
        assertThat(forecast).containsEntry("pointsForecast", 24L).containsEntry("qualityGate", "NONE");

        TestStepContext l = context(1);
        Map<String, Object> loaded = call(InfluxLoadStep.DescriptorImpl.class, l, args("server", "influx-it",
                "input", "forecast/output/forecast.lp"));
        assertThat(loaded).containsEntry("pointsWritten", 24L).containsEntry("unstable", false);
        ForecastStepIT.assertJdkOnly(loaded);
        assertThat(influx.count(DB, "temperature-prediction", "value")).isEqualTo(24);
        assertThat(l.listener().log()).contains("[influx-forecast] influxLoad: 24 point(s) written");

        String password = influx.adminPassword();
        for (TestStepContext c : List.of(x, f, l)) {
            assertThat(c.listener().log()).doesNotContain(password);
        }
        assertThat(x.listener().log()).contains("INFLUX_PASSWORD=****");
        assertNoFileContains(ws.getParent(), password);
        assertThat(ws.resolve("forecast/influxExtract.log")).exists();
        assertThat(ws.resolve("forecast/influxExtract-parameters.json")).content()
                .contains("\"database\": \"parking\"").doesNotContain(password);
        assertThat(ws.resolve("forecast/output/influxLoad-parameters.json")).exists();
    }

    @Test
    void aRawQueryAShellWouldMangleReachesTheEngineThroughAFile() throws Throwable {
        TestStepContext x = context(2);
        String query = "SELECT value FROM \"temperature\" WHERE \"site\" =~ /^seattle$/ AND time < '2010-01-03T00:00:00Z'";
        Map<String, Object> r = call(InfluxExtractStep.DescriptorImpl.class, x, args("server", "influx-it", "query", query,
                "output", "raw/input.csv"));
        assertThat(r).containsEntry("points", 47L);
        assertThat(ws.resolve("raw/query.influxql")).content().isEqualTo(query + "\n");
        assertThat(x.listener().log()).contains("--query-file raw/query.influxql");
    }

    @Test
    void aFailedQualityGateKeepsTheForecastOutOfInfluxUnlessTold() throws Throwable {
        Files.createDirectories(ws.resolve("gate"));
        Files.writeString(ws.resolve("gate/forecast.lp"), "gated value=1 1262304000000000000\n");
        Files.writeString(ws.resolve("gate/quality-gate.json"), "{\"status\": \"FAILED\"}\n");
        TestStepContext l = context(3);
        Map<String, Object> r = call(InfluxLoadStep.DescriptorImpl.class, l, args("server", "influx-it", "input", "gate/forecast.lp"));
        assertThat(r).containsEntry("status", "skipped").containsEntry("pointsWritten", 0L);
        assertThat(influx.count(DB, "gated", "value")).isZero();
        assertThat(l.listener().log()).contains("influxLoad: nothing written: the forecast in gate/forecast.lp failed its quality gate");

        TestStepContext forced = context(4);
        Map<String, Object> w = call(InfluxLoadStep.DescriptorImpl.class, forced, args("server", "influx-it", "input", "gate/forecast.lp",
                "ignoreQualityGate", true));
        assertThat(w).containsEntry("pointsWritten", 1L);
        assertThat(influx.count(DB, "gated", "value")).isEqualTo(1);

        Files.writeString(ws.resolve("gate/quality-gate.json"), "{\"status\": \"PENDING\"}\n");
        assertThatThrownBy(() -> call(InfluxLoadStep.DescriptorImpl.class, context(5), args("server", "influx-it", "input", "gate/forecast.lp")))
                .isInstanceOf(AbortException.class).hasMessageContaining("did not finish");
    }

    /**
     * InfluxDB 1.x keeps the points of a batch it can and drops those whose field type conflicts
     * ("partial write ... dropped=1"): the step returns every field of load-summary.json, logs what
     * was written and dropped on one line, and marks the build UNSTABLE as the engine's exit code 3 says.
     */
    @Test
    void aPartialWriteReturnsEveryFieldOfTheSummaryAndMarksTheBuildUnstable() throws Throwable {
        Files.createDirectories(ws.resolve("partial"));
        Files.writeString(ws.resolve("partial/first.lp"), "conflict value=1 1262304000000000000\n");
        call(InfluxLoadStep.DescriptorImpl.class, context(7), args("server", "influx-it", "input", "partial/first.lp"));
        Files.writeString(ws.resolve("partial/forecast.lp"), "conflict value=\"text\" 1262307600000000000\n"
                + "conflict_ok value=2 1262307600000000000\n");
        TestStepContext l = context(8);
        Map<String, Object> r = call(InfluxLoadStep.DescriptorImpl.class, l, args("server", "influx-it", "input", "partial/forecast.lp",
                "unstableOnFailure", true));
        Set<String> fileKeys = com.google.gson.JsonParser.parseString(Files.readString(ws.resolve("partial/load-summary.json")))
                .getAsJsonObject().keySet();
        assertThat(r.keySet()).containsAll(fileKeys);
        assertThat(r).containsEntry("status", "unstable").containsEntry("unstable", true).containsEntry("dropped", 1L)
                .containsEntry("failedBatch", 1L).containsEntry("points", 2L);
        ForecastStepIT.assertJdkOnly(r);
        assertThat(l.result()).isEqualTo(Result.UNSTABLE);
        assertThat(l.listener().log()).contains("[influx-forecast] influxLoad: " + r.get("pointsWritten") + " of 2 point(s) written for sure,"
                + " the load stopped at batch 1 of 1; InfluxDB dropped 1 point(s)");
    }

    /**
     * score through the shim: a run's history written by hand (forecast = actual + 1 for 24 hours, scale 2,
     * backtest MASE 0.25), the actuals read by a raw query; live MASE 0.5 is twice the backtest: drift,
     * UNSTABLE, and the build description carries the headline.
     */
    @Test
    void scoreReturnsTheHeadlineFiguresMarksDriftUnstableAndDescribesTheBuild() throws Throwable {
        long origin = LocalDateTime.parse("2010-01-10T00:00:00").toEpochSecond(ZoneOffset.UTC);
        Map<Long, Double> actual = new HashMap<>();
        try (InputStream in = InfluxStepsIT.class.getResourceAsStream("/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                actual.put(LocalDateTime.parse(f[0]).toEpochSecond(ZoneOffset.UTC), Double.parseDouble(f[2]));
            }
        }
        StringBuilder lp = new StringBuilder();
        for (int lead = 1; lead <= 24; lead++) {
            long t = origin + 3600L * lead;
            double f = actual.get(t) + 1;
            lp.append("temperature-forecast-history,lead=").append(lead).append(",site=seattle value=").append(f)
                    .append(",lower_80=").append(f - 0.5).append(",upper_80=").append(f + 0.5).append(",issued=").append(origin)
                    .append(",origin=").append(origin).append(",model=\"theta\",build=3,scale=2,backtest_mase=0.25 ")
                    .append(t).append("000000000\n");
        }
        influx.write(DB, lp.toString());
        TestRun run = new TestRun("parking", 9, Instant.parse("2024-05-01T12:34:56Z").toEpochMilli());
        run.setDescription("pr-noord: fft, MASE 0.812");
        TestStepContext c = new TestStepContext(ws, run);
        Map<String, Object> r = call(ScoreStep.DescriptorImpl.class, c, args("server", "influx-it", "name", "temperature",
                "actualsQuery", "SELECT value FROM temperature WHERE site = 'seattle' GROUP BY site", "asOf", "2010-01-12T00:00:00Z",
                "lookback", "7d", "outputDir", "score"));
        assertThat(r).containsEntry("liveMase", 0.5).containsEntry("backtestMase", 0.25).containsEntry("drifting", true)
                .containsEntry("runsScored", 1L).containsEntry("runsComplete", 1L).containsEntry("unstable", true);
        ForecastStepIT.assertJdkOnly(r);
        assertThat(c.result()).isEqualTo(Result.UNSTABLE);
        assertThat(c.listener().log()).contains("score: live accuracy: drift: temperature {site=seattle} live MASE 0.5");
        assertThat(run.getDescription()).isEqualTo("pr-noord: fft, MASE 0.812\nscore temperature: live MASE 0.500 (backtest 0.250), DRIFT");
        assertThat(ws.resolve("score/score.json")).exists();
        assertThat(ws.resolve("score/history.png")).exists();
        assertThat(influx.count(DB, "temperature-accuracy", "mae")).isEqualTo(1 + 6); // all, and 1, 2, 3-4, 5-8, 9-16, 17-32
        assertThat(c.listener().log()).doesNotContain(influx.adminPassword());
    }

    @Test
    void wrongCredentialsFailWithOneLineAndNoSecret() throws Throwable {
        TestStepContext x = context(6);
        assertThatThrownBy(() -> call(InfluxExtractStep.DescriptorImpl.class, x, args("server", "influx-it", "credentialsId", "wrong",
                "measurement", "temperature", "output", "bad/input.csv")))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("influxExtract")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-password"));
        assertThat(x.listener().log()).doesNotContain("not-the-password");
        assertThat(ws.resolve("bad/influxExtract-parameters.json")).content().contains("\"status\": \"failed\"");
        assertThat(x.result()).isNotEqualTo(Result.SUCCESS);
    }

    private static void assertNoFileContains(Path dir, String secret) throws IOException {
        List<Path> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (p.toString().endsWith(".jar") || p.toString().endsWith(".png")) {
                    continue;
                }
                if (Files.readString(p, StandardCharsets.ISO_8859_1).contains(secret)) {
                    offenders.add(p);
                }
            }
        }
        assertThat(offenders).as("files holding the secret").isEmpty();
    }
}
