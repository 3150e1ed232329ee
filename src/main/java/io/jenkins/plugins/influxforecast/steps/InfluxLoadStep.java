package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code influxLoad}: writes a line-protocol file (the forecast's forecast.lp) to InfluxDB by
 * running the engine's {@code load} command on the agent (which validates the whole file first),
 * and returns a summary map (points written). When the forecast beside the file failed its quality
 * gate, or did not finish, it writes nothing unless {@code ignoreQualityGate: true}. The engine
 * options are {@link Commands#LOAD}.
 */
public final class InfluxLoadStep extends InfluxConnectionStep {

    static final String FUNCTION = "influxLoad";

    private String input;
    private String precision;
    private Integer batchSize;
    private Integer concurrency;
    private boolean dryRun;
    private boolean noGzip;
    private boolean unstableOnFailure;
    private String summary;
    private boolean ignoreQualityGate;

    @DataBoundConstructor
    public InfluxLoadStep() {
    }

    public String getInput() {
        return input;
    }

    /** The line-protocol file, relative to the workspace; default forecast.lp. */
    @DataBoundSetter
    public void setInput(String input) {
        this.input = StepValues.relativePath("input", input);
    }

    public String getPrecision() {
        return precision;
    }

    @DataBoundSetter
    public void setPrecision(String precision) {
        this.precision = StepValues.choice("precision", precision, "ns", "us", "ms", "s");
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    @DataBoundSetter
    public void setBatchSize(Integer batchSize) {
        if (batchSize != null && (batchSize < 1 || batchSize > 100_000)) {
            throw new IllegalArgumentException("batchSize must be between 1 and 100000, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    /** Batches in flight at once (1 to 8); default 1. */
    @DataBoundSetter
    public void setConcurrency(Integer concurrency) {
        if (concurrency != null && (concurrency < 1 || concurrency > 8)) {
            throw new IllegalArgumentException("concurrency must be between 1 and 8, got " + concurrency);
        }
        this.concurrency = concurrency;
    }

    public boolean isNoGzip() {
        return noGzip;
    }

    /** Send batches uncompressed (loopback or a fast LAN, where gzip costs more CPU than it saves). */
    @DataBoundSetter
    public void setNoGzip(boolean noGzip) {
        this.noGzip = noGzip;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isUnstableOnFailure() {
        return unstableOnFailure;
    }

    @DataBoundSetter
    public void setUnstableOnFailure(boolean unstableOnFailure) {
        this.unstableOnFailure = unstableOnFailure;
    }

    public String getSummary() {
        return summary;
    }

    @DataBoundSetter
    public void setSummary(String summary) {
        this.summary = StepValues.relativePath("summary", summary);
    }

    public boolean isIgnoreQualityGate() {
        return ignoreQualityGate;
    }

    /** Write even when the forecast beside the input failed its quality gate. */
    @DataBoundSetter
    public void setIgnoreQualityGate(boolean ignoreQualityGate) {
        this.ignoreQualityGate = ignoreQualityGate;
    }

    String inputPath() {
        return input == null ? "forecast.lp" : input;
    }

    String inputFolder() {
        String in = inputPath();
        int slash = in.lastIndexOf('/');
        return slash < 0 ? "" : in.substring(0, slash);
    }

    /** Checks how the parameters combine (before anything runs or is written), then starts. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        checkConnection();
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Only used by run(), which never resumes after a restart (onResume fails the step)")
        private final transient InfluxLoadStep step;

        Execution(StepContext context, InfluxLoadStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepEnvironment env = StepEnvironment.of(getContext());
            String prefix = step.inputFolder().isEmpty() ? "" : step.inputFolder() + "/";
            FilePath folder = step.inputFolder().isEmpty() ? env.workspace() : env.workspace().child(step.inputFolder());
            Map<String, Object> values = new LinkedHashMap<>();
            String status = "failed";
            String version = null;
            try {
                String gate = QualityGate.readStatus(folder.child(QualityGate.FILE));
                if (gate != null && !step.ignoreQualityGate && (QualityGate.FAILED.equals(gate) || QualityGate.PENDING.equals(gate))) {
                    if (QualityGate.PENDING.equals(gate)) {
                        throw new AbortException(FUNCTION + ": refusing to write " + step.inputPath() + ": the forecast that writes it did not"
                                + " finish (" + prefix + QualityGate.FILE + " is PENDING); give ignoreQualityGate: true to write it anyway");
                    }
                    env.log(FUNCTION, "nothing written: the forecast in " + step.inputPath() + " failed its quality gate ("
                            + prefix + QualityGate.FILE + "); give ignoreQualityGate: true to write it anyway");
                    status = "skipped: quality gate failed";
                    LinkedHashMap<String, Object> r = new LinkedHashMap<>();
                    r.put("status", "skipped");
                    r.put("points", 0L);
                    r.put("pointsWritten", 0L);
                    r.put("reason", "quality gate failed");
                    r.put("input", step.inputPath());
                    return r;
                }
                InfluxAccess.Resolved access = InfluxAccess.resolve(step.getServer(), step.stepConnection(), step.getCredentialsId(), env.run());
                values.putAll(access.connectionValues());
                values.put("input", step.inputPath());
                values.put("precision", step.precision);
                values.put("batchSize", step.batchSize);
                values.put("concurrency", step.concurrency);
                values.put("dryRun", step.dryRun ? Boolean.TRUE : null);
                values.put("noGzip", step.noGzip ? Boolean.TRUE : null);
                values.put("unstableOnFailure", step.unstableOnFailure ? Boolean.TRUE : null);
                values.put("summary", step.summary);
                values.values().removeIf(java.util.Objects::isNull);
                env.log(FUNCTION, (step.dryRun ? "validating " : "writing ") + step.inputPath() + " to " + access.description());
                EngineJar jar = EngineJar.embedded();
                version = jar.version();
                EngineProcess.Outcome outcome = EngineProcess.run(EngineLaunch.builder(FUNCTION, env, jar, step.launch)
                        .args(Commands.LOAD.toArguments(values)).secrets(access.secretEnv(), access.masked()).logFile(folder.child(FUNCTION + ".log")).build());
                String summaryPath = step.summary != null ? step.summary : prefix + "load-summary.json";
                Map<String, Object> engine = EngineSummary.read(env.workspace().child(summaryPath));
                LinkedHashMap<String, Object> r = new LinkedHashMap<>();
                for (String k : List.of("status", "points", "pointsWritten", "batches", "failedBatch", "dropped", "error", "millis")) {
                    if (engine.containsKey(k)) {
                        r.put(k, engine.get(k));
                    }
                }
                r.put("input", step.inputPath());
                r.put("dryRun", step.dryRun);
                r.put("unstable", outcome.unstable());
                if (outcome.unstable()) {
                    env.log(FUNCTION, "the write failed and unstableOnFailure is set - build marked UNSTABLE: " + outcome.errorLine());
                    env.markResult(getContext(), Result.UNSTABLE, "influxLoad: the write failed: " + outcome.errorLine());
                } else {
                    env.log(FUNCTION, r.getOrDefault("pointsWritten", 0) + " point(s) " + (step.dryRun ? "validated (dry run, nothing written)" : "written"));
                }
                status = outcome.unstable() ? "unstable" : "succeeded";
                return r;
            } finally {
                StepRecord.write(folder.child(FUNCTION + "-parameters.json"), FUNCTION, env.run(), version, null, values, status, env.listener());
            }
        }

        private static final long serialVersionUID = 1L;
    }

    /** Describes {@code influxLoad} to Pipeline and the Snippet Generator. */
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
            return StepMessages.get("InfluxLoadStep.DisplayName");
        }

        /** Shows the input and the server (never a credential or a secret). */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object where = namedArgs.get("server") != null ? namedArgs.get("server") : namedArgs.get("url");
            return namedArgs.getOrDefault("input", "forecast.lp") + (where == null ? "" : " -> " + where);
        }

        /** The credentials drop-down of the Snippet Generator (see {@link CredentialsField#fill}). */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String url,
                                                     @QueryParameter String credentialsId) {
            return CredentialsField.fill(item, url, credentialsId);
        }

        /** Warns when the ID is not a username/password or secret text credential usable here. */
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String url,
                                                   @QueryParameter String value) {
            return CredentialsField.check(item, url, value);
        }

        /** The configured servers (no secret: names and URLs). */
        public ListBoxModel doFillServerItems(@QueryParameter String server) {
            return StepForms.servers(server);
        }

        public ListBoxModel doFillInfluxVersionItems() {
            return StepForms.influxVersions(true);
        }

        public FormValidation doCheckServer(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setServer(value));
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setUrl(value));
        }

        public FormValidation doCheckInput(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setInput(value));
        }

        public ListBoxModel doFillPrecisionItems() {
            return StepForms.choices("ns", List.of("ns", "us", "ms", "s"));
        }

        public FormValidation doCheckPrecision(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setPrecision(value));
        }

        public FormValidation doCheckConcurrency(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setConcurrency(StepChecks.integer("concurrency", value)));
        }

        public FormValidation doCheckBatchSize(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setBatchSize(StepChecks.integer("batchSize", value)));
        }

        public FormValidation doCheckMaxRamPercentage(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setMaxRamPercentage(StepChecks.integer("maxRamPercentage", value)));
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxLoadStep().setTimeoutMinutes(StepChecks.integer("timeoutMinutes", value)));
        }
    }
}
