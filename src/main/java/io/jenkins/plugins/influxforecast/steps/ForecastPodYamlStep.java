package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import io.jenkins.plugins.influxforecast.library.ForecastJob;
import java.util.LinkedHashMap;
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
 * {@code forecastPodYaml}: the library's pod of one forecast as YAML (see
 * {@link ForecastJob#podYaml}), for {@code vars/forecastPod}. The settings come as one map, checked
 * key by key here (a misspelt setting fails with the list of allowed ones, which a step's own
 * parameters would only log). Runs on the controller, without a node.
 */
public final class ForecastPodYamlStep extends Step {

    static final String FUNCTION = "forecastPodYaml";

    private Map<String, Object> settings = new LinkedHashMap<>();
    private String job = "";

    @DataBoundConstructor
    public ForecastPodYamlStep() {
    }

    public Object getSettings() {
        return new LinkedHashMap<>(settings);
    }

    /**
     * The forecastPod parameters as one map: name, timeoutMinutes, nodeSelector, resources,
     * tolerations, engineImage, pod, podMerge. Typed Object (as pipeline-utility-steps' writeJSON
     * takes its {@code json}) so that binding passes the Groovy map through unchanged.
     */
    @DataBoundSetter
    public void setSettings(Object settings) {
        if (settings != null && !(settings instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("settings must be a map of forecastPod parameters, got "
                    + settings.getClass().getSimpleName());
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (settings != null) {
            ((Map<?, ?>) settings).forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        this.settings = copy;
    }

    public String getJob() {
        return job;
    }

    /** The job's full name, for the pod's labels. */
    @DataBoundSetter
    public void setJob(String job) {
        this.job = job == null ? "" : job;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousStepExecution<String> {

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient ForecastPodYamlStep step;

        Execution(StepContext context, ForecastPodYamlStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() {
            return ForecastJob.podYaml(step.settings, step.job);
        }

        private static final long serialVersionUID = 1L;
    }

    /** Describes {@code forecastPodYaml}: no context needed. */
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
            return StepMessages.get("ForecastPodYamlStep.DisplayName");
        }

        @Override
        public boolean isAdvanced() {
            return true;
        }
    }
}
