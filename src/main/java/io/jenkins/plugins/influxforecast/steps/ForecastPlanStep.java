package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.influxforecast.library.ForecastJob;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code forecastPlan}: the shared library's planner as a step, so that {@code vars/} calls only
 * steps and runs in the Groovy sandbox too (a folder-level, untrusted library). Takes the text of
 * forecasts.yaml and returns the plan of the build (see {@link ForecastJob#plan}) as plain maps,
 * lists, strings, numbers and booleans. Runs on the controller, without a node, in a few
 * milliseconds. Every setting is checked here, before any pod starts: the file's own rules, the
 * model spec against the model registry, and each forecast's arguments of {@code influxExtract},
 * {@code score}, {@code forecast} and {@code influxLoad} bound to those steps as the Pipeline will
 * bind them.
 */
public final class ForecastPlanStep extends Step {

    static final String FUNCTION = "forecastPlan";

    private final String text;
    private String config = ForecastJob.DEFAULT_CONFIG;
    private String job = "";

    @DataBoundConstructor
    public ForecastPlanStep(String text) {
        this.text = text == null ? "" : text;
    }

    public String getText() {
        return text;
    }

    public String getConfig() {
        return config;
    }

    /** The repository path of the file, for messages (and checked: relative, inside the repository). */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = ForecastJob.configPath(config == null || config.isBlank() ? Map.of() : Map.of("config", config));
    }

    public String getJob() {
        return job;
    }

    /** The job's full name, for the pods' labels; default: empty (label "unnamed"). */
    @DataBoundSetter
    public void setJob(String job) {
        this.job = job == null ? "" : job;
    }

    /** The plan, every forecast's step arguments bound to their steps. */
    Map<String, Object> plan() throws Exception {
        Map<String, Object> plan = ForecastJob.plan(text, config, job);
        for (Object o : (List<?>) plan.get("forecasts")) {
            Map<?, ?> forecast = (Map<?, ?>) o;
            bind(InfluxExtractStep.DescriptorImpl.class, forecast, "extract");
            if (forecast.get("score") != null) {
                bind(ScoreStep.DescriptorImpl.class, forecast, "score");
            }
            bind(ForecastStep.DescriptorImpl.class, forecast, "forecast");
            bind(InfluxLoadStep.DescriptorImpl.class, forecast, "load");
        }
        return plan;
    }

    @SuppressWarnings("unchecked")
    private void bind(Class<? extends StepDescriptor> descriptor, Map<?, ?> forecast, String key) throws Exception {
        StepDescriptor d = ExtensionList.lookupSingleton(descriptor);
        try {
            Step step = d.newInstance((Map<String, Object>) forecast.get(key));
            // the checks of how parameters combine, which the steps make when they start
            if (step instanceof InfluxExtractStep extract) {
                extract.checkCombination();
            } else if (step instanceof ForecastStep f) {
                f.checkCombination();
            } else if (step instanceof ScoreStep score) {
                score.checkCombination();
            } else if (step instanceof InfluxLoadStep load) {
                load.checkConnection();
            }
        } catch (Exception e) {
            // binding wraps the setter's own message (reflection, structs' "Could not instantiate"): find it
            Throwable root = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && !(t instanceof java.lang.reflect.InvocationTargetException)) {
                    root = t;
                }
            }
            String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            throw new IllegalArgumentException(config + ": forecast " + forecast.get("stage") + ": the arguments of "
                    + d.getFunctionName() + " are refused: " + why, e);
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousStepExecution<Map<String, Object>> {

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient ForecastPlanStep step;

        Execution(StepContext context, ForecastPlanStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return step.plan();
        }

        private static final long serialVersionUID = 1L;
    }

    /** Describes {@code forecastPlan}: no context needed, so it runs outside {@code node}. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of();
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return StepMessages.get("ForecastPlanStep.DisplayName");
        }

        /** A step for the shared library: listed under the Snippet Generator's advanced steps. */
        @Override
        public boolean isAdvanced() {
            return true;
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object c = namedArgs.get("config");
            return c == null ? ForecastJob.DEFAULT_CONFIG : String.valueOf(c);
        }
    }
}
