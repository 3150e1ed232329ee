package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
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
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code score}: scores the earlier runs of a forecast against the actuals that arrived since, by
 * running the engine's {@code score} command on the agent; the engine writes the scores to InfluxDB
 * and score.json, accuracy.lp and history.png into {@code outputDir}. Returns the headline figures
 * (live MASE, backtest MASE, drift, accuracy by lead). Live accuracy that drifted from the backtest,
 * or is above {@code maxLiveMase}, marks the build UNSTABLE. The engine options are
 * {@link Commands#SCORE}.
 */
public final class ScoreStep extends InfluxConnectionStep {

    static final String FUNCTION = "score";

    private String name;
    private String historyMeasurement;
    private String accuracyMeasurement;
    private String field;
    private String actuals;
    private String actualsQuery;
    private String asOf;
    private String lookback;
    private String leadBuckets;
    private Integer runs;
    private Double driftFactor;
    private Double maxLiveMase;
    private String every;
    private String outputDir;

    @DataBoundConstructor
    public ScoreStep() {
    }

    public String getName() {
        return name;
    }

    /** The forecast's name: the history is {@code <name>-forecast-history}, the accuracy {@code <name>-accuracy}. */
    @DataBoundSetter
    public void setName(String name) {
        this.name = StepValues.arg("name", name);
    }

    public String getHistoryMeasurement() {
        return historyMeasurement;
    }

    @DataBoundSetter
    public void setHistoryMeasurement(String historyMeasurement) {
        this.historyMeasurement = StepValues.arg("historyMeasurement", historyMeasurement);
    }

    public String getAccuracyMeasurement() {
        return accuracyMeasurement;
    }

    @DataBoundSetter
    public void setAccuracyMeasurement(String accuracyMeasurement) {
        this.accuracyMeasurement = StepValues.arg("accuracyMeasurement", accuracyMeasurement);
    }

    public String getField() {
        return field;
    }

    @DataBoundSetter
    public void setField(String field) {
        this.field = StepValues.arg("field", field);
    }

    public String getActuals() {
        return actuals;
    }

    /** The actuals CSV (the extract's output), relative to the workspace. */
    @DataBoundSetter
    public void setActuals(String actuals) {
        this.actuals = StepValues.relativePath("actuals", actuals);
    }

    public String getActualsQuery() {
        return actualsQuery;
    }

    /** A raw InfluxQL query for the actuals instead of a CSV. */
    @DataBoundSetter
    public void setActualsQuery(String actualsQuery) {
        String v = StepValues.arg("actualsQuery", actualsQuery);
        StepArguments.checkShellSafe("actualsQuery", v);
        this.actualsQuery = v;
    }

    public String getAsOf() {
        return asOf;
    }

    /** Score the forecasts whose target time is at or before this time; default: the build's start. */
    @DataBoundSetter
    public void setAsOf(String asOf) {
        this.asOf = StepValues.instant("asOf", asOf);
    }

    public String getLookback() {
        return lookback;
    }

    @DataBoundSetter
    public void setLookback(String lookback) {
        String v = StepValues.arg("lookback", lookback);
        if (v != null) {
            io.jenkins.plugins.influxforecast.influx.Durations.parse("lookback", v);
        }
        this.lookback = v;
    }

    public String getLeadBuckets() {
        return leadBuckets;
    }

    @DataBoundSetter
    public void setLeadBuckets(String leadBuckets) {
        String v = StepValues.arg("leadBuckets", leadBuckets);
        io.jenkins.plugins.influxforecast.history.LeadBuckets.parse(v);
        this.leadBuckets = v;
    }

    public Integer getRuns() {
        return runs;
    }

    @DataBoundSetter
    public void setRuns(Integer runs) {
        this.runs = StepValues.atLeast("runs", runs, 1);
    }

    public Double getDriftFactor() {
        return driftFactor;
    }

    @DataBoundSetter
    public void setDriftFactor(Double driftFactor) {
        this.driftFactor = StepValues.positive("driftFactor", driftFactor);
    }

    public Double getMaxLiveMase() {
        return maxLiveMase;
    }

    @DataBoundSetter
    public void setMaxLiveMase(Double maxLiveMase) {
        this.maxLiveMase = StepValues.positive("maxLiveMase", maxLiveMase);
    }

    public String getEvery() {
        return every;
    }

    /** The schedule's interval (e.g. 12h): slots since the first run without a run are listed for forecast's backfill. */
    @DataBoundSetter
    public void setEvery(String every) {
        String v = StepValues.arg("every", every);
        if (v != null) {
            io.jenkins.plugins.influxforecast.influx.Durations.parse("every", v);
        }
        this.every = v;
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = StepValues.relativePath("outputDir", outputDir);
    }

    String output() {
        return outputDir == null ? "score" : outputDir;
    }

    /** The cross-field checks; each message names the parameters. */
    void checkCombination() {
        checkConnection();
        if (name == null && (historyMeasurement == null || accuracyMeasurement == null)) {
            throw new IllegalArgumentException("name is required (the forecast's name), unless historyMeasurement and"
                    + " accuracyMeasurement are both given");
        }
        if ((actuals == null) == (actualsQuery == null)) {
            throw new IllegalArgumentException("give exactly one of actuals (the extract's CSV) or actualsQuery (a raw InfluxQL query)");
        }
    }

    /** The engine option values besides the connection, keyed by {@link Commands#SCORE} option name. */
    Map<String, Object> engineValues(String resolvedAsOf) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("historyMeasurement", historyMeasurement);
        v.put("accuracyMeasurement", accuracyMeasurement);
        v.put("field", field);
        v.put("actuals", actuals);
        v.put("actualsQuery", actualsQuery);
        v.put("asOf", resolvedAsOf);
        v.put("lookback", lookback);
        v.put("leadBuckets", leadBuckets);
        v.put("runs", runs);
        v.put("driftFactor", driftFactor);
        v.put("maxLiveMase", maxLiveMase);
        v.put("every", every);
        v.put("outputDir", output());
        v.values().removeIf(java.util.Objects::isNull);
        return v;
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
        private final transient ScoreStep step;

        Execution(StepContext context, ScoreStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepEnvironment env = StepEnvironment.of(getContext());
            String asOf = step.asOf != null ? step.asOf : java.time.Instant.ofEpochMilli(env.run().getStartTimeInMillis()).toString();
            FilePath out = env.workspace().child(step.output());
            out.mkdirs();
            Map<String, Object> values = new LinkedHashMap<>();
            String status = "failed";
            String version = null;
            try {
                InfluxAccess.Resolved access = InfluxAccess.resolve(step.getServer(), step.stepConnection(), step.getCredentialsId(), env.run());
                values.putAll(access.connectionValues());
                values.putAll(step.engineValues(asOf));
                env.log(FUNCTION, "as of " + asOf + ", scoring the history on " + access.description());
                EngineJar jar = EngineJar.embedded();
                version = jar.version();
                EngineProcess.Outcome outcome = EngineProcess.run(EngineLaunch.builder(FUNCTION, env, jar, step.launch)
                        .args(Commands.SCORE.toArguments(values)).secrets(access.secretEnv(), access.masked())
                        .logFile(out.child(FUNCTION + ".log")).build());
                LinkedHashMap<String, Object> summary = summarize(EngineSummary.read(out.child("score.json")));
                summary.put("asOf", asOf);
                summary.put("outputDir", step.output());
                summary.put("unstable", outcome.unstable());
                env.log(FUNCTION, describe(summary));
                BuildDescription.put(env.run(), FUNCTION + " " + (step.name != null ? step.name : step.historyMeasurement),
                        headline(summary), env.listener());
                if (outcome.unstable()) {
                    String problems = String.join("; ", stringList(summary.get("problems")));
                    env.log(FUNCTION, "live accuracy: " + problems + " - build marked UNSTABLE");
                    env.markResult(getContext(), Result.UNSTABLE, "score: " + problems);
                }
                status = outcome.unstable() ? "unstable" : "succeeded";
                return summary;
            } finally {
                StepRecord.write(out.child(FUNCTION + "-parameters.json"), FUNCTION, env.run(), version, asOf, values, status, env.listener());
            }
        }

        private static final long serialVersionUID = 1L;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object o) {
        return o instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** The step's return value from score.json: headline figures with camelCase keys for a Jenkinsfile. */
    static LinkedHashMap<String, Object> summarize(Map<String, Object> score) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        Map<?, ?> live = score.get("live") instanceof Map<?, ?> l ? l : Map.of();
        m.put("liveMase", live.get("mase"));
        m.put("backtestMase", live.get("backtest_mase"));
        m.put("ratio", live.get("ratio"));
        m.put("drifting", Boolean.TRUE.equals(live.get("drifting")));
        m.put("runsScored", score.get("runs_scored"));
        m.put("runsComplete", score.get("runs_complete"));
        LinkedHashMap<String, Object> byLead = new LinkedHashMap<>();
        if (score.get("by_lead") instanceof Map<?, ?> leads) {
            leads.forEach((k, v) -> {
                if (v instanceof Map<?, ?> s) {
                    byLead.put(String.valueOf(k), s.get("mase") != null ? s.get("mase") : s.get("mae"));
                }
            });
        }
        m.put("maseByLead", byLead);
        m.put("problems", score.get("problems") instanceof List<?> p ? p : new java.util.ArrayList<>());
        m.put("missedRuns", score.get("missed_runs") instanceof List<?> missed ? missed : new java.util.ArrayList<>());
        m.put("historyMeasurement", score.get("history_measurement"));
        m.put("accuracyMeasurement", score.get("accuracy_measurement"));
        return m;
    }

    /** The build description's line: live MASE against the backtest, and the drift. */
    static String headline(Map<String, Object> summary) {
        if (!(summary.get("liveMase") instanceof Number live)) {
            return "live MASE not known yet (" + summary.get("runsScored") + " run(s) scored, none complete)";
        }
        String s = String.format(Locale.ROOT, "live MASE %.3f", live.doubleValue());
        if (summary.get("backtestMase") instanceof Number bt) {
            s += String.format(Locale.ROOT, " (backtest %.3f)", bt.doubleValue());
        }
        if (Boolean.TRUE.equals(summary.get("drifting"))) {
            s += ", DRIFT";
        }
        return s;
    }

    static String describe(Map<String, Object> summary) {
        StringBuilder b = new StringBuilder();
        b.append(summary.get("runsScored")).append(" run(s) scored");
        if (summary.get("liveMase") instanceof Number live) {
            b.append(String.format(Locale.ROOT, ", live MASE %.3f", live.doubleValue()));
            if (summary.get("backtestMase") instanceof Number bt) {
                b.append(String.format(Locale.ROOT, " (backtest %.3f)", bt.doubleValue()));
            }
        } else {
            b.append(", no complete run yet");
        }
        b.append("; outputs in ").append(summary.get("outputDir")).append('/');
        return b.toString();
    }

    /** Describes {@code score} to Pipeline and the Snippet Generator. */
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
            return StepMessages.get("ScoreStep.DisplayName");
        }

        /** Shows the forecast scored and the server (never a credential or a secret). */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object what = namedArgs.get("name") != null ? namedArgs.get("name") : namedArgs.get("historyMeasurement");
            Object where = namedArgs.get("server") != null ? namedArgs.get("server") : namedArgs.get("url");
            return what == null ? null : what + (where == null ? "" : " on " + where);
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String url,
                                                     @QueryParameter String credentialsId) {
            return CredentialsField.fill(item, url, credentialsId);
        }

        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String url,
                                                   @QueryParameter String value) {
            return CredentialsField.check(item, url, value);
        }

        public FormValidation doCheckServer(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setServer(value));
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setUrl(value));
        }

        public FormValidation doCheckActuals(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setActuals(value));
        }

        public FormValidation doCheckAsOf(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setAsOf(value));
        }

        public FormValidation doCheckLookback(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setLookback(value));
        }

        public FormValidation doCheckLeadBuckets(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setLeadBuckets(value));
        }

        public FormValidation doCheckRuns(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setRuns(StepChecks.integer("runs", value)));
        }

        public FormValidation doCheckDriftFactor(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setDriftFactor(StepChecks.decimal("driftFactor", value)));
        }

        public FormValidation doCheckMaxLiveMase(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setMaxLiveMase(StepChecks.decimal("maxLiveMase", value)));
        }

        public FormValidation doCheckEvery(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setEvery(value));
        }

        public FormValidation doCheckOutputDir(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setOutputDir(value));
        }

        public FormValidation doCheckMaxRamPercentage(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setMaxRamPercentage(StepChecks.integer("maxRamPercentage", value)));
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepChecks.check(() -> new ScoreStep().setTimeoutMinutes(StepChecks.integer("timeoutMinutes", value)));
        }
    }
}
