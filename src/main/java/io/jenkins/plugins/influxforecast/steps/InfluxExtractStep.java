package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.influxforecast.influx.Durations;
import io.jenkins.plugins.influxforecast.influx.SeriesQuery;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.series.Frequency;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@code influxExtract}: reads a series from InfluxDB into a workspace CSV by running the engine's
 * {@code extract} command on the agent, and returns a summary map (series, points, gaps). A raw
 * query ({@code query}, {@code flux}) or a structured one ({@code measurement} and friends), whose
 * window ends at {@code asOf} (default: the build's start, on the {@code window} grid) so that a
 * re-run of a build reads the same points. The engine options are {@link Commands#EXTRACT}.
 */
public final class InfluxExtractStep extends InfluxConnectionStep {

    static final String FUNCTION = "influxExtract";

    private String query;
    private String flux;
    private String queryFile;
    private String fluxFile;
    private String measurement;
    private String field;
    private List<String> where;
    private String aggregate;
    private String window;
    private String start;
    private String end;
    private Integer last;
    private List<String> groupBy;
    private String valueColumn;
    private Integer chunkSize;
    private String output;
    private String summary;
    private String asOf;

    @DataBoundConstructor
    public InfluxExtractStep() {
    }

    public String getQuery() {
        return query;
    }

    /** Raw InfluxQL; text a shell would interpret goes to the engine through a workspace file. */
    @DataBoundSetter
    public void setQuery(String query) {
        this.query = StepValues.text(query);
    }

    public String getFlux() {
        return flux;
    }

    @DataBoundSetter
    public void setFlux(String flux) {
        this.flux = StepValues.text(flux);
    }

    public String getQueryFile() {
        return queryFile;
    }

    @DataBoundSetter
    public void setQueryFile(String queryFile) {
        this.queryFile = StepValues.relativePath("queryFile", queryFile);
    }

    public String getFluxFile() {
        return fluxFile;
    }

    @DataBoundSetter
    public void setFluxFile(String fluxFile) {
        this.fluxFile = StepValues.relativePath("fluxFile", fluxFile);
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

    public List<String> getWhere() {
        return where == null ? null : new ArrayList<>(where);
    }

    /** The filters one per line, as the Snippet Generator's text area shows them. */
    public String getWhereAsLines() {
        return StepValues.asLines(where);
    }

    /** Tag filters {@code key=value} of a structured query; an entry may hold several, one per line. */
    @DataBoundSetter
    public void setWhere(List<String> where) {
        this.where = StepValues.tags("where", where);
    }

    public String getAggregate() {
        return aggregate;
    }

    @DataBoundSetter
    public void setAggregate(String aggregate) {
        this.aggregate = StepValues.lower(StepValues.choice("aggregate", aggregate,
                SeriesQuery.AGGREGATES.toArray(String[]::new)));
    }

    public String getWindow() {
        return window;
    }

    @DataBoundSetter
    public void setWindow(String window) {
        String v = StepValues.arg("window", window);
        if (v != null) {
            Durations.parse("window", v);
        }
        this.window = v;
    }

    public String getStart() {
        return start;
    }

    /** Start of a structured query: a time, a date, or a duration back from {@code asOf} ({@code 30d}). */
    @DataBoundSetter
    public void setStart(String start) {
        this.start = StepValues.arg("start", start);
    }

    public String getEnd() {
        return end;
    }

    /** End of a structured query; default: {@code asOf}. */
    @DataBoundSetter
    public void setEnd(String end) {
        this.end = StepValues.arg("end", end);
    }

    public Integer getLast() {
        return last;
    }

    @DataBoundSetter
    public void setLast(Integer last) {
        this.last = StepValues.atLeast("last", last, 1);
    }

    public List<String> getGroupBy() {
        return groupBy == null ? null : new ArrayList<>(groupBy);
    }

    /** Tag keys to group by, one series per tag set; an entry may hold several, one per line. */
    @DataBoundSetter
    public void setGroupBy(List<String> groupBy) {
        this.groupBy = StepValues.lines("groupBy", groupBy);
    }

    /** The tag keys one per line, as the Snippet Generator's text area shows them. */
    public String getGroupByAsLines() {
        return StepValues.asLines(groupBy);
    }

    public String getValueColumn() {
        return valueColumn;
    }

    @DataBoundSetter
    public void setValueColumn(String valueColumn) {
        this.valueColumn = StepValues.arg("valueColumn", valueColumn);
    }

    public Integer getChunkSize() {
        return chunkSize;
    }

    @DataBoundSetter
    public void setChunkSize(Integer chunkSize) {
        this.chunkSize = StepValues.atLeast("chunkSize", chunkSize, 1);
    }

    public String getOutput() {
        return output;
    }

    /** The CSV written, relative to the workspace; default influx.csv. */
    @DataBoundSetter
    public void setOutput(String output) {
        this.output = StepValues.relativePath("output", output);
    }

    public String getSummary() {
        return summary;
    }

    @DataBoundSetter
    public void setSummary(String summary) {
        this.summary = StepValues.relativePath("summary", summary);
    }

    public String getAsOf() {
        return asOf;
    }

    /** The time the extraction is made as of (ISO-8601); default: the build's start, on the window grid. */
    @DataBoundSetter
    public void setAsOf(String asOf) {
        this.asOf = StepValues.instant("asOf", asOf);
    }

    /** The cross-field checks; each message names the parameters. */
    void checkCombination() {
        checkConnection();
        int given = (query != null ? 1 : 0) + (flux != null ? 1 : 0) + (queryFile != null ? 1 : 0) + (fluxFile != null ? 1 : 0)
                + (measurement != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of query, flux, queryFile, fluxFile (raw queries) or measurement"
                    + " (structured query), got " + (given == 0 ? "none" : given));
        }
        boolean structuredOnly = where != null || aggregate != null || window != null || start != null || end != null || last != null
                || groupBy != null;
        if (measurement == null && structuredOnly) {
            throw new IllegalArgumentException("where, aggregate, window, start, end, last and groupBy belong to a structured query: give measurement too");
        }
        if (aggregate != null && window == null) {
            throw new IllegalArgumentException("aggregate needs window (e.g. window: '10m')");
        }
    }

    /** The extraction's asOf: {@code asOf}, or the build's start, on the window grid when there is one. */
    String resolveAsOf(long buildStartMillis) {
        Instant t = asOf != null ? Instant.parse(asOf) : Instant.ofEpochMilli(buildStartMillis);
        if (window != null) {
            t = Frequency.of(Durations.parse("window", window)).floor(t);
        }
        return t.toString();
    }

    /** A structured query's start, with a duration turned into a time before {@code asOf}. */
    static String absoluteStart(String start, String asOf) {
        if (start == null || !start.matches("\\d+(ms|s|m|h|d|w)|P.*")) {
            return start;
        }
        return Instant.parse(asOf).minus(Durations.parse("start", start)).toString();
    }

    /** The directory of the output CSV (where the step's log and record go). */
    String outputFolder() {
        String out = output == null ? "influx.csv" : output;
        int slash = out.lastIndexOf('/');
        return slash < 0 ? "" : out.substring(0, slash);
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
        private final transient InfluxExtractStep step;

        Execution(StepContext context, InfluxExtractStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepEnvironment env = StepEnvironment.of(getContext());
            String asOf = step.resolveAsOf(env.run().getStartTimeInMillis());
            FilePath folder = step.outputFolder().isEmpty() ? env.workspace() : env.workspace().child(step.outputFolder());
            String folderPrefix = step.outputFolder().isEmpty() ? "" : step.outputFolder() + "/";
            folder.mkdirs();
            Map<String, Object> values = new LinkedHashMap<>();
            String status = "failed";
            String version = null;
            try {
                InfluxAccess.Resolved access = InfluxAccess.resolve(step.getServer(), step.stepConnection(), step.getCredentialsId(), env.run());
                values.putAll(access.connectionValues());
                putQuery(values, "query", "queryFile", step.query, folder, folderPrefix + "query.influxql");
                putQuery(values, "flux", "fluxFile", step.flux, folder, folderPrefix + "query.flux");
                values.put("queryFile", values.getOrDefault("queryFile", step.queryFile));
                values.put("fluxFile", values.getOrDefault("fluxFile", step.fluxFile));
                values.put("measurement", step.measurement);
                values.put("field", step.field);
                values.put("where", step.where);
                values.put("aggregate", step.aggregate);
                values.put("window", step.window);
                if (step.measurement != null) {
                    values.put("start", absoluteStart(step.start, asOf));
                    values.put("end", step.end != null ? step.end : asOf);
                }
                values.put("last", step.last);
                values.put("groupBy", step.groupBy);
                values.put("valueColumn", step.valueColumn);
                values.put("chunkSize", step.chunkSize);
                values.put("output", step.output);
                values.put("summary", step.summary);
                values.values().removeIf(java.util.Objects::isNull);
                env.log(FUNCTION, "as of " + asOf + (step.measurement != null
                        ? ", window " + values.getOrDefault("start", "(no start)") + " to " + values.get("end")
                        : " (a raw query reads what it says)") + ", from " + access.description());
                List<String> args = Commands.EXTRACT.toArguments(values);
                EngineJar jar = EngineJar.embedded();
                version = jar.version();
                EngineProcess.Outcome outcome = EngineProcess.run(EngineLaunch.builder(FUNCTION, env, jar, step.launch)
                        .args(args).secrets(access.secretEnv(), access.masked()).logFile(folder.child(FUNCTION + ".log")).build());
                String summaryPath = step.summary != null ? step.summary : folderPrefix + "extract-summary.json";
                Map<String, Object> engine = EngineSummary.read(env.workspace().child(summaryPath));
                LinkedHashMap<String, Object> r = new LinkedHashMap<>();
                for (String k : List.of("status", "series", "points", "gaps", "language", "warnings", "millis")) {
                    if (engine.containsKey(k)) {
                        r.put(k, engine.get(k));
                    }
                }
                r.put("output", step.output == null ? "influx.csv" : step.output);
                r.put("asOf", asOf);
                r.put("unstable", outcome.unstable());
                if (outcome.unstable()) {
                    env.markResult(getContext(), Result.UNSTABLE, "influxExtract: some series failed: " + outcome.errorLine());
                }
                env.log(FUNCTION, r.get("points") + " point(s) in " + r.get("series") + " series to " + r.get("output"));
                status = outcome.unstable() ? "unstable" : "succeeded";
                return r;
            } finally {
                StepRecord.write(folder.child(FUNCTION + "-parameters.json"), FUNCTION, env.run(), version, asOf, values, status, env.listener());
            }
        }

        /** A raw query the shell would mangle goes to the engine as a workspace file instead. */
        private static void putQuery(Map<String, Object> values, String option, String fileOption, String text, FilePath folder,
                                     String relativeFile) throws java.io.IOException, InterruptedException {
            if (text == null) {
                return;
            }
            try {
                StepArguments.checkShellSafe(option, text);
                values.put(option, text);
            } catch (IllegalArgumentException e) {
                String name = relativeFile.substring(relativeFile.lastIndexOf('/') + 1);
                folder.child(name).write(text + "\n", "UTF-8");
                values.put(fileOption, relativeFile);
            }
        }

        private static final long serialVersionUID = 1L;
    }

    /** Describes {@code influxExtract} to Pipeline and the Snippet Generator. */
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
            return StepMessages.get("InfluxExtractStep.DisplayName");
        }

        /** Shows the server and the output (never a credential or a secret). */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object where = namedArgs.get("server") != null ? namedArgs.get("server") : namedArgs.get("url");
            Object out = namedArgs.getOrDefault("output", "influx.csv");
            return where == null ? null : where + " -> " + out;
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
            return StepChecks.check(() -> new InfluxExtractStep().setServer(value));
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setUrl(value));
        }

        public FormValidation doCheckInfluxVersion(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setInfluxVersion(value));
        }

        public ListBoxModel doFillAggregateItems() {
            return StepForms.choices("none: the raw points", SeriesQuery.AGGREGATES);
        }

        public FormValidation doCheckAggregate(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setAggregate(value));
        }

        public FormValidation doCheckWindow(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setWindow(value));
        }

        public FormValidation doCheckLast(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setLast(StepChecks.integer("last", value)));
        }

        public FormValidation doCheckChunkSize(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setChunkSize(StepChecks.integer("chunkSize", value)));
        }

        public FormValidation doCheckOutput(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setOutput(value));
        }

        public FormValidation doCheckAsOf(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setAsOf(value));
        }

        public FormValidation doCheckConnectTimeout(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setConnectTimeout(value));
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setTimeout(value));
        }

        public FormValidation doCheckMaxRamPercentage(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setMaxRamPercentage(StepChecks.integer("maxRamPercentage", value)));
        }

        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepChecks.check(() -> new InfluxExtractStep().setTimeoutMinutes(StepChecks.integer("timeoutMinutes", value)));
        }
    }
}
