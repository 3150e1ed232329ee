package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Shim of workflow-step-api's {@code SynchronousNonBlockingStepExecution}: {@link #run()} runs on a
 * thread of a cached pool; its result completes the context; {@link #stop} interrupts that thread.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    private transient volatile Future<?> task;
    private transient volatile String threadName;

    private static ExecutorService executorService;

    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        task = getExecutorService().submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                getContext().onSuccess(run());
            } catch (Throwable t) {
                getContext().onFailure(t);
            } finally {
                threadName = null;
            }
        });
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Future<?> t = task;
        if (t != null) {
            t.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        getContext().onFailure(new IllegalStateException("Resume after a restart not supported for non-blocking synchronous steps"));
    }

    @Override
    public @NonNull String getStatus() {
        String name = threadName;
        return name == null ? "not yet scheduled" : "running in thread: " + name;
    }

    static synchronized ExecutorService getExecutorService() {
        if (executorService == null) {
            executorService = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution");
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }
}
