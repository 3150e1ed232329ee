package io.jenkins.plugins.influxforecast.steps;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context over a real local workspace (test double of Pipeline's context): the run, a
 * capturing build log, the workspace, a local launcher, the Pipeline's environment and the step's
 * flow node. Keeps the first completion (as Pipeline ignores a second one).
 */
public final class TestStepContext extends StepContext {

    private final transient TestRun run;
    private final transient CapturingListener listener = new CapturingListener();
    private final transient FilePath workspace;
    private transient Launcher launcher;
    private transient EnvVars env = new EnvVars("JENKINS_NODE_COOKIE", "node-cookie-of-the-test", "BUILD_NUMBER", "1");
    private final transient TestFlowNode node = new TestFlowNode();
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    private transient volatile Result result;

    public TestStepContext(Path workspace, TestRun run) {
        this.workspace = new FilePath(workspace.toFile());
        this.run = run;
        this.launcher = new Launcher.LocalLauncher(listener);
    }

    /** Replaces the Pipeline's environment at the step (what withEnv / environment {} would make it). */
    public TestStepContext withEnv(EnvVars e) {
        this.env = e;
        return this;
    }

    /** Removes the Pipeline's environment from the context (a context Pipeline never gives inside node). */
    public TestStepContext withoutEnv() {
        this.env = null;
        return this;
    }

    /** The step's flow node (its actions: a WarningAction marks the stage unstable). */
    public TestFlowNode node() {
        return node;
    }

    /** Replaces the launcher (e.g. to observe kill calls). */
    public TestStepContext withLauncher(Launcher l) {
        this.launcher = l;
        return this;
    }

    @Override
    public <T> T get(Class<T> key) throws IOException, InterruptedException {
        if (key == Run.class) {
            return key.cast(run);
        }
        if (key == TaskListener.class) {
            return key.cast(listener);
        }
        if (key == FilePath.class) {
            return key.cast(workspace);
        }
        if (key == Launcher.class) {
            return key.cast(launcher);
        }
        if (key == EnvVars.class) {
            return env == null ? null : key.cast(new EnvVars(env));
        }
        if (key == FlowNode.class) {
            return key.cast(node);
        }
        return null;
    }

    @Override
    public void onSuccess(Object value) {
        outcome.complete(value);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return outcome.isDone();
    }

    @Override
    public ListenableFuture<Void> saveState() {
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
        result = r == null ? null : Result.combine(result, r);
        run.setResult(r);
    }

    public Result result() {
        return result;
    }

    public CapturingListener listener() {
        return listener;
    }

    public TestRun run() {
        return run;
    }

    public FilePath workspace() {
        return workspace;
    }

    /** The step's return value, or the exception it failed with (unwrapped). */
    public Object await(Duration timeout) throws Throwable {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("step did not complete within " + timeout + "; log:\n" + listener.log(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private static final long serialVersionUID = 1L;
}
