package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of workflow-step-api's {@code SynchronousStepExecution}
 * ({@code src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousStepExecution.java}): for
 * short work on the CPS VM thread. {@link #start()} runs {@link #run()} on the calling thread,
 * completes the context with its result or its failure, and returns true (done synchronously);
 * {@link #stop} interrupts that thread while it runs (the real class interrupts the Executor when
 * the thread is one, the thread otherwise; the shim has no Executor) and, unlike the default
 * {@link StepExecution#stop}, does not fail the context itself.
 */
public abstract class SynchronousStepExecution<T> extends StepExecution {

    private transient volatile Thread executing;

    protected SynchronousStepExecution(@NonNull StepContext context) {
        super(context);
    }

    /** The work; when it returns, the step is over. */
    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        executing = Thread.currentThread();
        try {
            getContext().onSuccess(run());
        } catch (Throwable t) {
            getContext().onFailure(t);
        } finally {
            executing = null;
        }
        return true;
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        Thread e = executing;
        if (e != null) {
            e.interrupt();
        }
    }

    private static final long serialVersionUID = 1L;
}
