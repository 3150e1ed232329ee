package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** vars/forecastPod.groovy in a declarative Jenkinsfile's kubernetes agent. */
class ForecastPodTest extends PipelineHarness {

    @BeforeEach
    void prepare() throws Exception {
        setUpHarness();
    }

    @Test
    void givesTheLibraryPodToADeclarativeAgent() {
        runScript("src/test/resources/library/Jenkinsfile.forecast-pod");
        assertThat(agentYamls).hasSize(1);
        Pod pod = KubernetesYaml.pod(agentYamls.get(0));
        assertThat(pod.getMetadata().getLabels()).containsEntry("influx-forecast/forecast", "pr-noord")
                .containsEntry("influx-forecast/job", "forecasts-parking");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/arch", "arm64");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(40 * 60 + 300L);
        var agent = KubernetesYaml.container(pod, "jnlp");
        assertThat(agent.getResources().getLimits()).containsEntry("memory", new Quantity("3Gi"));
        assertThat(agent.getResources().getRequests()).containsEntry("memory", new Quantity("1Gi"));
        assertThat(steps).singleElement().satisfies(s -> assertThat(s.step()).isEqualTo("forecast"));
    }

    @Test
    void refusesAnUnknownSetting() {
        assertThatThrownBy(() -> runScript("src/test/resources/library/Jenkinsfile.forecast-pod-typo"))
                .hasStackTraceContaining("forecastPod.nodeSelecter is not a known setting; allowed: engineImage, name,"
                        + " nodeSelector, pod, podMerge, resources, timeoutMinutes, tolerations");
    }
}
