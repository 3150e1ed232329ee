package io.jenkins.plugins.influxforecast.pipeline.job;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code vars/forecastPipeline.groovy} calls: it turns forecasts.yaml into a plan of plain
 * maps and lists (serialisable, so a Pipeline can hold them across a restart) and writes the build
 * description. All the logic of the shared library lives here, tested with JUnit; the Groovy only
 * calls steps.
 */
public final class ForecastJob {

    /** The folder of one forecast in the workspace and in the build's artifacts. */
    static final String FOLDER = "forecasts/";
    public static final String DEFAULT_CONFIG = "forecasts.yaml";
    /** Attempts per forecast when its pod or agent is lost (retry's count). */
    public static final int POD_ATTEMPTS = 2;

    private ForecastJob() {
    }

    /**
     * The repository path of forecasts.yaml from the arguments of {@code forecastPipeline}: its
     * only parameter is {@code config} (default {@value #DEFAULT_CONFIG}), a relative path.
     */
    public static String configPath(Map<String, ?> params) {
        for (String key : params.keySet()) {
            if (!key.equals("config")) {
                throw new IllegalArgumentException("forecastPipeline has no parameter '" + key
                        + "'; its only parameter is config (the path of forecasts.yaml); everything else goes into that file");
            }
        }
        Object value = params.get("config");
        if (value == null) {
            return DEFAULT_CONFIG;
        }
        String path = String.valueOf(value).trim();
        if (path.isEmpty() || path.startsWith("/") || path.matches("(.*[/\\\\])?\\.\\.([/\\\\].*)?")) {
            throw new IllegalArgumentException("config must be a path inside the repository such as "
                    + DEFAULT_CONFIG + " or forecasts/parking.yaml, got '" + value + "'");
        }
        return path;
    }

    /**
     * The plan of a build: the job properties and, per forecast, its pod, its folder and the
     * arguments of the three steps.
     *
     * <pre>
     * cron           the cron trigger spec, "TZ=&lt;zone&gt;\n&lt;schedule&gt;"
     * logRotator     the arguments of logRotator (numToKeepStr, artifactNumToKeepStr)
     * onFailure      FAILURE or UNSTABLE: the build result when a forecast fails
     * podAttempts    retry count around each pod
     * batches        lists of forecasts run in parallel, one batch after the other
     * forecasts      every forecast: name, timeoutMinutes, podYaml, container (null: the agent's),
     *                dir, files (path: text written before the steps), extract, forecast, load
     *                (step arguments), archive (artifact pattern)
     * </pre>
     *
     * @param text    forecasts.yaml's content
     * @param source  its path, for messages
     * @param jobName the Jenkins job's full name, for the pod labels
     */
    public static Map<String, Object> plan(String text, String source, String jobName) {
        JobConfig job = new ForecastsFile().parse(text, source);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("cron", job.cronSpec());
        Map<String, Object> rotator = new LinkedHashMap<>();
        rotator.put("numToKeepStr", String.valueOf(job.keepBuilds()));
        if (job.keepArtifacts() != null) {
            rotator.put("artifactNumToKeepStr", String.valueOf(job.keepArtifacts()));
        }
        plan.put("logRotator", rotator);
        plan.put("onFailure", job.onFailure());
        plan.put("podAttempts", POD_ATTEMPTS);
        List<Object> forecasts = new ArrayList<>();
        for (ForecastConfig f : job.forecasts()) {
            forecasts.add(forecast(job, f, source, jobName));
        }
        plan.put("forecasts", forecasts);
        int batchSize = job.maxParallel() == 0 ? forecasts.size() : job.maxParallel();
        List<Object> batches = new ArrayList<>();
        for (int i = 0; i < forecasts.size(); i += batchSize) {
            batches.add(new ArrayList<>(forecasts.subList(i, Math.min(forecasts.size(), i + batchSize))));
        }
        plan.put("batches", batches);
        return plan;
    }

