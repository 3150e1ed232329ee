package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;

/**
 * Shim of workflow-step-api's {@code StepDescriptor}: argument binding is structs'
 * {@link DescribableModel} (see there for the coercion rules and unknown arguments).
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract java.util.Set<? extends Class<?>> getRequiredContext();

    /** The name a Pipeline script calls the step by: {@code [a-z][A-Za-z0-9_]*}. */
    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }

    /**
     * Instantiates the step from named arguments. The default, as in workflow-step-api
     * ({@code StepDescriptor.java}, {@code newInstance}), is structs' deprecated
     * {@code DescribableModel.instantiate(Map)}: no build log, so outside a test harness unknown
     * arguments only reach a FINE logger. Pipeline calls this method only when a descriptor overrides
     * it (workflow-cps {@code DSL.java:314-318}); otherwise it binds with
     * {@code DescribableModel.instantiate(Map, TaskListener)}, which warns in the build log. See
     * {@link org.jenkinsci.plugins.workflow.cps.DSL}.
     */
    @Deprecated
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        return new DescribableModel<>(clazz).instantiate(arguments);
    }

    /** The arguments that recreate a configured step (Snippet Generator): {@code DescribableModel.uninstantiate2_}. */
    public UninstantiatedDescribable uninstantiate(Step step) throws UnsupportedOperationException {
        return DescribableModel.uninstantiate2_(step);
    }

    /**
     * Fails with {@link MissingContextVariableException} unless the context has every type of
     * {@link #getRequiredContext()}; Pipeline checks this before it starts a step (so a step that
     * requires {@code FilePath} fails outside {@code node}).
     */
    public final void checkContextAvailability(StepContext c) throws MissingContextVariableException, IOException, InterruptedException {
        for (Class<?> type : getRequiredContext()) {
            if (c.get(type) == null) {
                throw new MissingContextVariableException(type);
            }
        }
    }

    /**
     * A short text shown for a step call (e.g. in the flow graph), or null for none. Pipeline's
     * default shows a lone text, number, boolean or enum argument.
     */
    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        if (namedArgs.size() == 1) {
            Object v = namedArgs.values().iterator().next();
            if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Enum) {
                return v.toString();
            }
        }
        return null;
    }
}
