package io.jenkins.plugins.influxforecast.steps;

import hudson.model.TaskListener;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;

/**
 * Binds step arguments the way a scripted Pipeline does (workflow-cps {@code DSL}: structs'
 * {@code DescribableModel.instantiate(args, listener)}, since no step overrides
 * {@code StepDescriptor.newInstance}), under a test harness (unknown arguments throw, as with
 * JenkinsRule) or in production (they are a warning in the build log).
 */
final class PipelineBinding {

    private PipelineBinding() {
    }

    /** As under JenkinsRule: {@code STRICT_PARAMETER_CHECKING} is true. */
    static synchronized <T> T bind(Class<T> type, Map<String, ?> args) {
        boolean was = DescribableModel.STRICT_PARAMETER_CHECKING;
        DescribableModel.STRICT_PARAMETER_CHECKING = true;
        try {
            return new DescribableModel<>(type).instantiate(args, TaskListener.NULL);
        } finally {
            DescribableModel.STRICT_PARAMETER_CHECKING = was;
        }
    }

    /** As in a controller: unknown arguments are printed to {@code log} and ignored. */
    static synchronized <T> T bindInProduction(Class<T> type, Map<String, ?> args, TaskListener log) {
        boolean was = DescribableModel.STRICT_PARAMETER_CHECKING;
        DescribableModel.STRICT_PARAMETER_CHECKING = false;
        try {
            return new DescribableModel<>(type).instantiate(args, log);
        } finally {
            DescribableModel.STRICT_PARAMETER_CHECKING = was;
        }
    }
}