    private static Map<String, Object> forecast(JobConfig job, ForecastConfig f, String source, String jobName) {
        String dir = FOLDER + f.name();
        String input = dir + "/input.csv";
        String outputDir = dir + "/output";

        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put(ForecastsFile.SERVER, f.server());
        if (f.credentialsId() != null) {
            extract.put(ForecastsFile.CREDENTIALS_ID, f.credentialsId());
        }
        extract.put(ForecastsFile.QUERY, f.query());
        extract.put(ForecastsFile.EXTRACT_OUTPUT, input);
        extract.putAll(f.extractOptions());

        Map<String, Object> forecast = new LinkedHashMap<>();
        forecast.put("input", input);
        forecast.put("outputDir", outputDir);
        forecast.putAll(f.forecastOptions());

        Map<String, Object> load = new LinkedHashMap<>();
        load.put(ForecastsFile.SERVER, f.server());
        if (f.credentialsId() != null) {
            load.put(ForecastsFile.CREDENTIALS_ID, f.credentialsId());
        }
        load.put(ForecastsFile.LOAD_INPUT, outputDir + "/forecast.lp");
        load.putAll(f.loadOptions());

        String podYaml = PodTemplates.render(f, jobName);
        String container = PodTemplates.engineContainer(f);

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("source", source);
        resolved.put("job", jobName);
        resolved.put("forecast", f.name());
        resolved.put("schedule", job.schedule());
        resolved.put("timeZone", job.timeZone());
        resolved.put("timeoutMinutes", f.timeoutMinutes());
        resolved.put("container", container);
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("influxExtract", extract);
        steps.put("forecast", forecast);
        steps.put("influxLoad", load);
        resolved.put("steps", steps);

        Map<String, Object> files = new LinkedHashMap<>();
        files.put(dir + "/parameters.json", new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(resolved) + "\n");
        files.put(dir + "/pod.yaml", podYaml);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        out.put("timeoutMinutes", f.timeoutMinutes());
        out.put("podYaml", podYaml);
        out.put("container", f.pod().engineImage() != null ? container : null);
        out.put("dir", dir);
        out.put("files", files);
        out.put("extract", extract);
        out.put("forecast", forecast);
        out.put("load", load);
        out.put("archive", dir + "/**");
        return out;
    }

    /**
     * One line per forecast for the build description: the model and its validation accuracy, the
     * points written, or why it failed. An outcome has {@code name}, {@code status} (SUCCESS,
     * UNSTABLE, FAILURE), and {@code forecast} and {@code load} (the maps the steps returned) or
     * {@code error}.
     */
    public static String describe(List<? extends Map<String, ?>> outcomes) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, ?> o : outcomes) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(o.get("name")).append(": ");
            Object error = o.get("error");
            if (error != null) {
                sb.append("FAILED: ").append(error);
                continue;
            }
            List<String> parts = new ArrayList<>();
            Map<?, ?> forecast = o.get("forecast") instanceof Map<?, ?> m ? m : Map.of();
            Object model = forecast.get("model");
            parts.add(model == null ? "forecast" : String.valueOf(model));
            Map<?, ?> metrics = forecast.get("metrics") instanceof Map<?, ?> m ? m : Map.of();
            metric(metrics, "mase", "MASE", "", parts);
            metric(metrics, "smape", "sMAPE", "%", parts);
            Map<?, ?> load = o.get("load") instanceof Map<?, ?> m ? m : Map.of();
            Object points = load.get("points");
            if (points != null) {
                parts.add(points + " points written");
            }
            Object status = o.get("status");
            if (status != null && !"SUCCESS".equals(status)) {
                parts.add(String.valueOf(status));
            }
            sb.append(String.join(", ", parts));
        }
        return sb.toString();
    }

    private static void metric(Map<?, ?> metrics, String key, String label, String unit, List<String> parts) {
        for (Map.Entry<?, ?> e : metrics.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(key) && e.getValue() instanceof Number n) {
                double v = n.doubleValue();
                parts.add(label + " " + (Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) + unit : "n/a"));
                return;
            }
        }
    }

    /** A one-line reason for a failed forecast, for the description and the log. */
    public static String failureReason(Throwable t, int timeoutMinutes) {
        String type = t.getClass().getSimpleName();
        if (type.equals("FlowInterruptedException")) {
            return "aborted or timed out (limit " + timeoutMinutes + " minutes)";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return type;
        }
        String line = message.strip().lines().findFirst().orElse(type);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The default pod YAML of one forecast, as the plugin ships it. */
    public static String defaultPodYaml() {
        return PodTemplates.defaultPodYaml();
    }
}
