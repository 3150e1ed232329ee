package io.jenkins.plugins.influxforecast.hpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.influxforecast.steps.ForecastStep;
import io.jenkins.plugins.influxforecast.steps.InfluxExtractStep;
import io.jenkins.plugins.influxforecast.steps.InfluxForecastConfiguration;
import io.jenkins.plugins.influxforecast.steps.InfluxLoadStep;
import io.jenkins.plugins.influxforecast.steps.InfluxServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.nodes.StepAtomNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The plugin in a real Jenkins: a Pipeline job on an agent runs Jenkinsfile.example's three steps
 * (without its Kubernetes pod) against a real InfluxDB, with the password given by credentialsId;
 * an abort kills the engine process; the Snippet Generator forms bind every parameter.
 * Runs only with test-harness/hpi/pom.xml (it needs the Jenkins Maven repository); the tests that need
 * InfluxDB skip, saying why, where Debian's influxd is not installed.
 */
@WithJenkins
class ForecastPipelineTest {

    static RealInfluxDb influx;

    /** Starts InfluxDB for the tests that need it; skips them, with the reason, where influxd is absent. */
    static synchronized RealInfluxDb influx() throws Exception {
        if (influx != null) {
            return influx;
        }
        influx = new RealInfluxDb();
        influx.query(null, "CREATE DATABASE \"parking\"");
        StringBuilder lp = new StringBuilder();
        try (InputStream in = ForecastPipelineTest.class.getResourceAsStream("/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (int i = 0; i < 21 * 24; i++) {
                String[] f = r.readLine().split(",");
                long ns = LocalDateTime.parse(f[0]).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000L;
                lp.append("temperature,name=seattle value=").append(f[2]).append(' ').append(ns).append('\n');
            }
        }
        influx.write("parking", lp.toString());
        return influx;
    }

    @AfterAll
    static void stopInflux() throws Exception {
        if (influx != null) {
            influx.close();
        }
    }

