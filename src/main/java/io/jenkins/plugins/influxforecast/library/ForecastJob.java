package io.jenkins.plugins.influxforecast.library;

import io.jenkins.plugins.influxforecast.files.Json;
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
     * arguments of its steps.
     *
     * <pre>
     * cron           the cron trigger spec, "TZ=&lt;zone&gt;\n&lt;schedule&gt;"
     * logRotator     the arguments of logRotator (numToKeepStr, artifactNumToKeepStr)
     * onFailure      FAILURE or UNSTABLE: the build result when a forecast fails
     * podAttempts    retry count around each pod
     * batches        lists of forecasts run in parallel, one batch after the other
     * forecasts      every pod to run: name (the forecast's), shard ("i/N", or null when the forecast
     *                is not sharded), id (unique: the parallel branch), stage, timeoutMinutes, podYaml,
     *                container (null: the agent's), dir, files (writeFile arguments, written before the
     *                steps), extract, score, forecast, load (step arguments; score is null when the
     *                forecast keeps no history), archive (artifact pattern); a forecast with shards: N
     *                gives N of them, each extracting its shard of the series
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
            if (f.shards() == 1) {
                forecasts.add(forecast(job, f, source, jobName, 0));
            } else {
                for (int i = 1; i <= f.shards(); i++) {
                    forecasts.add(forecast(job, f, source, jobName, i));
                }
            }
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

    /** One pod's plan: the forecast, or its shard {@code shard} of {@code f.shards()} (0: unsharded). */
    private static Map<String, Object> forecast(JobConfig job, ForecastConfig f, String source, String jobName, int shard) {
        String shardText = shard == 0 ? null : shard + "/" + f.shards();
        String dir = FOLDER + f.name() + (shard == 0 ? "" : "/shard-" + shard + "-of-" + f.shards());
        String input = dir + "/input.csv";
        String outputDir = dir + "/output";

        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put(ForecastsFile.SERVER, f.server());
        if (f.credentialsId() != null) {
            extract.put(ForecastsFile.CREDENTIALS_ID, f.credentialsId());
        }
        if (f.query() != null) {
            extract.put(ForecastsFile.QUERY, f.query());
        }
        if (f.flux() != null) {
            extract.put(ForecastsFile.FLUX, f.flux());
        }
        extract.put(ForecastsFile.EXTRACT_OUTPUT, input);
        if (shardText != null) {
            extract.put(ForecastsFile.SHARD, shardText);
        }
        extract.putAll(f.extractOptions());

        Map<String, Object> score = null;
        Map<String, Object> forecast = new LinkedHashMap<>();
        forecast.put("input", input);
        forecast.put("outputDir", outputDir);
        forecast.putAll(f.forecastOptions());
        if (f.scoreOptions() != null) {
            // the earlier runs judged against the actuals just extracted, before this run adds its own
            String scoreDir = dir + "/score";
            score = new LinkedHashMap<>();
            score.put(ForecastsFile.SERVER, f.server());
            if (f.credentialsId() != null) {
                score.put(ForecastsFile.CREDENTIALS_ID, f.credentialsId());
            }
            score.put(ForecastsFile.SCORE_NAME, f.name());
            score.put(ForecastsFile.HISTORY_MEASUREMENT, f.forecastOptions().get(ForecastsFile.HISTORY_MEASUREMENT));
            if (f.forecastOptions().get(ForecastsFile.FIELD) != null) {
                score.put(ForecastsFile.FIELD, f.forecastOptions().get(ForecastsFile.FIELD));
            }
            score.put(ForecastsFile.ACTUALS, input);
            score.put(ForecastsFile.OUTPUT_DIR, scoreDir);
            score.putAll(f.scoreOptions());
            forecast.put("liveAccuracy", scoreDir + "/score.json");
        }

        Map<String, Object> load = new LinkedHashMap<>();
        load.put(ForecastsFile.SERVER, f.server());
        if (f.credentialsId() != null) {
            load.put(ForecastsFile.CREDENTIALS_ID, f.credentialsId());
        }
        load.put(ForecastsFile.LOAD_INPUT, outputDir + "/forecast.lp");
        load.putAll(f.loadOptions());

        String podYaml = PodTemplates.render(f, jobName, shardText);
        String container = PodTemplates.engineContainer(f);

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("source", source);
        resolved.put("job", jobName);
        resolved.put("forecast", f.name());
        if (shardText != null) {
            resolved.put("shard", shardText);
        }
        resolved.put("schedule", job.schedule());
        resolved.put("timeZone", job.timeZone());
        resolved.put("timeoutMinutes", f.timeoutMinutes());
        resolved.put("container", container);
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("influxExtract", extract);
        if (score != null) {
            steps.put("score", score);
        }
        steps.put("forecast", forecast);
        steps.put("influxLoad", load);
        resolved.put("steps", steps);

        List<Object> files = new ArrayList<>();
        files.add(writeFileArgs(dir + "/parameters.json",
                Json.toJson(resolved)));
        files.add(writeFileArgs(dir + "/pod.yaml", podYaml));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        out.put("shard", shardText);
        out.put("id", shard == 0 ? f.name() : f.name() + "-" + shard + "-of-" + f.shards());
        out.put("stage", shard == 0 ? f.name() : f.name() + " " + shardText);
        out.put("timeoutMinutes", f.timeoutMinutes());
        out.put("podYaml", podYaml);
        out.put("container", f.pod().engineImage() != null ? container : null);
        out.put("dir", dir);
        out.put("files", files);
        out.put("extract", extract);
        out.put("score", score);
        out.put("forecast", forecast);
        out.put("load", load);
        out.put("archive", dir + "/**");
        return out;
    }

    private static Map<String, Object> writeFileArgs(String file, String text) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("file", file);
        args.put("text", text);
        return args;
    }

    /**
     * One line per forecast for the build description: the model and its validation accuracy, the
     * quality gate when it failed, the points written, or why the forecast failed. An outcome has
     * {@code name}, {@code status} (SUCCESS, UNSTABLE, FAILURE) and either {@code forecast} and
     * {@code load}, the maps the steps returned (the forecast step's is metrics.json with
     * {@code summary.model} and {@code summary.validation.mase}, plus {@code qualityGate}; the load
     * step's has {@code pointsWritten}; the forecast step's {@code fva} and a score step's
     * {@code liveMase} and {@code drifting} are shown when present), or {@code error}.
     */
    public static String describe(List<? extends Map<String, ?>> outcomes) {
        // the shards of one forecast (outcomes with a shard "i/N") become one line that adds them up
        Map<Object, List<Map<String, ?>>> byName = new LinkedHashMap<>();
        for (Map<String, ?> o : outcomes) {
            byName.computeIfAbsent(o.get("name"), k -> new ArrayList<>()).add(o);
        }
        StringBuilder sb = new StringBuilder();
        for (List<Map<String, ?>> group : byName.values()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (group.size() > 1 || group.get(0).get("shard") != null) {
                sb.append(describeShards(group));
            } else {
                sb.append(describeOne(group.get(0)));
            }
        }
        return sb.toString();
    }

    /**
     * One line for the shards of a forecast: how many succeeded, the series and points they add up
     * to, and each failed shard with its reason.
     */
    private static String describeShards(List<Map<String, ?>> shards) {
        int ok = 0;
        long series = 0;
        long failedSeries = 0;
        long points = 0;
        boolean anyPoints = false;
        List<String> failures = new ArrayList<>();
        for (Map<String, ?> o : shards) {
            Object error = o.get("error");
            if (error != null) {
                failures.add("shard " + o.get("shard") + " FAILED: " + error);
                continue;
            }
            ok++;
            Map<?, ?> extract = o.get("extract") instanceof Map<?, ?> m ? m : Map.of();
            if (extract.get("series") instanceof Number n) {
                series += n.longValue();
            }
            Map<?, ?> forecast = o.get("forecast") instanceof Map<?, ?> m ? m : Map.of();
            if (find(forecast, "failed", Number.class) instanceof Number n) {
                failedSeries += n.longValue();
            }
            if ("FAILED".equals(forecast.get("qualityGate"))) {
                failures.add("shard " + o.get("shard") + ": quality gate FAILED");
            }
            if (o.get("score") instanceof Map<?, ?> score && Boolean.TRUE.equals(score.get("drifting"))) {
                failures.add("shard " + o.get("shard") + ": live accuracy drifted");
            }
            Map<?, ?> load = o.get("load") instanceof Map<?, ?> m ? m : Map.of();
            Object p = load.containsKey("pointsWritten") ? load.get("pointsWritten") : load.get("points");
            if (p instanceof Number n) {
                points += n.longValue();
                anyPoints = true;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(shards.get(0).get("name")).append(": ").append(shards.size()).append(" shards, ").append(ok)
                .append(" succeeded, ").append(series).append(" series");
        if (failedSeries > 0) {
            sb.append(" (").append(failedSeries).append(" failed)");
        }
        if (anyPoints) {
            sb.append(", ").append(points).append(" points written");
        }
        for (String f : failures) {
            sb.append("; ").append(f);
        }
        return sb.toString();
    }

    private static String describeOne(Map<String, ?> o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.get("name")).append(": ");
        Object error = o.get("error");
        if (error != null) {
            sb.append("FAILED: ").append(error);
            return sb.toString();
        }
        List<String> parts = new ArrayList<>();
        Map<?, ?> forecast = o.get("forecast") instanceof Map<?, ?> m ? m : Map.of();
        Object model = find(forecast, "model", String.class);
        parts.add(model == null ? "forecast" : String.valueOf(model));
        metric(forecast, "mase", "MASE", "", parts);
        metric(forecast, "smape", "sMAPE", "%", parts);
        if (forecast.get("fva") instanceof Number fva && Double.isFinite(fva.doubleValue())) {
            parts.add(String.format(Locale.ROOT, "FVA %+.1f%%", fva.doubleValue()));
        }
        Map<?, ?> score = o.get("score") instanceof Map<?, ?> m ? m : Map.of();
        Object live = score.get("liveMase") != null ? score.get("liveMase") : forecast.get("liveMase");
        if (live instanceof Number n && Double.isFinite(n.doubleValue())) {
            parts.add(String.format(Locale.ROOT, "live MASE %.3f", n.doubleValue()) + (Boolean.TRUE.equals(score.get("drifting"))
                    ? " (drift)" : ""));
        }
        if ("FAILED".equals(forecast.get("qualityGate"))) {
            parts.add("quality gate FAILED");
        }
        Map<?, ?> load = o.get("load") instanceof Map<?, ?> m ? m : Map.of();
        Object points = load.containsKey("pointsWritten") ? load.get("pointsWritten") : load.get("points");
        if (points != null) {
            parts.add(points + " points written");
        }
        sb.append(String.join(", ", parts));
        return sb.toString();
    }

    private static void metric(Map<?, ?> summary, String key, String label, String unit, List<String> parts) {
        Object n = find(summary, key, Number.class);
        if (n != null) {
            double v = ((Number) n).doubleValue();
            parts.add(label + " " + (Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) + unit : "n/a"));
        }
    }

    /**
     * The value of {@code key} (case-insensitive, of the given type) in a step's summary: at the top,
     * else in the maps named summary, validation or metrics (the aggregate of metrics.json), else in
     * any other nested map.
     */
    static Object find(Map<?, ?> map, String key, Class<?> type) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(key) && type.isInstance(e.getValue())) {
                return e.getValue();
            }
        }
        for (String preferred : List.of("summary", "validation", "metrics")) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase(preferred) && e.getValue() instanceof Map<?, ?> child) {
                    Object v = find(child, key, type);
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        for (Object v : map.values()) {
            if (v instanceof Map<?, ?> child) {
                Object found = find(child, key, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** {@link #interruption}: the forecast's own timeout expired. */
    public static final String TIMEOUT = "timeout";
    /** {@link #interruption}: the build was aborted, by hand or by a newer build. */
    public static final String ABORT = "abort";

    /**
     * How a Pipeline interruption ended a forecast: {@link #TIMEOUT} when it is a
     * FlowInterruptedException caused by a timeout step (an ExceededTimeout cause), {@link #ABORT}
     * for any other FlowInterruptedException, null for an ordinary error. (Matched by name: this
     * package does not see Jenkins' classes.)
     */
    public static String interruption(Throwable t) {
        if (!t.getClass().getSimpleName().equals("FlowInterruptedException")) {
            return null;
        }
        try {
            Object causes = t.getClass().getMethod("getCauses").invoke(t);
            if (causes instanceof Iterable<?> list) {
                for (Object cause : list) {
                    if (cause != null && cause.getClass().getSimpleName().equals("ExceededTimeout")) {
                        return TIMEOUT;
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            // no causes to read: an abort
        }
        return ABORT;
    }

    /** A one-line reason for a failed forecast, for the description and the log. */
    public static String failureReason(Throwable t, int timeoutMinutes) {
        String kind = interruption(t);
        if (TIMEOUT.equals(kind)) {
            return "timed out after " + timeoutMinutes + " minutes (timeoutMinutes)";
        }
        if (ABORT.equals(kind)) {
            return "aborted";
        }
        String type = t.getClass().getSimpleName();
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return type;
        }
        String line = message.strip().lines().findFirst().orElse(type);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The settings {@link #podYaml} takes, as a forecast entry of forecasts.yaml has them. */
    static final java.util.Set<String> POD_PARAMETERS = java.util.Set.of("name", "timeoutMinutes", "nodeSelector",
            "resources", "tolerations", "engineImage", "pod", "podMerge");

    /**
     * The pod of one forecast as YAML, for a Jenkinsfile's own {@code podTemplate} or declarative
     * {@code agent { kubernetes { yaml ... } } }: the default pod with the given settings, checked
     * as forecasts.yaml's are (see {@code vars/forecastPod.txt}).
     */
    public static String podYaml(Map<String, ?> params, String jobName) {
        Map<String, Object> values = new LinkedHashMap<>(params);
        Fields f = new Fields("forecastPod", values);
        f.allowOnly(POD_PARAMETERS);
        String name = f.string("name", "forecast");
        int timeout = f.integer("timeoutMinutes", 1, ForecastsFile.DEFAULT_TIMEOUT_MINUTES);
        ForecastConfig.PodSettings settings = ForecastsFile.pod(f);
        return PodTemplates.dump(PodTemplates.renderMap(settings, jobName, name, timeout));
    }
}
