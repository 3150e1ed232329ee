package io.jenkins.plugins.influxforecast.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every step needs from its context: the build, its log, the workspace, the launcher and the
 * Pipeline's environment, plus the step's flow node when there is one (for the stage's status).
 */
record StepEnvironment(Run<?, ?> run, TaskListener listener, FilePath workspace, Launcher launcher, EnvVars envVars,
                       FlowNode node) {

    /**
     * The context types every step requires, so Pipeline refuses a call outside {@code node}. As for
     * {@code sh} (workflow-durable-task-step {@code DurableTaskStep.java:188}) this includes
     * {@code EnvVars}: the engine process gets the Pipeline's environment.
     */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);

    static StepEnvironment of(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        EnvVars env = context.get(EnvVars.class);
        if (run == null || listener == null || launcher == null || env == null) {
            throw new AbortException("influx-forecast steps need a build, a log, a launcher and the Pipeline's environment");
        }
        if (workspace == null) {
            throw new AbortException("influx-forecast steps run inside node { } (they need a workspace)");
        }
        return new StepEnvironment(run, listener, workspace, launcher, env, context.get(FlowNode.class));
    }

    /** Logs one {@code [influx-forecast] <function>: <message>} line. */
    void log(String function, String message) {
        listener.getLogger().println(PrefixingStream.PREFIX + function + ": " + message);
    }

    /**
     * Marks the build {@code result} and, for UNSTABLE, puts a {@link WarningAction} with
     * {@code message} on the step's flow node, so stage views show the stage as unstable (as the
     * {@code unstable} and {@code junit} steps do; {@code setResult} alone colours only the build).
     */
    void markResult(StepContext context, Result result, String message) {
        context.setResult(result);
        if (node != null && result.isWorseOrEqualTo(Result.UNSTABLE)) {
            node.addOrReplaceAction(new WarningAction(result).withMessage(message));
        }
    }
}
