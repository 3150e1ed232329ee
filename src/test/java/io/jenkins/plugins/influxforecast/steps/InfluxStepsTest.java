package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.AbortException;
import hudson.ExtensionList;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jenkinsci.plugins.workflow.steps.Step;
import java.nio.file.Path;

/** influxExtract, influxLoad, the server configuration and credential resolution, without a server. */
class InfluxStepsTest {

    static final Set<String> CONNECTION_STEP_ONLY = Set.of("server", "credentialsId", "maxRamPercentage", "timeoutMinutes", "installedEngine");

    @AfterEach
    void clear() {
        InfluxForecastConfiguration.get().setServers(List.of());
        SystemCredentialsProvider.getInstance().getCredentials().clear();
    }

    @TempDir
    Path workspace;

    private static InfluxExtractStep extract(Map<String, Object> args) {
        return PipelineBinding.bind(InfluxExtractStep.class, args);
    }

    private static InfluxLoadStep load(Map<String, Object> args) {
        return PipelineBinding.bind(InfluxLoadStep.class, args);
    }

    /** Binds and starts, as Pipeline does: the cross-field checks run at the start. */
    private void started(Step s) throws Exception {
        s.start(new TestStepContext(workspace, new TestRun("j", 1, 0L)));
    }

    @Test
    void everyExtractOptionIsAStepParameterAndBack() {
        Set<String> own = new java.util.HashSet<>(CONNECTION_STEP_ONLY);
        own.add("asOf");
        StepContract.check(InfluxExtractStep.class, Commands.EXTRACT, own, Set.of("url"));
    }

    @Test
    void everyLoadOptionIsAStepParameterAndBack() {
        Set<String> own = new java.util.HashSet<>(CONNECTION_STEP_ONLY);
        own.add("ignoreQualityGate");
        StepContract.check(InfluxLoadStep.class, Commands.LOAD, own, Set.of("url"));
    }

    @Test
    void extractCrossFieldChecks() {
        assertThatThrownBy(() -> started(extract(Map.of("measurement", "m"))))
                .hasMessage("give server (a name from Manage Jenkins > System > influx-forecast) or url");
        assertThatThrownBy(() -> started(extract(Map.of("server", "s"))))
                .hasMessage("give exactly one of query, flux, queryFile, fluxFile (raw queries) or measurement (structured query), got none");
        assertThatThrownBy(() -> started(extract(Map.of("server", "s", "query", "SELECT 1", "measurement", "m"))))
                .hasMessageEndingWith("got 2");
        assertThatThrownBy(() -> started(extract(Map.of("server", "s", "query", "SELECT * FROM m", "window", "1h"))))
                .hasMessageStartingWith("where, aggregate, window, start, end, last and groupBy belong to a structured query");
        assertThatThrownBy(() -> started(extract(Map.of("server", "s", "measurement", "m", "aggregate", "mean"))))
                .hasMessage("aggregate needs window (e.g. window: '10m')");
        assertThatThrownBy(() -> extract(Map.of("url", "ftp://x", "measurement", "m")))
                .hasRootCauseMessage("url must be an http:// or https:// URL such as http://influxdb:8086, got 'ftp://x'");
        assertThatThrownBy(() -> extract(Map.of("url", "http://u:p@x:8086", "measurement", "m")))
                .hasRootCauseMessage("url must not contain credentials (use credentialsId), got a URL with a user part");
        assertThatThrownBy(() -> extract(Map.of("server", "s", "measurement", "m", "aggregate", "avg", "window", "1h")))
                .hasRootCauseMessage("aggregate must be one of mean, median, mode, sum, count, min, max, first, last, spread, stddev, got 'avg'");
        assertThatThrownBy(() -> extract(Map.of("server", "s", "measurement", "m", "output", "../x.csv")))
                .hasRootCauseMessage("output must stay inside the workspace (no '..'), got '../x.csv'");
    }

    @Test
    void extractAsOfIsTheBuildStartOnTheWindowGridAndDrivesTheWindow() throws Exception {
        InfluxExtractStep s = extract(Map.of("server", "s", "measurement", "m", "aggregate", "mean", "window", "10m", "start", "7d"));
        long start = java.time.Instant.parse("2024-05-01T12:34:56Z").toEpochMilli();
        String asOf = s.resolveAsOf(start);
        assertThat(asOf).isEqualTo("2024-05-01T12:30:00Z");
        assertThat(InfluxExtractStep.absoluteStart("7d", asOf)).isEqualTo("2024-04-24T12:30:00Z");
        assertThat(InfluxExtractStep.absoluteStart("2024-01-01", asOf)).isEqualTo("2024-01-01");
        assertThat(s.outputFolder()).isEmpty();
        s.setOutput("forecast/input.csv");
        assertThat(s.outputFolder()).isEqualTo("forecast");
    }

