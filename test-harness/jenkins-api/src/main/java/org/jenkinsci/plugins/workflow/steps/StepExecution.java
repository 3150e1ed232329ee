package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Shim of workflow-step-api's {@code StepExecution}: one running step call. */
public abstract class StepExecution implements Serializable {

    private final StepContext context;

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    public @NonNull StepContext getContext() {
        return context;
    }

    /** Starts the work; true if it completed synchronously (the context was already notified). */
    public abstract boolean start() throws Exception;

    /** Asked to stop (the build was aborted): by default fails the context with the cause. */
    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public @CheckForNull String getStatus() {
        return null;
    }

    /** Whether a safe restart of the controller must wait for this execution. */
    public boolean blocksRestart() {
        return true;
    }

    private static final long serialVersionUID = 1L;
}
