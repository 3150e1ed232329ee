package io.jenkins.plugins.influxforecast.library;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.history.LeadBuckets;
import io.jenkins.plugins.influxforecast.influx.Durations;
import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import io.jenkins.plugins.influxforecast.series.Frequency;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks forecasts.yaml, the file a team keeps next to its Jenkinsfile. Everything is
 * checked before any pod starts; errors name the file, the place in it, the value and what is
 * allowed. The format is documented in {@code vars/forecastPipeline.txt}.
 */
public final class ForecastsFile {

    /** Parameters of influxExtract and influxLoad that the library sets itself. */
    static final String SERVER = "server";
    static final String CREDENTIALS_ID = "credentialsId";
    static final String QUERY = "query";
    static final String FLUX = "flux";
    static final String EXTRACT_OUTPUT = "output";
    static final String LOAD_INPUT = "input";
    static final String SHARD = "shard";
    /** Parameters of score that the library sets itself. */
    static final String SCORE_NAME = "name";
    static final String HISTORY_MEASUREMENT = "historyMeasurement";
    static final String FIELD = "field";
    static final String ACTUALS = "actuals";
    static final String ACTUALS_QUERY = "actualsQuery";
    static final String OUTPUT_DIR = "outputDir";
    static final String AS_OF = "asOf";
    static final String EVERY = "every";

    /** Parameters every step has besides its engine options (steps/LaunchOptions), and asOf. */
    private static final Set<String> LAUNCH_PARAMETERS = Set.of("timeoutMinutes", "maxRamPercentage", "installedEngine");

    /**
     * Forecast step options the library sets itself (the folder layout of one forecast), or leaves
     * to the step (asOf and build: the step stamps the build's own start and number).
     */
    private static final Set<String> FORECAST_SET_BY_LIBRARY = Set.of("input", "outputDir", "asOf", "build", "liveAccuracy");

    static final Set<String> JOB_KEYS = Set.of("server", "credentialsId", "schedule", "timeZone",
            "keepBuilds", "keepArtifacts", "maxParallel", "onFailure", "pod", "podMerge", "defaults", "forecasts");

    private static final Set<String> OWN_FORECAST_KEYS = Set.of("name", "server", "credentialsId", "query", "flux",
            "timeoutMinutes", "maxRamPercentage", "maxMase", "maxSmape", "failOnQualityGate", "extract", "load", "pod",
            "podMerge", "engineImage", "nodeSelector", "resources", "tolerations", "shards", "score");

    /** Keys whose mapping values are merged key by key when a forecast overrides the defaults. */
    private static final Set<String> MERGED_MAPPINGS = Set.of("nodeSelector", "resources", "extract", "load",
            "score", "tags");

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern OPTION_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
    private static final Set<String> CRON_KEYWORDS = Set.of("@yearly", "@annually", "@monthly", "@weekly",
            "@daily", "@midnight", "@hourly");
    private static final Set<String> RESOURCE_NAMES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> TOLERATION_KEYS = Set.of("key", "operator", "value", "effect",
            "tolerationSeconds");
    private static final Set<String> TOLERATION_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final int MAX_TIMEOUT_MINUTES = 24 * 60;
    /**
     * Missed builds a forecast's backfill may fill per build: the forecast command's bound
     * (pipeline's ForecastRequest, which is not loaded here: it reaches the engine's CSV reader).
     */
    static final int MAX_BACKFILL = 10;
    /** Pods one forecast may be split into. */
    static final int MAX_SHARDS = 100;

    private final CommandDef forecastCommand;

    public ForecastsFile() {
        this(Commands.FORECAST);
    }

    ForecastsFile(CommandDef forecastCommand) {
        this.forecastCommand = forecastCommand;
    }