    private static void configure() throws Exception {
        influx();
        InfluxServer server = new InfluxServer("influx-prod", influx.url());
        server.setDatabase("parking");
        server.setCredentialsId("influx-forecast-rw");
        InfluxForecastConfiguration.get().setServers(List.of(server));
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "influx-forecast-rw", "InfluxDB", "admin", influx.password));
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void aPipelineOnAnAgentExtractsForecastsAndLoads(JenkinsRule j) throws Exception {
        configure();
        DumbSlave agent = j.createOnlineSlave(Label.get("forecast"));
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "parking");
        p.setDefinition(new CpsFlowDefinition(String.join("\n",
                "node('forecast') {",
                "  def x = influxExtract server: 'influx-prod', measurement: 'temperature', where: ['name=seattle'],",
                "      aggregate: 'mean', window: '1h', start: '14d', asOf: '2010-01-21T00:00:00Z', output: 'forecast/input.csv'",
                "  def f = forecast input: 'forecast/input.csv', outputDir: 'forecast/output', frequency: '1h',",
                "      model: 'snaive(season=24)', horizon: 24, validation: 48, tags: ['name=seattle'], maxMase: 50",
                "  def l = influxLoad server: 'influx-prod', input: 'forecast/output/forecast.lp'",
                "  echo \"extracted ${x.points}, model ${f.model}, MASE ${f.metrics.mase}, gate ${f.qualityGate}, written ${l.pointsWritten}\"",
                "  archiveArtifacts artifacts: 'forecast/**'",
                "}"), true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("extracted 336, model snaive(season=24)", b);
        j.assertLogContains("gate PASSED, written 24", b);
        j.assertLogContains("[influx-forecast] influxExtract: as of 2010-01-21T00:00:00Z", b);
        j.assertLogContains("INFLUX_PASSWORD=****", b);
        j.assertLogNotContains(influx.password, b);
        assertEquals(24, influx.count("parking", "temperature-prediction"));
        List<String> archived = b.getArtifacts().stream().map(a -> a.relativePath).toList();
        for (String f : List.of("forecast/input.csv", "forecast/influxExtract.log", "forecast/output/forecast.csv",
                "forecast/output/forecast.lp", "forecast/output/metrics.json", "forecast/output/forecast.png",
                "forecast/output/forecast.log", "forecast/output/forecast-parameters.json", "forecast/output/influxLoad.log")) {
            assertTrue(archived.contains(f), f + " archived: " + archived);
        }
        assertTrue(WorkspaceList.tempDir(agent.getWorkspaceFor(p)).child("influx-forecast").exists(), "engine copied to the agent");
        // the stage of an UNSTABLE step is unstable too: checked in aFailedQualityGate... below
    }

    /**
     * The engine blocks on its input (a FIFO nobody writes), so the build is certainly still running
     * when it is stopped: no race with the engine finishing first. Waits are bounded polls.
     */
    @Test
    void anAbortKillsTheEngineProcess(JenkinsRule j) throws Exception {
        j.createOnlineSlave(Label.get("forecast"));
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "long");
        p.setDefinition(new CpsFlowDefinition(String.join("\n",
                "node('forecast') {",
                "  sh 'rm -f blocked.csv; mkfifo blocked.csv'",
                "  forecast input: 'blocked.csv', outputDir: 'out', model: 'naive', horizon: 10, validation: 10",
                "}"), true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("[influx-forecast] $ java", b);
        waitUntil(() -> engineRunning("--input blocked.csv"), "the engine process to start");
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("forecast: aborted, stopping the engine process", b);
        waitUntil(() -> !engineRunning("--input blocked.csv"), "the engine process to be gone");
    }

    private static boolean engineRunning(String marker) {
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().orElse("").contains("influx-forecast-cli.jar forecast " + marker));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), "waited 60 s for " + what);
    }

    @Test
    void aFailedQualityGateMarksTheBuildUnstableAndLoadWritesNothing(JenkinsRule j) throws Exception {
        configure();
        j.createOnlineSlave(Label.get("forecast"));
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "gated");
        p.setDefinition(new CpsFlowDefinition(String.join("\n",
                "node('forecast') {",
                "  influxExtract server: 'influx-prod', measurement: 'temperature', start: '14d', asOf: '2010-01-21T00:00:00Z', output: 'g/input.csv'",
                "  forecast input: 'g/input.csv', outputDir: 'g/out', model: 'naive', horizon: 12, validation: 48, maxMase: 0.0001",
                "  def l = influxLoad server: 'influx-prod', input: 'g/out/forecast.lp'",
                "  echo \"load ${l.status}\"",
                "}"), true));
        WorkflowRun b = j.assertBuildStatus(Result.UNSTABLE, p.scheduleBuild2(0));
        j.assertLogContains("quality gate failed", b);
        j.assertLogContains("load skipped", b);
        // the forecast step's node carries a WarningAction, so stage views show the stage as unstable
        DepthFirstScanner scan = new DepthFirstScanner();
        FlowNode forecastNode = scan.findFirstMatch(b.getExecution(), n -> n instanceof StepAtomNode s
                && s.getDescriptor() instanceof ForecastStep.DescriptorImpl);
        WarningAction w = forecastNode.getPersistentAction(WarningAction.class);
        assertEquals(Result.UNSTABLE, w.getResult());
    }

    /**
     * The real Snippet Generator forms (config.jelly through Stapler's binding) give back every
     * parameter: numbers as numbers, the list parameters from their one-per-line text areas, the
     * drop-downs, and "none" where a blank would mean the default; a form left blank is the defaults.
     */
    @Test
    void snippetGeneratorFormsBindEveryParameter(JenkinsRule j) throws Exception {
        InfluxServer server = new InfluxServer("influx-prod", "http://influxdb:8086");
        InfluxForecastConfiguration.get().setServers(List.of(server));
        ForecastStep f = new ForecastStep("forecast/input.csv", "forecast/output");
        f.setModel("snaive(season=144)");
        f.setHorizon(144);
        f.setValidation(0.2);
        f.setFrequency("10m");
        f.setSmoothing(3);
        f.setFill("previous");
        f.setFormat("influx1");
        f.setTags(List.of("site=paris", "zone=b"));
        f.setLevels("none");
        f.setModelTag("none");
        f.setInstalledEngine("none");
        f.setMaxMase(1.5);
        f.setFailOnQualityGate(true);
        f.setMaxRamPercentage(60);
        j.assertEqualDataBoundBeans(f, new StepConfigTester(j).configRoundTrip(f));
        ForecastStep blank = new ForecastStep("in.csv", "out");
        j.assertEqualDataBoundBeans(blank, new StepConfigTester(j).configRoundTrip(blank));

        InfluxExtractStep x = new InfluxExtractStep();
        x.setServer("influx-prod");
        x.setMeasurement("temperature");
        x.setWhere(List.of("name=seattle", "zone=b"));
        x.setGroupBy(List.of("name"));
        x.setAggregate("mean");
        x.setWindow("1h");
        x.setInfluxVersion("1");
        j.assertEqualDataBoundBeans(x, new StepConfigTester(j).configRoundTrip(x));

        InfluxLoadStep l = new InfluxLoadStep();
        l.setServer("influx-prod");
        l.setInput("forecast/output/forecast.lp");
        l.setPrecision("ms");
        l.setDryRun(true);
        l.setBatchSize(1000);
        j.assertEqualDataBoundBeans(l, new StepConfigTester(j).configRoundTrip(l));
    }
}
