package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default pod and the pods rendered per forecast, read back with the fabric8 Kubernetes model.
 * (The strict check for unknown fields, on every pod the library and the examples produce, is in
 * the library tests' KubernetesYaml.)
 */
class PodTemplatesTest {

    private static Pod pod(String yaml) {
        Pod pod = Serialization.unmarshal(yaml, Pod.class);
        assertThat(pod.getAdditionalProperties()).isEmpty();
        assertThat(pod.getSpec().getAdditionalProperties()).isEmpty();
        pod.getSpec().getContainers().forEach(c -> assertThat(c.getAdditionalProperties()).isEmpty());
        return pod;
    }

    private static Container container(Pod pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ForecastConfig forecast(String entry) {
        return new ForecastsFile().parse("server: s\nforecasts:\n  - name: noord\n    query: q\n" + entry, "forecasts.yaml")
                .forecasts().get(0);
    }

    private static BigDecimal bytes(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }

    @Test
    void theDefaultPodIsSizedForTheEngineAndReapedWhenOrphaned() {
        Pod pod = pod(PodTemplates.defaultPodYaml());
        assertThat(pod.getApiVersion()).isEqualTo("v1");
        assertThat(pod.getKind()).isEqualTo("Pod");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isPositive();
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSpec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
        assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "influx-forecast");
        assertThat(pod.getSpec().getContainers()).hasSize(1);

        Container agent = container(pod, "jnlp");
        assertThat(agent.getImage()).as("left to the Kubernetes plugin, which matches it to the controller").isNull();
        Map<String, Quantity> requests = agent.getResources().getRequests();
        Map<String, Quantity> limits = agent.getResources().getLimits();
        assertThat(bytes(limits.get("memory"))).isGreaterThanOrEqualTo(bytes(requests.get("memory")));
        assertThat(Quantity.getAmountInBytes(limits.get("cpu"))).isGreaterThanOrEqualTo(
                Quantity.getAmountInBytes(requests.get("cpu")));

        // memory: the engine's heap (the steps' default MaxRAMPercentage, 50% of the limit) plus the
        // agent's fixed heap must leave at least a fifth of the limit for both JVMs' non-heap memory
        assertThat(agent.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("JENKINS_JAVA_OPTS");
            assertThat(e.getValue()).isEqualTo("-Xmx256m");
        });
        BigDecimal limit = bytes(limits.get("memory"));
        BigDecimal engineHeap = limit.multiply(new BigDecimal("0.50"));
        BigDecimal agentHeap = BigDecimal.valueOf(256L << 20);
        assertThat(engineHeap.add(agentHeap)).isLessThanOrEqualTo(limit.multiply(new BigDecimal("0.80")));
    }

    @Test
    void aForecastPodCarriesItsLabelsDeadlineNodeAndResources() {
        ForecastConfig f = forecast("""
                    timeoutMinutes: 20
                    nodeSelector: {kubernetes.io/arch: arm64}
                    tolerations: [{key: arch, value: arm64, effect: NoSchedule}]
                    resources:
                      requests: {memory: 1536Mi}
                      limits: {memory: 3Gi, cpu: "4"}
                """);
        Pod pod = pod(PodTemplates.render(f, "team/Parking forecasts"));
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("influx-forecast/forecast", "noord")
                .containsEntry("influx-forecast/job", "team-Parking-forecasts")
                .containsEntry("app.kubernetes.io/name", "influx-forecast");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(20 * 60 + 300L);
        assertThat(pod.getSpec().getNodeSelector())
                .isEqualTo(Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "arm64"));
        assertThat(pod.getSpec().getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("arch");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("arm64");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        Container agent = container(pod, "jnlp");
        // the forecast's values replace the default's one by one; the others stay
        assertThat(agent.getResources().getRequests())
                .isEqualTo(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1536Mi")));
        assertThat(agent.getResources().getLimits())
                .isEqualTo(Map.of("cpu", new Quantity("4"), "memory", new Quantity("3Gi")));
        // rendering does not change the default
        assertThat(pod(PodTemplates.defaultPodYaml()).getSpec().getNodeSelector()).hasSize(1);
        assertThat(PodTemplates.engineContainer(f)).isEqualTo("jnlp");
    }

    @Test
    void anEngineImageGetsItsOwnContainerWithTheResources() {
        ForecastConfig f = forecast("""
                    engineImage: registry.example.com/influx-forecast:0.1.0
                    resources:
                      limits: {memory: 4Gi}
                """);
        Pod pod = pod(PodTemplates.render(f, "parking"));
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("jnlp", "engine");
        Container engine = container(pod, "engine");
        assertThat(engine.getImage()).isEqualTo("registry.example.com/influx-forecast:0.1.0");
        assertThat(engine.getCommand()).containsExactly("sleep");
        assertThat(engine.getArgs()).containsExactly("99d");
        assertThat(engine.getResources().getLimits()).containsEntry("memory", new Quantity("4Gi"));
        assertThat(engine.getResources().getRequests()).containsEntry("memory", new Quantity("1Gi"));
        Container agent = container(pod, "jnlp");
        assertThat(agent.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));
        assertThat(PodTemplates.engineContainer(f)).isEqualTo("engine");
    }

    @Test
    void podMergeReplaceReplacesTheDefault() {
        ForecastConfig f = new ForecastsFile().parse("""
                server: s
                podMerge: replace
                pod:
                  metadata:
                    annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}
                  spec:
                    serviceAccountName: forecasts
                    priorityClassName: batch-low
                    containers:
                      - name: sidecar
                        image: busybox
                        command: [sleep, 99d]
                forecasts:
                  - name: noord
                    query: q
                    timeoutMinutes: 10
                    resources: {limits: {memory: 1Gi}}
                """, "forecasts.yaml").forecasts().get(0);
        Pod pod = pod(PodTemplates.render(f, "parking"));
        assertThat(pod.getApiVersion()).isEqualTo("v1");
        assertThat(pod.getKind()).isEqualTo("Pod");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
        assertThat(pod.getMetadata().getLabels()).containsEntry("influx-forecast/forecast", "noord");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("forecasts");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(900L);
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("sidecar", "jnlp");
        assertThat(container(pod, "jnlp").getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("1Gi")));
        // nothing of the default is left
        assertThat(pod.getSpec().getSecurityContext()).isNull();
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isNull();
        assertThat(container(pod, "jnlp").getEnv()).isEmpty();
    }

    /**
     * pod: is merged into the default pod as the Kubernetes plugin's merge() does: the default's
     * security context, agent heap, token setting and resources stay unless the file says otherwise;
     * containers by name, env by name, resources per key, labels and node selectors per key,
     * tolerations appended.
     */
    @Test
    void aPodFromForecastsYamlIsMergedIntoTheDefault() {
        ForecastConfig f = new ForecastsFile().parse("""
                server: s
                pod:
                  metadata:
                    labels: {team: parking}
                    annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}
                  spec:
                    serviceAccountName: forecasts
                    priorityClassName: batch-low
                    securityContext: {runAsNonRoot: true}
                    nodeSelector: {pool: batch}
                    tolerations: [{key: pool, value: batch, effect: NoSchedule}]
                    volumes: [{name: cache, emptyDir: {}}]
                    containers:
                      - name: jnlp
                        image: my-registry/inbound-agent:jdk21
                        env: [{name: TZ, value: Europe/Amsterdam}]
                        resources: {limits: {memory: 3Gi}}
                        volumeMounts: [{name: cache, mountPath: /cache}]
                      - name: sidecar
                        image: busybox
                        command: [sleep, 99d]
                forecasts:
                  - name: noord
                    query: q
                    nodeSelector: {kubernetes.io/arch: arm64}
                    tolerations: [{key: dedicated, value: forecasting, effect: NoSchedule}]
                """, "forecasts.yaml").forecasts().get(0);
        Pod pod = pod(PodTemplates.render(f, "parking"));
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "parking")
                .containsEntry("app.kubernetes.io/name", "influx-forecast").containsEntry("influx-forecast/forecast", "noord");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
        // the default's security settings stay
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSpec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("forecasts");
        assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("batch-low");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux").containsEntry("pool", "batch")
                .containsEntry("kubernetes.io/arch", "arm64");
        assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey()).containsExactly("pool", "dedicated");
        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("cache");
        // containers merged by name, the default's first
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("jnlp", "sidecar");
        Container agent = container(pod, "jnlp");
        assertThat(agent.getImage()).isEqualTo("my-registry/inbound-agent:jdk21");
        assertThat(agent.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("JENKINS_JAVA_OPTS=-Xmx256m", "TZ=Europe/Amsterdam");
        assertThat(agent.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("3Gi"), "cpu", new Quantity("2")));
        assertThat(agent.getResources().getRequests()).isEqualTo(Map.of("memory", new Quantity("1Gi"), "cpu", new Quantity("500m")));
        assertThat(agent.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/cache");
        assertThat(container(pod, "sidecar").getCommand()).containsExactly("sleep", "99d");
    }

    @Test
    void theJobsPodAndTheForecastsPodAreMergedInTurn() {
        ForecastConfig f = new ForecastsFile().parse("""
                server: s
                pod:
                  spec:
                    serviceAccountName: forecasts
                    containers: [{name: jnlp, env: [{name: A, value: job}, {name: B, value: job}]}]
                forecasts:
                  - name: noord
                    query: q
                    pod:
                      spec:
                        containers: [{name: jnlp, env: [{name: B, value: forecast}]}]
                """, "forecasts.yaml").forecasts().get(0);
        Pod pod = pod(PodTemplates.render(f, "parking"));
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("forecasts");
        assertThat(container(pod, "jnlp").getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("JENKINS_JAVA_OPTS=-Xmx256m", "A=job", "B=forecast");
    }

    @Test
    void labelValuesAreValidWhateverTheJobName() {
        assertThat(PodTemplates.labelValue("forecasts/parking")).isEqualTo("forecasts-parking");
        assertThat(PodTemplates.labelValue("/Team A/ñ forecasts ")).isEqualTo("Team-A---forecasts");
        assertThat(PodTemplates.labelValue("---")).isEqualTo("unnamed");
        assertThat(PodTemplates.labelValue(null)).isEqualTo("unnamed");
        String longName = "folder/" + "x".repeat(100) + "/job-name";
        String v = PodTemplates.labelValue(longName);
        assertThat(v).hasSizeLessThanOrEqualTo(63).endsWith("job-name").matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    }

    @Test
    void quantities() {
        assertThat(Quantities.parse("x", "500m")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("x", "2")).isEqualByComparingTo("2");
        assertThat(Quantities.parse("x", "1536Mi")).isEqualByComparingTo(String.valueOf(1536L << 20));
        assertThat(Quantities.parse("x", "2G")).isEqualByComparingTo("2000000000");
        assertThat(Quantities.parse("x", "1e3")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("x", "0.5Gi")).isEqualByComparingTo(String.valueOf(512L << 20));
        for (String bad : List.of("2GB", "", "1.2.3", "-1", "Mi")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Quantities.parse("resources.limits.memory", bad))
                    .hasMessage("resources.limits.memory must be a Kubernetes quantity such as 500m, 2, 1536Mi or 2Gi, got '"
                            + bad + "'");
        }
    }
}