    /**
     * Parses the text of a forecasts.yaml.
     *
     * @param text   the file's content
     * @param source the file's name, for messages
     */
    public JobConfig parse(String text, String source) {
        try {
            return parse(load(text, source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    static Object load(String text, String source) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(source + " is empty; it needs at least a list of forecasts");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(source + " is not valid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage());
        }
    }

    private JobConfig parse(Object document) {
        Fields job = new Fields("", valuesOf(Fields.of("the top level", document)));
        job.allowOnly(JOB_KEYS);

        String schedule = schedule(job);
        String timeZone = job.string("timeZone", JobConfig.DEFAULT_TIME_ZONE).trim();
        if (!new HashSet<>(List.of(TimeZone.getAvailableIDs())).contains(timeZone)) {
            throw new IllegalArgumentException("timeZone '" + timeZone
                    + "' is not a time zone id; use one such as UTC, Europe/Amsterdam or America/New_York");
        }
        int keepBuilds = job.integer("keepBuilds", 1, JobConfig.DEFAULT_KEEP_BUILDS);
        Integer keepArtifacts = job.integer("keepArtifacts", 1);
        int maxParallel = job.integer("maxParallel", 0, 0);
        String onFailure = job.string("onFailure", "failure").trim().toLowerCase(Locale.ROOT);
        if (!onFailure.equals("failure") && !onFailure.equals("unstable")) {
            throw new IllegalArgumentException("onFailure must be failure or unstable, got '" + onFailure + "'");
        }

        Map<String, Object> defaults = new LinkedHashMap<>();
        // job-level settings that are forecast defaults too
        for (String key : List.of("server", "credentialsId", "pod", "podMerge")) {
            if (job.has(key)) {
                defaults.put(key, job.raw(key));
            }
        }
        Fields defaultsSection = job.mapping("defaults");
        if (defaultsSection != null) {
            Set<String> allowed = new LinkedHashSet<>(forecastKeys());
            allowed.remove("name");
            defaultsSection.allowOnly(allowed);
            defaults = merge(defaults, valuesOf(defaultsSection));
        }

        List<Object> entries = job.list("forecasts");
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("forecasts is required: a list with at least one forecast");
        }
        List<ForecastConfig> forecasts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Fields entry = Fields.of("forecasts[" + i + "]", entries.get(i));
            Object rawName = entry.raw("name");
            String where = "forecasts[" + i + "]" + (rawName instanceof String s ? " (" + s + ")" : "");
            Fields merged = new Fields(where, merge(defaults, valuesOf(Fields.of(where, entries.get(i)))));
            ForecastConfig f = forecast(merged, entry.keys(), schedule);
            if (!names.add(f.name())) {
                throw new IllegalArgumentException(where + ".name '" + f.name() + "' is used twice; names must be unique");
            }
            forecasts.add(f);
        }
        String finalOnFailure = onFailure.toUpperCase(Locale.ROOT);
        return new JobConfig(schedule, timeZone, keepBuilds, keepArtifacts, maxParallel, finalOnFailure, forecasts);
    }

    private static String schedule(Fields job) {
        String schedule = job.string("schedule", JobConfig.DEFAULT_SCHEDULE).trim();
        int entries = 0;
        for (String line : schedule.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("TZ=")) {
                throw new IllegalArgumentException("schedule must not set TZ=; use the timeZone setting, got '" + l + "'");
            }
            String[] fields = l.split("\\s+");
            boolean keyword = fields.length == 1 && CRON_KEYWORDS.contains(fields[0]);
            if (!keyword && fields.length != 5) {
                throw new IllegalArgumentException("schedule line '" + l
                        + "' must have 5 fields (minute hour day-of-month month day-of-week, e.g. 'H */12 * * *') or be one of "
                        + String.join(", ", new java.util.TreeSet<>(CRON_KEYWORDS)));
            }
            entries++;
        }
        if (entries == 0) {
            throw new IllegalArgumentException("schedule has no entry; give one such as 'H */12 * * *'");
        }
        return schedule;
    }

    /** The settings a forecast entry may have: the library's own and the forecast step's options. */
    Set<String> forecastKeys() {
        Set<String> keys = new LinkedHashSet<>(OWN_FORECAST_KEYS);
        for (OptionDef o : forecastCommand.options()) {
            if (!FORECAST_SET_BY_LIBRARY.contains(o.name()) && !o.name().equals("name")) {
                keys.add(o.name());
            }
        }
        return keys;
    }

    /**
     * @param f        the forecast's settings, the defaults applied
     * @param ownKeys  the settings the forecast's entry gives itself (not from defaults)
     * @param schedule the job's schedule, whose interval the score step's {@code every} defaults to
     */
    private ForecastConfig forecast(Fields f, Set<String> ownKeys, String schedule) {
        f.allowOnly(forecastKeys());
        String name = f.requiredString("name");
        if (!DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException(f.at("name") + " '" + name
                    + "' must be lower-case letters, digits and '-', start and end with a letter or digit, at most 63 characters");
        }
        String server = f.string("server");
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException(f.at("server")
                    + " is required: the name of an InfluxDB server configured in Jenkins, at the top of the file or per forecast");
        }
        String credentialsId = f.string("credentialsId");
        String query = blankToNull(f.string(QUERY));
        String flux = blankToNull(f.string(FLUX));

