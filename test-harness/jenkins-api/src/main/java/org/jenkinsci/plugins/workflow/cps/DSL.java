package org.jenkinsci.plugins.workflow.cps;

import hudson.model.TaskListener;
import java.lang.reflect.Method;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What workflow-cps' {@code DSL} (the Groovy object behind a step call in a scripted Pipeline,
 * {@code plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/DSL.java}) does with
 * {@code forecast input: 'a.csv', ...}, reduced to the part a step's author can observe:
 * <ol>
 * <li>instantiate the step ({@code :314-318}): if the descriptor overrides
 *     {@link StepDescriptor#newInstance(Map)}, call it (whose default has no build log: unknown
 *     arguments vanish at FINE); otherwise {@code new DescribableModel(clazz).instantiate(args, listener)},
 *     which warns in the build log (or throws under a test harness);</li>
 * <li>check the required context ({@link StepDescriptor#checkContextAvailability});</li>
 * <li>start the execution; a step that cannot be instantiated or started fails the call.</li>
 * </ol>
 * The real class is a {@code GroovyObject} with far more (CPS threads, the flow graph, block steps);
 * only this sequence is reproduced.
 */
public final class DSL {

    private DSL() {
    }

    /**
     * Calls a step as a scripted Pipeline does and returns the started execution. A failure to
     * instantiate, to find the context or to start is thrown to the caller (the script).
     */
    public static StepExecution invokeStep(StepDescriptor d, Map<String, Object> args, StepContext context) throws Exception {
        Step s;
        if (overridesNewInstance(d)) {
            s = d.newInstance(args);
        } else {
            TaskListener listener = context.get(TaskListener.class);
            s = new DescribableModel<>(d.clazz).instantiate(args, listener);
        }
        d.checkContextAvailability(context);
        StepExecution e = s.start(context);
        e.start();
        return e;
    }

    /** {@code Util.isOverridden(StepDescriptor.class, d.getClass(), "newInstance", Map.class)}. */
    static boolean overridesNewInstance(StepDescriptor d) {
        for (Class<?> c = d.getClass(); c != null && c != StepDescriptor.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod("newInstance", Map.class);
                return m.getDeclaringClass() != StepDescriptor.class;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return false;
    }
}
