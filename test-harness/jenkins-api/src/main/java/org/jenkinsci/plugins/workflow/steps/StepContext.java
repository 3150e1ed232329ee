package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/**
 * Shim of workflow-step-api's {@code StepContext}: what a running step can ask for ({@code Run},
 * {@code TaskListener}, {@code FilePath}, {@code Launcher}, ...) and how it completes. Tests supply
 * a concrete subclass. {@code onFailure(Throwable)} is inherited from {@link FutureCallback}.
 * {@code newBodyInvoker()} and {@code hasBody()} are left out (influx-forecast's steps take no body).
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    /** The context object of that type, or null when there is none. */
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(@Nullable Object result);

    public abstract boolean isReady();

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(Result r);

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();

    private static final long serialVersionUID = 1L;
}
