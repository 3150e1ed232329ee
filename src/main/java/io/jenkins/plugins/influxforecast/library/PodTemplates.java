package io.jenkins.plugins.influxforecast.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The pod of one forecast: the library's default pod (forecast-pod.yaml, shipped in the plugin jar)
 * with the pod forecasts.yaml gives merged into it (or replacing it with {@code podMerge: replace}),
 * then the forecast's labels, deadline, node selector,
 * tolerations and resources applied. The result is the {@code yaml} of a {@code podTemplate}.
 */
public final class PodTemplates {

    public static final String AGENT_CONTAINER = "jnlp";
    public static final String ENGINE_CONTAINER = "engine";
    public static final String LABEL_JOB = "influx-forecast/job";
    public static final String LABEL_FORECAST = "influx-forecast/forecast";
    public static final String LABEL_SHARD = "influx-forecast/shard";
    /** Time a pod may outlive the forecast's timeout before Kubernetes reaps it. */
    static final int DEADLINE_MARGIN_SECONDS = 300;

    private PodTemplates() {
    }

    /** The default pod manifest, as shipped (comments included). */
    public static String defaultPodYaml() {
        return resource("forecast-pod.yaml");
    }

    /** The pod for {@code forecast} of the Jenkins job {@code jobName}, as YAML. */
    public static String render(ForecastConfig forecast, String jobName) {
        return render(forecast, jobName, null);
    }

    /** The pod of one shard ({@code i/N}, or null for an unsharded forecast), labelled with it. */
    static String render(ForecastConfig forecast, String jobName, String shard) {
        Map<String, Object> pod = renderMap(forecast.pod(), jobName, forecast.name(), forecast.timeoutMinutes());
        if (shard != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) child(child(pod, "metadata"), "labels");
            labels.put(LABEL_SHARD, shard.replace("/", "-of-"));
        }
        return dump(pod);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> renderMap(ForecastConfig.PodSettings settings, String jobName, String forecastName,
            int timeoutMinutes) {
        Map<String, Object> defaultPod = (Map<String, Object>) load(defaultPodYaml());
        Map<String, Object> pod = settings.base() == null ? defaultPod
                : settings.replace() ? deepCopy(settings.base()) : PodMerge.pod(defaultPod, settings.base());
        pod.putIfAbsent("apiVersion", "v1");
        pod.putIfAbsent("kind", "Pod");
        Map<String, Object> metadata = child(pod, "metadata");
        Map<String, Object> labels = child(metadata, "labels");
        labels.put(LABEL_JOB, labelValue(jobName));
        labels.put(LABEL_FORECAST, labelValue(forecastName));

        Map<String, Object> spec = child(pod, "spec");
        spec.put("activeDeadlineSeconds", (long) timeoutMinutes * 60 + DEADLINE_MARGIN_SECONDS);
        if (!settings.nodeSelector().isEmpty()) {
            child(spec, "nodeSelector").putAll(settings.nodeSelector());
        }
        if (!settings.tolerations().isEmpty()) {
            List<Object> tolerations = list(spec, "tolerations");
            tolerations.addAll(deepCopy(settings.tolerations()));
        }

        List<Object> containers = list(spec, "containers");
        Map<String, Object> agent = container(containers, AGENT_CONTAINER);
        if (agent == null) {
            agent = new LinkedHashMap<>();
            agent.put("name", AGENT_CONTAINER);
            containers.add(agent);
        }
        Map<String, Object> target = agent;
        if (settings.engineImage() != null) {
            Map<String, Object> engineDefaults = (Map<String, Object>) load(resource("engine-container.yaml"));
            Map<String, Object> engine = container(containers, ENGINE_CONTAINER);
            if (engine == null) {
                engine = deepCopy((Map<String, Object>) engineDefaults.get("engine"));
                containers.add(engine);
            }
            engine.put("image", settings.engineImage());
            agent.put("resources", deepCopy((Map<String, Object>) engineDefaults.get("agentResources")));
            target = engine;
        }
        Map<String, Object> resources = child(target, "resources");
        if (!settings.requests().isEmpty()) {
            child(resources, "requests").putAll(settings.requests());
        }
        if (!settings.limits().isEmpty()) {
            child(resources, "limits").putAll(settings.limits());
        }
        return pod;
    }

    /** The container that runs the engine: {@code engine} with an engine image, else the agent's. */
    public static String engineContainer(ForecastConfig forecast) {
        return forecast.pod().engineImage() != null ? ENGINE_CONTAINER : AGENT_CONTAINER;
    }

    /**
     * A valid label value from any text (job names have slashes and spaces): characters outside
     * {@code [A-Za-z0-9-_.]} become '-', at most 63 characters, starting and ending alphanumeric.
     */
    static String labelValue(String text) {
        String v = text == null ? "" : text.replaceAll("[^A-Za-z0-9_.-]", "-");
        if (v.length() > 63) {
            v = v.substring(v.length() - 63);
        }
        v = v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return v.isEmpty() ? "unnamed" : v;
    }

    private static Map<String, Object> container(List<Object> containers, String name) {
        for (Object c : containers) {
            if (c instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> container = (Map<String, Object>) m;
                return container;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        if (v instanceof Map<?, ?>) {
            return (Map<String, Object>) v;
        }
        if (v != null) {
            throw new IllegalArgumentException("pod: " + key + " must be a mapping, got " + Fields.describe(v));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        parent.put(key, m);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        if (v instanceof List<?>) {
            return (List<Object>) v;
        }
        if (v != null) {
            throw new IllegalArgumentException("pod: " + key + " must be a list, got " + Fields.describe(v));
        }
        List<Object> l = new ArrayList<>();
        parent.put(key, l);
        return l;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    static Object load(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    static String dump(Map<String, Object> pod) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(200);
        return new Yaml(new Representer(options), options).dump(pod);
    }

    private static String resource(String name) {
        try (InputStream in = PodTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + PodTemplates.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