    @Test
    void loadBindsAndChecks() throws Exception {
        InfluxLoadStep s = load(Map.of("server", "s", "input", "out/forecast.lp", "precision", "MS", "dryRun", true));
        assertThat(s.getPrecision()).isEqualTo("ms");
        assertThat(s.isDryRun()).isTrue();
        assertThat(s.inputFolder()).isEqualTo("out");
        assertThatThrownBy(() -> load(Map.of("server", "s", "batchSize", 0))).hasRootCauseMessage("batchSize must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> started(load(Map.of("input", "x.lp")))).hasMessage("give server (a name from Manage Jenkins > System > influx-forecast) or url");
        assertThat(ExtensionList.lookupSingleton(InfluxLoadStep.DescriptorImpl.class)
                .argumentsToString(Map.of("server", "influx-prod", "credentialsId", "c", "input", "out/forecast.lp")))
                .isEqualTo("out/forecast.lp -> influx-prod");
    }

    @Test
    void serversAreNamedUniquelyAndCarryNoSecret() {
        InfluxServer a = new InfluxServer("influx-prod", "http://influxdb:8086");
        a.setDatabase("parking");
        a.setCredentialsId("rw");
        InfluxServer b = new InfluxServer("influx-prod", "http://other:8086");
        assertThatThrownBy(() -> InfluxForecastConfiguration.get().setServers(List.of(a, b)))
                .hasMessage("InfluxDB server names must be unique: 'influx-prod' is given twice");
        assertThatThrownBy(() -> new InfluxServer("bad name", "http://x")).hasMessageStartingWith("name must be letters, digits");
        assertThatThrownBy(() -> a.setInfluxVersion("4")).hasMessage("influxVersion must be one of 1, 2, 3, got '4'");
        InfluxForecastConfiguration.get().setServers(List.of(a));
        assertThat(InfluxForecastConfiguration.get().server("influx-prod")).isSameAs(a);
        assertThat(a.connectionValues()).containsOnlyKeys("url", "influxVersion", "database");
    }

    @Test
    void configureClearsTheServersBeforeBindingTheForm() throws Exception {
        InfluxForecastConfiguration.get().setServers(List.of(new InfluxServer("x", "http://x:8086")));
        InfluxForecastConfiguration.get().configure((bean, json) -> { }, null);
        assertThat(InfluxForecastConfiguration.get().getServers()).isEmpty();
    }

    @Test
    void accessMergesTheServerWithTheStepAndResolvesCredentialsIntoTheEnvironmentOnly() throws Exception {
        InfluxServer prod = new InfluxServer("influx-prod", "http://influxdb:8086");
        prod.setDatabase("parking");
        prod.setCredentialsId("rw");
        InfluxForecastConfiguration.get().setServers(List.of(prod));
        SystemCredentialsProvider.getInstance().getCredentials().add(TestCredentials.usernamePassword("rw", "forecaster", "s3cr3t!"));
        SystemCredentialsProvider.getInstance().getCredentials().add(TestCredentials.token("tok", "t0ken"));
        TestRun run = new TestRun("j", 1, 0L);

        Map<String, Object> step = new HashMap<>();
        step.put("database", "other");
        InfluxAccess.Resolved r = InfluxAccess.resolve("influx-prod", step, null, run);
        assertThat(r.connectionValues()).containsEntry("url", "http://influxdb:8086").containsEntry("database", "other")
                .doesNotContainValue("s3cr3t!").doesNotContainValue("forecaster");
        assertThat(r.secretEnv()).containsExactlyInAnyOrderEntriesOf(Map.of("INFLUX_USERNAME", "forecaster", "INFLUX_PASSWORD", "s3cr3t!"));
        assertThat(r.description()).contains("username/password credential 'rw'").doesNotContain("s3cr3t!").doesNotContain("forecaster");

        // every form the password may take in the engine's output is masked: raw, URL-encoded, HTTP Basic
        assertThat(r.masked()).contains("s3cr3t!", "s3cr3t%21",
                java.util.Base64.getEncoder().encodeToString("forecaster:s3cr3t!".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .contains("forecaster"); // the test credential declares its user name secret

        InfluxAccess.Resolved t = InfluxAccess.resolve("influx-prod", Map.of(), "tok", run);
        assertThat(t.secretEnv()).containsExactly(Map.entry("INFLUX_TOKEN", "t0ken"));
        assertThat(t.masked()).contains("t0ken");

        assertThatThrownBy(() -> InfluxAccess.resolve("influx-prod", Map.of(), "nope", run))
                .isInstanceOf(AbortException.class)
                .hasMessage("credentialsId 'nope': no username/password or secret text credential with that ID is available to this build");
        assertThatThrownBy(() -> InfluxAccess.resolve("influx-test", Map.of(), null, run))
                .isInstanceOf(AbortException.class)
                .hasMessage("server 'influx-test' is not configured in Manage Jenkins > System > influx-forecast (configured: influx-prod)");
        InfluxAccess.Resolved inline = InfluxAccess.resolve(null, Map.of("url", "http://h:8086"), null, run);
        assertThat(inline.secretEnv()).isEmpty();
    }
}
