package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.RunSummary;
import io.jenkins.plugins.influxforecast.report.Scores;
import io.jenkins.plugins.influxforecast.series.Frequency;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code forecast}: forecasts a series read from a workspace CSV by running the engine's
 * {@code forecast} command on the agent, writes forecast.csv, forecast.lp, metrics.json,
 * forecast.png, report.html and, with auto, backtest.png (plus the step's log and resolved parameters)
 * into {@code outputDir}, and returns a
 * summary map (model, validation metrics, artifact paths). An optional quality gate
 * ({@code maxMase}, {@code maxSmape}) marks the build UNSTABLE, or FAILURE with
 * {@code failOnQualityGate}, and makes {@code influxLoad} refuse to write that forecast.
 *
 * <p>The engine options are {@link Commands#FORECAST}; a test proves that every option is a
 * parameter here and back.
 */
public final class ForecastStep extends Step {

    static final String FUNCTION = "forecast";

    /** The word that switches an optional output off ({@code levels}, {@code modelTag}, {@code modelField}); blank means the default. */
    static final String NONE = StepValues.NONE;

    // engine options (Commands.FORECAST)
    private final String input;
    private final String outputDir;
    private String model;
    private Integer horizon;
    private Double validation;
    private String frequency;
    private Integer smoothing;
    private String fill;
    private Integer maxGap;
    private String format;
    private String timeColumn;
    private String valueColumn;
    private String name;
    private String measurement;
    private String field;
    private List<String> tags;
    private String levels;
    private boolean nonNegative;

    private String asOf;
    private Integer build;
    private String modelTag;
    private String modelField;
    private boolean history;
    private String historyMeasurement;
    private String liveAccuracy;
    private Integer backfill;

    // step-only parameters
    private Double maxMase;
    private Double maxSmape;
    private boolean failOnQualityGate;
    private final LaunchOptions launch = new LaunchOptions();

    @DataBoundConstructor
    public ForecastStep(String input, String outputDir) {
        String in = StepValues.relativePath("input", input);
        String out = StepValues.relativePath("outputDir", outputDir);
        if (in == null) {
            throw new IllegalArgumentException("input is required: the CSV to forecast, relative to the workspace");
        }
        if (out == null) {
            throw new IllegalArgumentException("outputDir is required: the workspace folder the forecast is written to");
        }
        this.input = in;
        this.outputDir = out;
    }

    public String getInput() {
        return input;
    }

    public String getOutputDir() {
        return outputDir;
    }

    public String getModel() {
        return model;
    }

    /** A model spec such as {@code snaive(season=24)}, checked against the engine's models. */
    @DataBoundSetter
    public void setModel(String model) {
        String v = StepValues.arg("model", model);
        if (v != null) {
            try {
                Models.create(ModelSpec.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model '" + v + "' is not valid: " + e.getMessage());
            }
        }
        this.model = v;
    }

    public Integer getHorizon() {
        return horizon;
    }

    @DataBoundSetter
    public void setHorizon(Integer horizon) {
        this.horizon = StepValues.atLeast("horizon", horizon, 1);
    }

    public Double getValidation() {
        return validation;
    }

    /**
     * A fraction below 1 ({@code 0.2}) or a whole count of points ({@code 168}); 0 for none. A number
     * in a Pipeline ({@code validation: 0.2}); the text forms {@code '0.2'} and {@code '168'} bind too.
     */
    @DataBoundSetter
    public void setValidation(Double validation) {
        if (validation != null) {
            validationText(validation);
        }
        this.validation = validation;
    }

    /** The validation as the engine's text ({@code 0.2}, {@code 168}); fails with a message naming the parameter. */
    static String validationText(double v) {
        if (v >= 0 && v < 1) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        if (v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE) {
            return Long.toString((long) v);
        }
        throw new IllegalArgumentException("validation must be a fraction in [0, 1) such as 0.2 or a whole count of points such as 168, got "
                + BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
    }

    public String getFrequency() {
        return frequency;
    }

    @DataBoundSetter
    public void setFrequency(String frequency) {
        String v = StepValues.arg("frequency", frequency);
        if (v != null) {
            try {
                Frequency.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frequency '" + v + "' is not valid: " + e.getMessage());
            }
        }
        this.frequency = v;
    }

    public Integer getSmoothing() {
        return smoothing;
    }

    @DataBoundSetter
    public void setSmoothing(Integer smoothing) {
        this.smoothing = StepValues.atLeast("smoothing", smoothing, 0);
    }

    public String getFill() {
        return fill;
    }

    @DataBoundSetter
    public void setFill(String fill) {
        this.fill = StepValues.choice("fill", fill, "linear", "previous", "fail");
    }

    public Integer getMaxGap() {
        return maxGap;
    }

    @DataBoundSetter
    public void setMaxGap(Integer maxGap) {
        this.maxGap = StepValues.atLeast("maxGap", maxGap, 0);
    }

    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        this.format = StepValues.choice("format", format, "auto", "influx1", "influx2", "csv");
    }

    public String getTimeColumn() {
        return timeColumn;
    }

    @DataBoundSetter
    public void setTimeColumn(String timeColumn) {
        this.timeColumn = StepValues.arg("timeColumn", timeColumn);
    }

    public String getValueColumn() {
        return valueColumn;
    }

    @DataBoundSetter
    public void setValueColumn(String valueColumn) {
        this.valueColumn = StepValues.arg("valueColumn", valueColumn);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = StepValues.arg("name", name);
    }

    public String getMeasurement() {
        return measurement;
    }

    @DataBoundSetter
    public void setMeasurement(String measurement) {
        this.measurement = StepValues.arg("measurement", measurement);
    }

    public String getField() {
        return field;
    }

    @DataBoundSetter
    public void setField(String field) {
        this.field = StepValues.arg("field", field);
    }

    public List<String> getTags() {
        return tags == null ? null : new ArrayList<>(tags);
    }

    /** The tags one per line, as the Snippet Generator's text area shows them. */
    public String getTagsAsLines() {
        return StepValues.asLines(tags);
    }

    /** Extra {@code key=value} tags of every forecast point; an entry may hold several, one per line. */
    @DataBoundSetter
    public void setTags(List<String> tags) {
        this.tags = StepValues.tags("tags", tags);
    }

    public String getLevels() {
        return levels;
    }

    /**
     * Interval levels in percent, comma-separated ({@code 80,95}); {@code none} for no intervals. Empty
     * (a blank Snippet Generator field) means the default.
     */
    @DataBoundSetter
    public void setLevels(String levels) {
        String v = StepValues.arg("levels", levels);
        if (v != null && v.equalsIgnoreCase(NONE)) {
            this.levels = NONE;
            return;
        }
        if (v != null) {
            for (String part : v.split(",")) {
                double d;
                try {
                    d = Double.parseDouble(part.trim());
                } catch (NumberFormatException e) {
                    d = Double.NaN;
                }
                if (!(d > 0 && d < 100)) {
                    throw new IllegalArgumentException("levels must be percentages between 0 and 100, comma-separated (80,95), or none, got '" + v + "'");
                }
            }
        }
        this.levels = v;
    }

    public boolean isNonNegative() {
        return nonNegative;
    }

    /** Clip the forecast and its intervals at zero (counts, occupancy, solar power). */
    @DataBoundSetter
    public void setNonNegative(boolean nonNegative) {
        this.nonNegative = nonNegative;
    }

    public String getAsOf() {
        return asOf;
    }

    /** The time the forecast is made as of (ISO-8601); default: the build's start, on the frequency grid. */
    @DataBoundSetter
    public void setAsOf(String asOf) {
        this.asOf = StepValues.instant("asOf", asOf);
    }

    public Integer getBuild() {
        return build;
    }

    /** The build number stamped into forecast.lp and metrics.json; default: this build's number. */
    @DataBoundSetter
    public void setBuild(Integer build) {
        this.build = StepValues.atLeast("build", build, 0);
    }

    public String getModelTag() {
        return modelTag;
    }

    /**
     * Tag key of the model spec on every forecast point; default none (the model is a field, see
     * {@link #setModelField}), since a tag starts a new series whenever auto picks another model.
     * Empty (a blank Snippet Generator field) or {@code none} means no tag.
     */
    @DataBoundSetter
    public void setModelTag(String modelTag) {
        String v = key("modelTag", modelTag, "tag key");
        this.modelTag = v != null && v.equalsIgnoreCase(NONE) ? NONE : v;
    }

    public String getModelField() {
        return modelField;
    }

    /**
     * String field key of the model spec on every point of the latest forecast; default {@code model};
     * {@code none} for no model field. Empty (a blank Snippet Generator field) means the default.
     */
    @DataBoundSetter
    public void setModelField(String modelField) {
        String v = key("modelField", modelField, "field key");
        this.modelField = v != null && v.equalsIgnoreCase(NONE) ? NONE : v;
    }

    private static String key(String parameter, String value, String what) {
        String v = StepValues.arg(parameter, value);
        if (v != null && !v.equalsIgnoreCase(NONE) && !v.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(parameter + " must be a " + what + " (letters, digits, _ . -) or none, got '" + v + "'");
        }
        return v;
    }

    public boolean isHistory() {
        return history;
    }

    /** Also write the forecast to the history measurement, one point per step and run (docs/history.md). */
    @DataBoundSetter
    public void setHistory(boolean history) {
        this.history = history;
    }

    public String getHistoryMeasurement() {
        return historyMeasurement;
    }

    @DataBoundSetter
    public void setHistoryMeasurement(String historyMeasurement) {
        this.historyMeasurement = StepValues.arg("historyMeasurement", historyMeasurement);
    }

    public Integer getBackfill() {
        return backfill;
    }

    /** Fill up to this many missed runs that the liveAccuracy score.json lists (0 to 10). */
    @DataBoundSetter
    public void setBackfill(Integer backfill) {
        if (backfill != null && (backfill < 0 || backfill > 10)) {
            throw new IllegalArgumentException("backfill must be between 0 and 10, got " + backfill);
        }
        this.backfill = backfill;
    }

    public String getLiveAccuracy() {
        return liveAccuracy;
    }

    /** The score.json of a score step, whose live accuracy and drift go into metrics.json and report.html. */
    @DataBoundSetter
    public void setLiveAccuracy(String liveAccuracy) {
        this.liveAccuracy = StepValues.relativePath("liveAccuracy", liveAccuracy);
    }

    public Double getMaxMase() {
        return maxMase;
    }

    @DataBoundSetter
    public void setMaxMase(Double maxMase) {
        this.maxMase = StepValues.positive("maxMase", maxMase);
    }

    public Double getMaxSmape() {
        return maxSmape;
    }

    @DataBoundSetter
    public void setMaxSmape(Double maxSmape) {
        this.maxSmape = StepValues.positive("maxSmape", maxSmape);
    }

    public boolean isFailOnQualityGate() {
        return failOnQualityGate;
    }

    @DataBoundSetter
    public void setFailOnQualityGate(boolean failOnQualityGate) {
        this.failOnQualityGate = failOnQualityGate;
    }

    public int getMaxRamPercentage() {
        return launch.maxRamPercentage();
    }

    @DataBoundSetter
    public void setMaxRamPercentage(Integer maxRamPercentage) {
        launch.maxRamPercentage(maxRamPercentage);
    }

    public int getTimeoutMinutes() {
        return launch.timeoutMinutes();
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        launch.timeoutMinutes(timeoutMinutes);
    }

    public String getInstalledEngine() {
        return launch.installedEngine();
    }

    @DataBoundSetter
    public void setInstalledEngine(String installedEngine) {
        launch.installedEngine(installedEngine);
    }

    /** How the engine process runs (heap, time limit, installed engine). */
    LaunchOptions launchOptions() {
        return launch;
    }

    /** The engine option values, keyed by {@link Commands#FORECAST} option name. */
    Map<String, Object> engineValues(String resolvedAsOf, int buildNumber) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("input", input);
        v.put("outputDir", outputDir);
        v.put("model", model);
        v.put("horizon", horizon);
        v.put("validation", validation == null ? null : validationText(validation));
        v.put("frequency", frequency);
        v.put("smoothing", smoothing);
        v.put("fill", fill);
        v.put("maxGap", maxGap);
        v.put("format", format);
        v.put("timeColumn", timeColumn);
        v.put("valueColumn", valueColumn);
        v.put("name", name);
        v.put("measurement", measurement);
        v.put("field", field);
        v.put("tags", tags);
        v.put("levels", NONE.equals(levels) ? "" : levels);
        if (nonNegative) {
            v.put("nonNegative", true);
        }
        v.put("asOf", resolvedAsOf);
        v.put("build", build != null ? build : Integer.valueOf(buildNumber));
        v.put("modelTag", NONE.equals(modelTag) ? null : modelTag);
        v.put("modelField", NONE.equals(modelField) ? "" : modelField);
        if (history) {
            v.put("history", true);
        }
        v.put("historyMeasurement", historyMeasurement);
        v.put("liveAccuracy", liveAccuracy);
        v.put("backfill", backfill);
        v.values().removeIf(java.util.Objects::isNull);
        return v;
    }

    /** The cross-field checks; each message names the parameters. */
    void checkCombination() {
        boolean noValidation = validation != null && validation == 0;
        if (noValidation && horizon == null) {
            throw new IllegalArgumentException("horizon is required when validation is 0 (the default horizon is the length of the validation part)");
        }
        if (noValidation && (maxMase != null || maxSmape != null)) {
            throw new IllegalArgumentException("maxMase and maxSmape need validation metrics, but validation is 0: give validation (e.g. 0.2) or drop the quality gate");
        }
        if (failOnQualityGate && maxMase == null && maxSmape == null) {
            throw new IllegalArgumentException("failOnQualityGate needs a quality gate: give maxMase and/or maxSmape");
        }
        if (input.equals(outputDir)) {
            throw new IllegalArgumentException("input and outputDir must differ, both are '" + input + "'");
        }
    }

    /** The time this forecast is made as of: {@code asOf}, or the build's start, on the frequency grid when known. */
    String resolveAsOf(long buildStartMillis) {
        Instant t = asOf != null ? Instant.parse(asOf) : Instant.ofEpochMilli(buildStartMillis);
        if (frequency != null) {
            t = Frequency.parse(frequency).floor(t);
        }
        return t.toString();
    }

    /** Checks how the parameters combine (before anything runs or is written), then starts. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        checkCombination();
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Only used by run(), which never resumes after a restart (onResume fails the step)")
        private final transient ForecastStep step;

        Execution(StepContext context, ForecastStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepEnvironment env = StepEnvironment.of(getContext());
            String asOf = step.resolveAsOf(env.run().getStartTimeInMillis());
            env.log(FUNCTION, "as of " + asOf + ", input " + step.input + ", output " + step.outputDir + "/");
            FilePath out = env.workspace().child(step.outputDir);
            QualityGate.markPending(out);
            Map<String, Object> values = step.engineValues(asOf, env.run().getNumber());
            List<String> args = Commands.FORECAST.toArguments(values);
            EngineJar jar = EngineJar.embedded();
            String status = "failed";
            try {
                EngineProcess.Outcome outcome = EngineProcess.run(EngineLaunch.builder(FUNCTION, env, jar, step.launch)
                        .args(args).logFile(out.child(FUNCTION + ".log")).build());
                long t0 = System.nanoTime();
                RunMetrics metrics = EngineSummary.readMetrics(out.child("metrics.json"));
                LinkedHashMap<String, Object> summary = summarize(metrics);
                summary.put("asOf", asOf);
                summary.put("outputDir", step.outputDir);
                summary.put("files", existingFiles(out, step.outputDir));
                summary.put("unstable", outcome.unstable());
                if (outcome.unstable()) {
                    env.log(FUNCTION, "some series failed (" + outcome.errorLine() + ") - build marked UNSTABLE");
                    env.markResult(getContext(), Result.UNSTABLE, "forecast: some series failed: " + outcome.errorLine());
                }
                QualityGate gate = QualityGate.evaluate(metrics.summary().validation(), step.maxMase, step.maxSmape,
                        step.failOnQualityGate);
                summary.put("qualityGate", gate.status());
                gate.write(out);
                env.log(FUNCTION, describe(metrics.summary(), step.outputDir) + " (" + EngineProcess.seconds(t0) + ")");
                BuildDescription.put(env.run(), FUNCTION + " " + step.outputDir, headline(summary), env.listener());
                if (gate.failed()) {
                    Result r = step.failOnQualityGate ? Result.FAILURE : Result.UNSTABLE;
                    env.log(FUNCTION, "quality gate failed: " + String.join("; ", gate.reasons()) + " - build marked " + r
                            + "; influxLoad will not write this forecast unless told to (ignoreQualityGate: true)");
                    env.markResult(getContext(), r, "forecast: quality gate failed: " + String.join("; ", gate.reasons()));
                } else if (gate.configured()) {
                    env.log(FUNCTION, "quality gate passed: " + String.join("; ", gate.reasons()));
                }
                status = gate.failed() ? "quality gate failed" : "succeeded";
                return summary;
            } finally {
                StepRecord.write(out.child(FUNCTION + "-parameters.json"), FUNCTION, env.run(), jar.version(), asOf, values, status, env.listener());
            }
        }

        private static final long serialVersionUID = 1L;
    }

    /**
     * The step's return value from metrics.json: model, validation metrics, counts and
     * provenance, with camelCase keys for a Jenkinsfile (the per-series detail stays in the file).
     * Plain JDK types only (Strings, Longs, Doubles, maps), which Pipeline keeps in the build.
     */
    static LinkedHashMap<String, Object> summarize(RunMetrics metrics) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        RunSummary summary = metrics.summary();
        m.put("model", summary.model());
        LinkedHashMap<String, Object> scores = new LinkedHashMap<>();
        Scores v = summary.validation();
        if (v != null) {
            scores.put("mae", v.mae());
            scores.put("rmse", v.rmse());
            scores.put("mape", v.mape());
            scores.put("smape", v.smape());
            scores.put("mase", v.mase());
        }
        m.put("metrics", scores);
        m.put("series", (long) summary.series());
        m.put("succeeded", (long) summary.succeeded());
        m.put("failed", (long) summary.failed());
        m.put("fallback", (long) summary.fallback());
        m.put("pointsForecast", summary.pointsForecast());
        java.util.Set<String> validationModels = new java.util.LinkedHashSet<>();
        double fvaSum = 0;
        int fvaCount = 0;
        for (io.jenkins.plugins.influxforecast.report.SeriesReport s : metrics.series()) {
            if (s.ok() && s.validation() != null && s.validation().model() != null) {
                validationModels.add(s.validation().model());
                if (s.validation().fvaPercent() != null) {
                    fvaSum += s.validation().fvaPercent();
                    fvaCount++;
                }
            }
        }
        if (!validationModels.isEmpty()) {
            m.put("validationModel", validationModels.size() == 1 ? validationModels.iterator().next() : "several");
        }
        if (fvaCount > 0) {
            m.put("fva", fvaSum / fvaCount);
        }
        if (metrics.live() != null && metrics.live().get("live") instanceof Map<?, ?> live && live.get("mase") instanceof Number liveMase) {
            m.put("liveMase", liveMase.doubleValue());
        }
        if (metrics.engine() != null) {
            m.put("engineVersion", metrics.engine().version());
        }
        if (metrics.input() != null) {
            m.put("inputSha256", metrics.input().sha256());
            m.put("inputRows", metrics.input().rows());
        }
        return m;
    }

    private static List<Object> existingFiles(FilePath out, String outputDir) throws java.io.IOException, InterruptedException {
        List<Object> files = new ArrayList<>();
        for (String f : List.of("forecast.csv", "forecast.lp", "metrics.json", "forecast.png", "backtest.png", "report.html")) {
            if (out.child(f).exists()) {
                files.add(outputDir + "/" + f);
            }
        }
        return files;
    }

    /** The step's log line: the model and the validation scores that go with it, 4 significant digits. */
    /** The build description's line: model, validation MASE (and its model when auto chose another), FVA, live MASE. */
    static String headline(Map<String, Object> summary) {
        StringBuilder b = new StringBuilder(String.valueOf(summary.get("model")));
        Object mase = summary.get("metrics") instanceof Map<?, ?> m ? m.get("mase") : null;
        if (mase instanceof Number n) {
            b.append(String.format(Locale.ROOT, ", validation MASE %.3f", n.doubleValue()));
            Object vm = summary.get("validationModel");
            if (vm != null && !vm.equals(summary.get("model"))) {
                b.append(" (").append(vm).append(')');
            }
        }
        if (summary.get("fva") instanceof Number fva) {
            b.append(String.format(Locale.ROOT, ", FVA %+.1f%%", fva.doubleValue()));
        }
        if (summary.get("liveMase") instanceof Number live) {
            b.append(String.format(Locale.ROOT, ", live MASE %.3f", live.doubleValue()));
        }
        return b.toString();
    }

    private static String describe(RunSummary summary, String outputDir) {
        StringBuilder b = new StringBuilder();
        b.append("model ").append(summary.model() == null ? "?" : summary.model());
        Scores v = summary.validation();
        if (v != null && (v.smape() != null || v.mase() != null)) {
            b.append(", validation");
            if (v.smape() != null) {
                b.append(String.format(Locale.ROOT, " sMAPE %.4g", v.smape()));
            }
            if (v.mase() != null) {
                b.append(String.format(Locale.ROOT, " MASE %.4g", v.mase()));
            }
            if (summary.series() > 1) {
                b.append(" (mean over ").append(summary.succeeded()).append(" series)");
            }
        }
        if (summary.failed() > 0) {
            b.append("; ").append(summary.failed()).append(" of ").append(summary.series()).append(" series failed");
        }
        b.append("; outputs in ").append(outputDir).append('/');
        return b.toString();
    }

    /** Describes {@code forecast} to Pipeline and the Snippet Generator. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED_CONTEXT;
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return StepMessages.get("ForecastStep.DisplayName");
        }

        /** Shows the input and output folder of a call (never anything secret). */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object in = namedArgs.get("input");
            Object out = namedArgs.get("outputDir");
            return in == null ? null : in + " -> " + out;
        }

        public FormValidation doCheckInput(@QueryParameter String value) {
            return StepChecks.required("input", value, v -> StepValues.relativePath("input", v));
        }

        public FormValidation doCheckOutputDir(@QueryParameter String value) {
            return StepChecks.required("outputDir", value, v -> StepValues.relativePath("outputDir", v));
        }

        public FormValidation doCheckModel(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setModel(value));
        }

        public FormValidation doCheckHorizon(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setHorizon(StepChecks.integer("horizon", value)));
        }

        public FormValidation doCheckValidation(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setValidation(StepChecks.decimal("validation", value)));
        }

        public FormValidation doCheckFrequency(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setFrequency(value));
        }

        public FormValidation doCheckSmoothing(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setSmoothing(StepChecks.integer("smoothing", value)));
        }

        public ListBoxModel doFillFillItems() {
            return StepForms.choices("linear", List.of("linear", "previous", "fail"));
        }

        public ListBoxModel doFillFormatItems() {
            return StepForms.choices("auto", List.of("auto", "influx1", "influx2", "csv"));
        }

        public FormValidation doCheckFill(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setFill(value));
        }

        public FormValidation doCheckMaxGap(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setMaxGap(StepChecks.integer("maxGap", value)));
        }

        public FormValidation doCheckFormat(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setFormat(value));
        }

        public FormValidation doCheckLevels(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setLevels(value));
        }

        public FormValidation doCheckAsOf(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setAsOf(value));
        }

        public FormValidation doCheckMaxMase(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setMaxMase(StepChecks.decimal("maxMase", value)));
        }

        public FormValidation doCheckMaxSmape(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setMaxSmape(StepChecks.decimal("maxSmape", value)));
        }

        public FormValidation doCheckMaxRamPercentage(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setMaxRamPercentage(StepChecks.integer("maxRamPercentage", value)));
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setTimeoutMinutes(StepChecks.integer("timeoutMinutes", value)));
        }

        public FormValidation doCheckInstalledEngine(@QueryParameter String value) {
            return StepChecks.check(() -> new ForecastStep("a", "b").setInstalledEngine(value));
        }
    }
}
