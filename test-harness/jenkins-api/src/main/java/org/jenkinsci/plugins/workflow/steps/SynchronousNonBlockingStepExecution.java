package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Shim of workflow-step-api's {@code SynchronousNonBlockingStepExecution}
 * ({@code src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java:22-98}),
 * with its behaviour:
 * <ul>
 * <li>{@link #start()} captures the caller's authentication (the build's) and runs {@link #run()} on a
 *     cached thread pool inside {@code ACL.as2(auth)}, so credentials lookups and permission checks in
 *     {@code run()} see the build's user, not SYSTEM; the result goes to {@code onSuccess}, a Throwable
 *     to {@code onFailure};</li>
 * <li>{@link #stop(Throwable)} records the cause, interrupts the thread and fails the step at once
 *     ({@code StepExecution.stop}: {@code getContext().onFailure(cause)}): the build can end before the
 *     worker thread has logged or cleaned up, and a failure the thread reports after the stop is added
 *     to the cause as suppressed instead of reaching the context;</li>
 * <li>{@link #blocksRestart()} is true while {@code run()} runs; after a controller restart
 *     {@link #onResume()} fails the step.</li>
 * </ul>
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    private transient volatile Future<?> task;
    private transient volatile String threadName;
    private transient volatile Throwable stopCause;

    private static ExecutorService executorService;

    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    /** The step's work; when it returns, the step is over. */
    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        final Authentication auth = Jenkins.getAuthentication2();
        task = getExecutorService().submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                T ret;
                try (ACLContext acl = ACL.as2(auth)) {
                    ret = run();
                }
                getContext().onSuccess(ret);
            } catch (Throwable x) {
                Throwable stopped = stopCause;
                if (stopped == null) {
                    getContext().onFailure(x);
                } else {
                    stopped.addSuppressed(x);
                }
            } finally {
                threadName = null;
            }
        });
        return false;
    }

    /** Interrupts {@link #run()} and fails the step with {@code cause} at once. */
    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        Future<?> t = task;
        if (t != null) {
            stopCause = cause;
            t.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        getContext().onFailure(new SynchronousResumeNotSupportedException());
    }

    @Override
    public @NonNull String getStatus() {
        String name = threadName;
        return name == null ? "not yet scheduled" : "running in thread: " + name;
    }

    /** True while {@link #run()} runs: a safe restart waits for it. */
    @Override
    public boolean blocksRestart() {
        return threadName != null;
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
