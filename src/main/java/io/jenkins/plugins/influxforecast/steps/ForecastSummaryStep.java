package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import io.jenkins.plugins.influxforecast.library.ForecastJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code forecastSummary}: the build description of a forecastPipeline build, one line per
 * forecast, the shards of a forecast added up (see {@link ForecastJob#describe}). Takes the
 * outcomes as plain maps; runs on the controller, without a node.
 */
public final class ForecastSummaryStep extends Step {

    static final String FUNCTION = "forecastSummary";

    private final List<Map<String, Object>> outcomes;

    /**
     * @param outcomes a list of maps; typed Object as pipeline-utility-steps' writeJSON takes its
     *                 {@code json}, so that binding passes the Groovy value through unchanged
     */
    @DataBoundConstructor
    public ForecastSummaryStep(Object outcomes) {
        List<Map<String, Object>> copy = new ArrayList<>();
        if (outcomes != null && !(outcomes instanceof List<?>)) {
            throw new IllegalArgumentException("outcomes must be a list of maps (name, status, extract, forecast, load or"
                    + " error), got " + outcomes.getClass().getSimpleName());
        }
        if (outcomes != null) {
            for (Object o : (List<?>) outcomes) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("outcomes must be a list of maps (name, status, extract, forecast,"
                            + " load or error), got an item " + (o == null ? "null" : o.getClass().getSimpleName()));
                }
                Map<String, Object> item = new LinkedHashMap<>();
                m.forEach((k, v) -> item.put(String.valueOf(k), v));
                copy.add(item);
            }
        }
        this.outcomes = copy;
    }

    public Object getOutcomes() {
        return new ArrayList<>(outcomes);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousStepExecution<String> {

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used when starting.")
        private final transient ForecastSummaryStep step;

        Execution(StepContext context, ForecastSummaryStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() {
            return ForecastJob.describe(step.outcomes);
        }

        private static final long serialVersionUID = 1L;
    }

    /** Describes {@code forecastSummary}: no context needed. */
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
            return StepMessages.get("ForecastSummaryStep.DisplayName");
        }

        @Override
        public boolean isAdvanced() {
            return true;
        }

        /** The outcomes hold step summaries: nothing of them in the flow graph's label. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return null;
        }
    }
}
