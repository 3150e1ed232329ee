package io.jenkins.plugins.influxforecast.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the engine, as a step asks for it: where (workspace, launcher, the Pipeline's
 * environment, the build log), what (the engine jar, the subcommand and its options), how (heap,
 * time limit, installed engine), with which secrets, and where its output is kept. Built with
 * {@link #builder}; run by {@link EngineProcess#run(EngineLaunch)}.
 *
 * @param function    the step's function name, for messages
 * @param workspace   the working directory of the process
 * @param pipelineEnv the Pipeline's environment at the step ({@code withEnv}, {@code environment {}},
 *                    {@code JENKINS_NODE_COOKIE}, ...): the process gets it, as {@code sh} does
 * @param engineArgs  the subcommand and its options (no secret, nothing a shell would interpret)
 * @param secretEnv   environment variables holding secrets, put on top of the Pipeline's (never printed)
 * @param masked      every text to replace by {@code ****} in the log: the secrets in each form they may
 *                    take in the engine's output (influx {@code Secret.forms}: raw, URL-encoded, Basic, JSON)
 * @param logFile     where the engine's output is kept for archiving (secrets masked), or null
 */
record EngineLaunch(String function, FilePath workspace, Launcher launcher, TaskListener listener, EnvVars pipelineEnv,
                    EngineJar jar, LaunchOptions options, List<String> engineArgs, Map<String, String> secretEnv,
                    List<String> masked, FilePath logFile) {

    EngineLaunch {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(options, "options");
        pipelineEnv = pipelineEnv == null ? new EnvVars() : new EnvVars(pipelineEnv);
        engineArgs = List.copyOf(engineArgs);
        secretEnv = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secretEnv));
        masked = List.copyOf(masked);
    }

    /** A launch of {@code function}'s engine run in the step's environment. */
    static Builder builder(String function, StepEnvironment env, EngineJar jar, LaunchOptions options) {
        return new Builder(function, env.workspace(), env.launcher(), env.listener(), jar, options).environment(env.envVars());
    }

    static Builder builder(String function, FilePath workspace, Launcher launcher, TaskListener listener, EngineJar jar,
                           LaunchOptions options) {
        return new Builder(function, workspace, launcher, listener, jar, options);
    }

    /** Collects the parts of an {@link EngineLaunch}; only the engine arguments are required besides the constructor's. */
    static final class Builder {
        private final String function;
        private final FilePath workspace;
        private final Launcher launcher;
        private final TaskListener listener;
        private final EngineJar jar;
        private final LaunchOptions options;
        private EnvVars pipelineEnv = new EnvVars();
        private List<String> engineArgs = List.of();
        private final Map<String, String> secretEnv = new LinkedHashMap<>();
        private final List<String> masked = new ArrayList<>();
        private FilePath logFile;

        private Builder(String function, FilePath workspace, Launcher launcher, TaskListener listener, EngineJar jar,
                        LaunchOptions options) {
            this.function = function;
            this.workspace = workspace;
            this.launcher = launcher;
            this.listener = listener;
            this.jar = jar;
            this.options = options;
        }

        Builder environment(EnvVars env) {
            this.pipelineEnv = env == null ? new EnvVars() : env;
            return this;
        }

        Builder args(List<String> args) {
            this.engineArgs = args;
            return this;
        }

        /** Secret environment variables and the texts to mask for them. */
        Builder secrets(Map<String, String> env, Collection<String> mask) {
            env.forEach((k, v) -> {
                if (v != null) {
                    secretEnv.put(k, v);
                }
            });
            masked.addAll(mask);
            return this;
        }

        Builder logFile(FilePath file) {
            this.logFile = file;
            return this;
        }

        EngineLaunch build() {
            return new EngineLaunch(function, workspace, launcher, listener, pipelineEnv, jar, options, engineArgs, secretEnv,
                    masked, logFile);
        }
    }
}
