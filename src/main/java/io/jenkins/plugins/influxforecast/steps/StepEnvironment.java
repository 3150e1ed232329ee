package io.jenkins.plugins.influxforecast.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** What every step needs from its context: the build, its log, the workspace and the launcher. */
record StepEnvironment(Run<?, ?> run, TaskListener listener, FilePath workspace, Launcher launcher) {

    /** The context types every step requires (so Pipeline refuses a call outside {@code node}). */
    static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class);

    static StepEnvironment of(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        if (run == null || listener == null || launcher == null) {
            throw new AbortException("influx-forecast steps need a build, a log and a launcher");
        }
        if (workspace == null) {
            throw new AbortException("influx-forecast steps run inside node { } (they need a workspace)");
        }
        return new StepEnvironment(run, listener, workspace, launcher);
    }

    /** Logs one {@code [influx-forecast] <function>: <message>} line. */
    void log(String function, String message) {
        listener.getLogger().println(PrefixingStream.PREFIX + function + ": " + message);
    }
}
