package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jenkinsfile.example, the declarative Pipeline a user copies, run as it is written. */
class JenkinsfileExampleTest extends PipelineHarness {

    static final String JENKINSFILE = "Jenkinsfile.example";

    @BeforeEach
    void prepare() throws Exception {
        setUpHarness();
    }

    @Test
    void runsTheThreeStepsOfTheArgoJobInAKubernetesPod() {
        runScript(JENKINSFILE);

        assertThat(steps.stream().map(s -> s.step() + "@" + s.stage()).toList())
                .containsExactly("influxExtract@Extract", "forecast@Forecast", "influxLoad@Load");
        assertThat(steps.get(0).args()).isEqualTo(Map.of(
                "server", "influx-prod",
                "credentialsId", "influx-forecast-rw",
                "query", ForecastPipelineTest.ARGO_QUERY,
                "output", "forecast/input.csv"));
        assertThat(steps.get(1).args()).isEqualTo(Map.of(
                "input", "forecast/input.csv",
                "outputDir", "forecast/output",
                "frequency", "10m",
                "model", "fft",
                "smoothing", 3,
                "validation", new java.math.BigDecimal("0.2"),
                "horizon", 144,
                "tags", List.of("name=P+R Noord")));
        assertThat(steps.get(2).args()).isEqualTo(Map.of(
                "server", "influx-prod",
                "credentialsId", "influx-forecast-rw",
                "input", "forecast/output/forecast.lp"));
        // the steps' inputs and outputs chain: extract -> forecast -> load
        assertThat(steps.get(1).args().get("input")).isEqualTo(steps.get(0).args().get("output"));
        assertThat((String) steps.get(2).args().get("input")).startsWith(steps.get(1).args().get("outputDir") + "/");
        assertThat(steps).allSatisfy(s -> assertThat(s.pod()).isEqualTo("declarative-pod"));

        // triggers and options: the Argo schedule, concurrencyPolicy Replace, history limits
        assertThat(cronSpecs).containsExactly("TZ=UTC\n0 */12 * * *");
        assertThat(getHelper().getCallStack().stream()
                .filter(c -> c.getMethodName().equals("disableConcurrentBuilds"))
                .map(c -> List.of(c.getArgs())).toList())
                .containsExactly(List.of(Map.of("abortPrevious", true)));
        assertThat(getHelper().getCallStack().stream()
                .filter(c -> c.getMethodName().equals("logRotator"))
                .map(c -> List.of(c.getArgs())).toList())
                .containsExactly(List.of(Map.of("numToKeepStr", "3")));
        assertThat(timeouts).containsExactly(Map.of("time", 40, "unit", "MINUTES"));
        assertThat(retries).containsExactly(2);

        // artifacts archived after the stages
        assertThat(postRun).containsExactly("always");
        assertThat(archived).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("artifacts", "forecast/**").containsEntry("allowEmptyArchive", true));
        assertThat(buildResult()).isEqualTo("SUCCESS");
    }

    @Test
    void aFailedStepSkipsTheLaterStagesAndStillArchives() {
        stepAnswers.put("forecast", call -> {
            throw new RuntimeException("model fft: series too short");
        });
        runScript(JENKINSFILE);
        assertThat(steps.stream().map(StepCall::step).toList()).containsExactly("influxExtract", "forecast");
        assertThat(stagesRun).containsExactly("Extract", "Forecast");
        assertThat(buildResult()).isEqualTo("FAILURE");
        assertThat(postRun).containsExactly("always");
        assertThat(archived).hasSize(1);
    }

    @Test
    void theEmbeddedPodIsAValidPodOnArm64WithBoundedMemory() {
        runScript(JENKINSFILE);
        assertThat(agentYamls).hasSize(1);
        Pod pod = KubernetesYaml.pod(agentYamls.get(0));
        assertThat(pod.getSpec().getNodeSelector())
                .containsEntry("kubernetes.io/arch", "arm64")
                .containsEntry("kubernetes.io/os", "linux");
        // the pod outlives the build's 40-minute timeout by 5 minutes at most
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(45 * 60L);
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getMetadata().getLabels()).containsEntry("influx-forecast/forecast", "pr-noord");
        var agent = KubernetesYaml.container(pod, "jnlp");
        assertThat(agent.getImage()).as("the Kubernetes plugin picks the agent image").isNull();
        assertThat(agent.getResources().getRequests()).containsEntry("memory", new Quantity("1Gi"));
        assertThat(agent.getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
        assertThat(agent.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("JENKINS_JAVA_OPTS");
            assertThat(e.getValue()).isEqualTo("-Xmx256m");
        });
    }
}