        Map<String, Object> forecastOptions = new LinkedHashMap<>();
        for (OptionDef o : forecastCommand.options()) {
            if (f.has(o.name()) && !o.name().equals("name")) {
                forecastOptions.put(o.name(), typed(f, o));
            }
        }
        if (forecastOptions.get("frequency") instanceof String freq) {
            try {
                Frequency.parse(freq);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.at("frequency") + ": " + e.getMessage());
            }
        }
        if (forecastOptions.get("model") instanceof String model) {
            try {
                // the registry builds the model: unknown names and bad parameters fail here, on the controller
                Models.create(model);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.at("model") + " '" + model + "': " + e.getMessage());
            }
        }
        // the forecast step's quality gate (step parameters, not engine options)
        putIfPresent(forecastOptions, "maxMase", Fields.number(f.at("maxMase"), f.raw("maxMase")));
        putIfPresent(forecastOptions, "maxSmape", Fields.number(f.at("maxSmape"), f.raw("maxSmape")));
        putIfPresent(forecastOptions, "failOnQualityGate", Fields.bool(f.at("failOnQualityGate"), f.raw("failOnQualityGate")));

        // how every step runs the engine: the forecast's time limit and heap share
        int timeout = f.integer("timeoutMinutes", 1, DEFAULT_TIMEOUT_MINUTES);
        if (timeout > MAX_TIMEOUT_MINUTES) {
            throw new IllegalArgumentException(f.at("timeoutMinutes") + " must be at most " + MAX_TIMEOUT_MINUTES
                    + " (24 hours), got " + timeout);
        }
        Map<String, Object> launch = new LinkedHashMap<>();
        launch.put("timeoutMinutes", timeout);
        Integer ram = f.integer("maxRamPercentage", 1);
        if (ram != null) {
            if (ram > 95) {
                throw new IllegalArgumentException(f.at("maxRamPercentage") + " must be between 1 and 95, got " + ram);
            }
            launch.put("maxRamPercentage", ram);
        }

        Map<String, Object> extractSection = passThrough(f, "extract", Commands.EXTRACT, "influxExtract",
                Set.of(SERVER, CREDENTIALS_ID, QUERY, FLUX, EXTRACT_OUTPUT, SHARD), Set.of("asOf"));
        List<String> sources = new ArrayList<>();
        if (query != null) {
            sources.add(QUERY);
        }
        if (flux != null) {
            sources.add(FLUX);
        }
        for (String structuredOrFile : List.of("measurement", "queryFile", "fluxFile")) {
            if (extractSection.containsKey(structuredOrFile)) {
                sources.add("extract." + structuredOrFile);
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(f.at(QUERY) + " is required: an InfluxQL query (or flux: a Flux query for"
                    + " InfluxDB 2.x, or extract: {measurement: ..., field: ..., where: ...} for a structured query)");
        }
        if (sources.size() > 1) {
            throw new IllegalArgumentException(f.path() + " must give one query: query, flux or extract.measurement, got "
                    + String.join(" and ", sources));
        }
        Map<String, Object> extract = new LinkedHashMap<>(launch);
        extract.putAll(extractSection);
        Map<String, Object> load = new LinkedHashMap<>(launch);
        load.putAll(passThrough(f, "load", Commands.LOAD, "influxLoad", Set.of(SERVER, CREDENTIALS_ID, LOAD_INPUT),
                Set.of("ignoreQualityGate")));
        Map<String, Object> score = history(f, ownKeys, schedule, name, forecastOptions, launch);
        forecastOptions.putAll(launch);
        int shards = f.integer("shards", 1, 1);
        if (shards > MAX_SHARDS) {
            throw new IllegalArgumentException(f.at("shards") + " must be between 1 and " + MAX_SHARDS + " (one pod each), got "
                    + shards);
        }
        return new ForecastConfig(name, server.trim(), credentialsId, query, flux, forecastOptions, extract, load,
                score, timeout, pod(f), shards);
    }

    /**
     * The forecast's history, on unless {@code history: false}: the forecast step writes each run to
     * the history measurement ({@code <name>-forecast-history} unless {@code historyMeasurement} is
     * given: named after the forecast, so forecasts of one file that read the same measurement keep
     * their histories apart) and, before it, the score step judges the earlier runs. Returns the
     * arguments of score that forecasts.yaml gives (its {@code score} section, the launch options,
     * {@code every} from the schedule), or null when history is off. {@code backfill} needs history
     * and the schedule's interval. A forecast with {@code history: false} refuses a {@code score}
     * section or a {@code backfill} of its own; the ones of defaults do not apply to it.
     */
    private static Map<String, Object> history(Fields f, Set<String> ownKeys, String schedule, String name,
            Map<String, Object> forecastOptions, Map<String, Object> launch) {
        boolean history = !Boolean.FALSE.equals(forecastOptions.get("history"));
        int backfill = forecastOptions.get("backfill") instanceof Integer n ? n : 0;
        if (backfill < 0 || backfill > MAX_BACKFILL) {
            throw new IllegalArgumentException(f.at("backfill") + " must be between 0 and " + MAX_BACKFILL
                    + " (missed builds filled per build), got " + backfill);
        }
        if (backfill == 0) {
            forecastOptions.remove("backfill");
        }
        if (!history) {
            forecastOptions.remove("history");
            for (String key : List.of("score", "backfill")) {
                if (ownKeys.contains(key) && (!key.equals("backfill") || backfill > 0)) {
                    throw new IllegalArgumentException(f.at(key) + " needs the forecast history, but " + f.at("history")
                            + " is false; drop " + key + " or history: false");
                }
            }
            forecastOptions.remove("backfill");
            return null;
        }
        forecastOptions.put("history", true);
        if (!(forecastOptions.get(HISTORY_MEASUREMENT) instanceof String m) || m.isBlank()) {
            forecastOptions.put(HISTORY_MEASUREMENT, name + "-forecast-history");
        }
        Map<String, Object> score = new LinkedHashMap<>(launch);
        score.putAll(passThrough(f, "score", Commands.SCORE, "score", Set.of(SERVER, CREDENTIALS_ID, SCORE_NAME,
                HISTORY_MEASUREMENT, FIELD, ACTUALS, ACTUALS_QUERY, OUTPUT_DIR, AS_OF), Set.of()));
        checkScore(f.at("score"), score);
        if (!score.containsKey(EVERY)) {
            ScheduleInterval.of(schedule).ifPresent(d -> score.put(EVERY, Durations.format(d)));
        }
        if (backfill > 0 && !score.containsKey(EVERY)) {
            throw new IllegalArgumentException(f.at("backfill") + " " + backfill + " needs the interval between the builds,"
                    + " and the schedule '" + schedule.strip().replace("\n", "; ") + "' has no single one: give "
                    + f.at("score") + ".every, such as 12h");
        }
        return score;
    }

    /** The values of a score section that only the score step would refuse, refused here with their place. */
    private static void checkScore(String at, Map<String, Object> score) {
        if (score.get("runs") instanceof Integer runs && runs < 1) {
            throw new IllegalArgumentException(at + ".runs must be a whole number >= 1, got " + runs);
        }
        for (String key : List.of("driftFactor", "maxLiveMase")) {
            if (score.get(key) instanceof Double d && !(d > 0 && Double.isFinite(d))) {
                throw new IllegalArgumentException(at + "." + key + " must be a number > 0, got " + d);
            }
        }
        for (String key : List.of("lookback", EVERY)) {
            if (score.get(key) instanceof String text) {
                java.time.Duration d = Durations.parse(at + "." + key, text);
                if (d.getSeconds() < 1) {
                    throw new IllegalArgumentException(at + "." + key + " must be at least 1s, got '" + text + "'");
                }
            }
        }
        if (score.get("leadBuckets") instanceof String buckets) {
            try {
                LeadBuckets.parse(buckets);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".leadBuckets '" + buckets + "': " + e.getMessage(), e);
            }
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The value of a forecast step option, typed as the step takes it. */
    private static Object typed(Fields f, OptionDef o) {
        String where = f.at(o.name());
        Object v = f.raw(o.name());
        return switch (o.type()) {
            case STRING -> Fields.text(where, v);
            case INT -> Fields.integer(where, v, Integer.MIN_VALUE);
            case DOUBLE -> Fields.number(where, v);
            case BOOLEAN -> Fields.bool(where, v);
            case LIST -> listValue(where, v);
        };
    }

    /** A list option: a list of values, or a mapping written as key=value items (tags). */
    private static List<String> listValue(String where, Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String value = Fields.text(where + "." + e.getKey(), e.getValue());
                if (value == null) {
                    throw new IllegalArgumentException(where + "." + e.getKey() + " must have a value");
                }
                out.add(e.getKey() + "=" + value);
            }
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.add(Fields.text(where + "[" + i + "]", list.get(i)));
            }
        } else {
            out.add(Fields.text(where, v));
        }
        return out;
    }

    /**
     * Further parameters of influxExtract or influxLoad: the step's engine options (the command's
     * definition) and launch parameters, typed as the step takes them; the ones the library sets
     * are refused.
     */
    private static Map<String, Object> passThrough(Fields f, String key, CommandDef command, String step,
            Set<String> reserved, Set<String> stepExtras) {
        Fields section = f.mapping(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (section == null) {
            return out;
        }
        Set<String> allowed = new java.util.TreeSet<>(LAUNCH_PARAMETERS);
        allowed.addAll(stepExtras);
        for (OptionDef o : command.options()) {
            allowed.add(o.name());
        }
        allowed.removeAll(reserved);
        for (String k : section.keys()) {
            if (reserved.contains(k)) {
                throw new IllegalArgumentException(section.at(k) + " is set by the library; " + switch (k) {
                    case SERVER, CREDENTIALS_ID, QUERY, FLUX, HISTORY_MEASUREMENT, FIELD -> "write it as " + f.at(k);
                    case SHARD -> "write " + f.at("shards") + ": N for N pods that share the series";
                    case SCORE_NAME -> "it is the forecast's name";
                    case ACTUALS, ACTUALS_QUERY -> "the actuals are the extract's output";
                    case AS_OF -> "it is the build's start, as for the forecast";
                    default -> "it is the forecast's folder";
                });
            }
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(section.at(k) + " is not a parameter of " + step + "; allowed: "
                        + String.join(", ", allowed));
            }
            Object v = section.raw(k);
            Object typed;
            if (command.option(k).isPresent()) {
                typed = typed(section, command.option(k).get());
            } else if (k.equals("timeoutMinutes") || k.equals("maxRamPercentage")) {
                typed = section.integer(k, 1);
            } else if (k.equals("ignoreQualityGate")) {
                typed = Fields.bool(section.at(k), v);
            } else {
                typed = Fields.text(section.at(k), v);
            }
            if (typed != null) {
                out.put(k, typed);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static ForecastConfig.PodSettings pod(Fields f) {
        Map<String, Object> base = null;
        String podMerge = f.string("podMerge", "merge").trim().toLowerCase(Locale.ROOT);
        if (!podMerge.equals("merge") && !podMerge.equals("replace")) {
            throw new IllegalArgumentException(f.at("podMerge") + " must be merge (the pod is merged into the library's"
                    + " default pod) or replace (it replaces it), got '" + podMerge + "'");
        }
        boolean replace = podMerge.equals("replace");
        Fields podSection = f.mapping("pod");
        if (podSection != null) {
            podSection.allowOnly(Set.of("apiVersion", "kind", "metadata", "spec"));
            Object kind = podSection.raw("kind");
            if (kind != null && !"Pod".equals(kind)) {
                throw new IllegalArgumentException(podSection.at("kind") + " must be Pod, got " + Fields.describe(kind));
            }
            Fields spec = podSection.mapping("spec");
            if (spec == null && replace) {
                throw new IllegalArgumentException(podSection.at("spec") + " is required with podMerge: replace: the pod's spec"
                        + " with its containers");
            }
            podSection.mapping("metadata");
            if (spec != null) {
                checkNamedItems(spec, "containers");
                checkNamedItems(spec, "initContainers");
                checkNamedItems(spec, "volumes");
            }
            base = valuesOf(podSection);
        } else if (f.has("podMerge")) {
            throw new IllegalArgumentException(f.at("podMerge") + " applies to a pod: give pod too");
        }
        String engineImage = f.string("engineImage");
        if (engineImage != null && (engineImage.isBlank() || engineImage.matches(".*\\s.*"))) {
            throw new IllegalArgumentException(f.at("engineImage") + " must be an image name without spaces, got '"
                    + engineImage + "'");
        }
        Map<String, String> nodeSelector = f.stringMap("nodeSelector");
        Map<String, String> requests = new LinkedHashMap<>();
        Map<String, String> limits = new LinkedHashMap<>();
        Fields resources = f.mapping("resources");
        if (resources != null) {
            resources.allowOnly(Set.of("requests", "limits"));
            requests = quantities(resources, "requests");
            limits = quantities(resources, "limits");
            for (Map.Entry<String, String> r : requests.entrySet()) {
                String limit = limits.get(r.getKey());
                if (limit != null) {
                    BigDecimal req = Quantities.parse(resources.at("requests." + r.getKey()), r.getValue());
                    BigDecimal lim = Quantities.parse(resources.at("limits." + r.getKey()), limit);
                    if (lim.compareTo(req) < 0) {
                        throw new IllegalArgumentException(resources.at("limits." + r.getKey()) + " (" + limit
                                + ") is below " + resources.at("requests." + r.getKey()) + " (" + r.getValue() + ")");
                    }
                }
            }
        }
        List<Map<String, Object>> tolerations = new ArrayList<>();
        List<Object> list = f.list("tolerations");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                tolerations.add(toleration(Fields.of(f.at("tolerations") + "[" + i + "]", list.get(i))));
            }
        }
        return new ForecastConfig.PodSettings(base, engineImage, nodeSelector == null ? Map.of() : nodeSelector,
                requests, limits, tolerations, replace);
    }

    /** Containers and volumes are merged by name: each needs one, and no name twice. */
    private static void checkNamedItems(Fields spec, String key) {
        List<Object> items = spec.list(key);
        if (items == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Fields item = Fields.of(spec.at(key) + "[" + i + "]", items.get(i));
            String name = item.string("name");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(item.at("name") + " is required: " + key + " are merged by name");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(item.at("name") + " '" + name + "' is used twice in " + spec.at(key));
            }
        }
    }

    private static Map<String, String> quantities(Fields resources, String key) {
        Map<String, String> raw = resources.stringMap(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String where = resources.at(key + "." + e.getKey());
            if (!RESOURCE_NAMES.contains(e.getKey()) && !e.getKey().contains("/")) {
                throw new IllegalArgumentException(where + " is not a resource; allowed: cpu, memory, ephemeral-storage"
                        + " or an extended resource such as nvidia.com/gpu");
            }
            Quantities.parse(where, e.getValue());
            out.put(e.getKey(), e.getValue().trim());
        }
        return out;
    }

    private static Map<String, Object> toleration(Fields t) {
        t.allowOnly(TOLERATION_KEYS);
        Map<String, Object> out = new LinkedHashMap<>();
        String operator = t.string("operator", "Equal");
        if (!operator.equals("Equal") && !operator.equals("Exists")) {
            throw new IllegalArgumentException(t.at("operator") + " must be Equal or Exists, got '" + operator + "'");
        }
        String key = t.string("key");
        if (key == null && operator.equals("Equal")) {
            throw new IllegalArgumentException(t.at("key") + " is required unless operator is Exists");
        }
        if (key != null) {
            out.put("key", key);
        }
        out.put("operator", operator);
        String value = t.string("value");
        if (value != null) {
            if (operator.equals("Exists")) {
                throw new IllegalArgumentException(t.at("value") + " must be empty when operator is Exists");
            }
            out.put("value", value);
        }
        String effect = t.string("effect");
        if (effect != null) {
            if (!TOLERATION_EFFECTS.contains(effect)) {
                throw new IllegalArgumentException(t.at("effect") + " must be one of NoExecute, NoSchedule, PreferNoSchedule, got '"
                        + effect + "'");
            }
            out.put("effect", effect);
        }
        Integer seconds = t.integer("tolerationSeconds", 0);
        if (seconds != null) {
            out.put("tolerationSeconds", seconds);
        }
        return out;
    }

    private static Map<String, Object> valuesOf(Fields f) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : f.keys()) {
            out.put(k, f.raw(k));
        }
        return out;
    }

    /** The defaults overridden by the entry; mappings such as nodeSelector merge key by key. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> entry) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Object> e : entry.entrySet()) {
            Object old = out.get(e.getKey());
            if (e.getKey().equals("pod") && old instanceof Map<?, ?> o && e.getValue() instanceof Map<?, ?> n) {
                // the job's pod, then the forecast's, each merged as the Kubernetes plugin's merge() does
                out.put("pod", PodMerge.pod((Map<String, Object>) o, (Map<String, Object>) n));
            } else if (MERGED_MAPPINGS.contains(e.getKey()) && old instanceof Map<?, ?> o && e.getValue() instanceof Map<?, ?> n) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
                for (Map.Entry<?, ?> ne : n.entrySet()) {
                    Object oldInner = m.get(String.valueOf(ne.getKey()));
                    if (oldInner instanceof Map<?, ?> oi && ne.getValue() instanceof Map<?, ?> ni) {
                        Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) oi);
                        inner.putAll((Map<String, Object>) ni);
                        m.put(String.valueOf(ne.getKey()), inner);
                    } else {
                        m.put(String.valueOf(ne.getKey()), ne.getValue());
                    }
                }
                out.put(e.getKey(), m);
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
