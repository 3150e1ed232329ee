package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.ExtensionList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

/** The shared library's controller-side steps, bound as Pipeline binds them. */
class LibraryStepsTest {

    static final List<Class<? extends StepDescriptor>> DESCRIPTORS = List.of(ForecastPlanStep.DescriptorImpl.class,
            ForecastPodYamlStep.DescriptorImpl.class, ForecastSummaryStep.DescriptorImpl.class,
            ForecastFailureStep.DescriptorImpl.class);

    @Test
    void needNoNodeAndAreListedAsAdvanced() {
        for (Class<? extends StepDescriptor> c : DESCRIPTORS) {
            StepDescriptor d = ExtensionList.lookupSingleton(c);
            assertThat(d.getRequiredContext()).as(d.getFunctionName()).isEmpty();
            assertThat(d.isAdvanced()).as(d.getFunctionName()).isTrue();
            assertThat(d.getDisplayName()).as(d.getFunctionName()).contains("shared library");
        }
    }

    @Test
    void planBindsTheStepsArgumentsAndReturnsPlainValues() throws Exception {
        ForecastPlanStep step = (ForecastPlanStep) ExtensionList.lookupSingleton(ForecastPlanStep.DescriptorImpl.class)
                .newInstance(Map.of("text", "server: s\nforecasts: [{name: a, query: q, shards: 2}]\n", "config",
                        "jobs/a.yaml", "job", "team/a"));
        Map<String, Object> plan = step.plan();
        assertThat((List<?>) plan.get("forecasts")).hasSize(2);
        assertThat(plan.get("cron")).isEqualTo("TZ=UTC\nH */12 * * *");
        assertThatThrownBy(() -> new ForecastPlanStep("x").setConfig("../secrets.yaml"))
                .hasMessage("config must be a path inside the repository such as forecasts.yaml or forecasts/parking.yaml,"
                        + " got '../secrets.yaml'");
        ForecastPlanStep bad = new ForecastPlanStep("server: s\nforecasts: [{name: a, query: q, fill: sideways}]\n");
        assertThatThrownBy(bad::plan).hasMessageStartingWith(
                "forecasts.yaml: forecast a: the arguments of forecast are refused: fill must be one of linear, previous, fail");
    }

    /** Stands for Pipeline's interruption (matched by simple name, causes read by reflection). */
    public static final class FlowInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<Object> causes;

        FlowInterruptedException(Object... causes) {
            this.causes = List.of(causes);
        }

        public List<Object> getCauses() {
            return causes;
        }
    }

    /** Stands for the timeout step's cause. */
    static final class ExceededTimeout {
    }

    @Test
    void failureTellsATimeoutFromAnAbortFromAnError() {
        ForecastFailureStep timeout = new ForecastFailureStep(new FlowInterruptedException(new ExceededTimeout()));
        timeout.setTimeoutMinutes(30);
        assertThat(timeout.describe()).isEqualTo(Map.of("kind", "timeout", "reason", "timed out after 30 minutes (timeoutMinutes)"));
        assertThat(new ForecastFailureStep(new FlowInterruptedException()).describe())
                .isEqualTo(Map.of("kind", "abort", "reason", "aborted"));
        assertThat(new ForecastFailureStep(new IllegalStateException("InfluxDB answered 401\nmore")).describe())
                .isEqualTo(Map.of("kind", "error", "reason", "InfluxDB answered 401"));
        assertThatThrownBy(() -> new ForecastFailureStep(null)).hasMessageContaining("error is required");
        assertThat(ExtensionList.lookupSingleton(ForecastFailureStep.DescriptorImpl.class)
                .argumentsToString(Map.of("error", new IllegalStateException("secret=x")))).isNull();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void summaryTakesListsOfMapsOnly() throws Exception {
        ForecastSummaryStep ok = (ForecastSummaryStep) ExtensionList.lookupSingleton(ForecastSummaryStep.DescriptorImpl.class)
                .newInstance(Map.of("outcomes", List.of(Map.of("name", "a", "error", "aborted"))));
        assertThat((List<?>) ok.getOutcomes()).hasSize(1);
        assertThatThrownBy(() -> new ForecastSummaryStep("a: FAILED")).hasMessageContaining("got String");
        assertThatThrownBy(() -> new ForecastPodYamlStep().setSettings(List.of())).hasMessageContaining("settings must be a map");
        List raw = List.of("a");
        assertThatThrownBy(() -> new ForecastSummaryStep(raw))
                .hasMessage("outcomes must be a list of maps (name, status, extract, forecast, load or error), got an item String");
    }
}
