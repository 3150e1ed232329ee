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
 * {@code forecastFailure}: what ended a forecast, for vars/forecastPipeline's {@code catch}: returns
 * {@code kind} ({@code timeout} when the forecast's own {@code timeout} step expired,
 * {@code abort} for any other interruption of the build, {@code error} otherwise) and
 * {@code reason}, one line for the build description. Reading an interruption's causes
 * ({@code FlowInterruptedException.getCauses()}) is not allowed to sandboxed Groovy, so the
 * library's Groovy hands the exception to this step instead. Runs on the controller, without a node.
 */
public final class ForecastFailureStep extends Step {

    static final String FUNCTION = "forecastFailure";

    private final Throwable error;
    private int timeoutMinutes;

    /**
     * @param error the exception caught; typed Object (as pipeline-utility-steps' writeJSON takes its
     *              {@code json}) so that binding passes it through unchanged
     */
    @DataBoundConstructor
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "The caught exception is only read, never changed.")
    public ForecastFailureStep(Object error) {
        if (!(error instanceof Throwable t)) {
            throw new IllegalArgumentException("error is required: the exception caught, got "
                    + (error == null ? "none" : error.getClass().getSimpleName()));
        }
        this.error = t;
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "The caught exception is only read, never changed.")
    public Object getError() {
        return error;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** The forecast's time limit, named in the reason of a timeout. */
    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        String kind = ForecastJob.interruption(error);
        out.put("kind", kind == null ? "error" : kind);
        out.put("reason", ForecastJob.failureReason(error, timeoutMinutes));
        return out;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousStepExecution<Map<String, Object>> {

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient ForecastFailureStep step;

        Execution(StepContext context, ForecastFailureStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() {
            return step.describe();
        }

        private static final long serialVersionUID = 1L;
    }

    /** Describes {@code forecastFailure}: no context needed. */
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
            return StepMessages.get("ForecastFailureStep.DisplayName");
        }

        @Override
        public boolean isAdvanced() {
            return true;
        }

        /** An exception's message may hold anything: nothing of it in the flow graph's label. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return null;
        }
    }
}
