package io.jenkins.plugins.influxforecast.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import io.jenkins.plugins.influxforecast.pipeline.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Runs the engine as its own process on the agent: the one code path of every step. The process is
 * started through the step's {@link Launcher} (so {@code container()} blocks apply) in the
 * workspace, with the Pipeline's environment, a bounded heap, secrets only in its environment, a unique
 * {@code JENKINS_SERVER_COOKIE} by which it is killed on abort or timeout, and its output streamed
 * into the build log line by line with the {@code [influx-forecast]} prefix. Exit codes become
 * one-line errors.
 */
final class EngineProcess {

    static final String COOKIE = "JENKINS_SERVER_COOKIE";
    static final String JAVA = "java";

    /** A process killed by SIGKILL (128 + 9): in a container, the kernel's OOM killer. */
    static final int EXIT_SIGKILL = 137;

    private static final Pattern ERROR_LINE = Pattern.compile("(?i)^(error|fatal|exception)\\b.*|.*\\b(Error|Exception): .*");

    private EngineProcess() {
    }

    /**
     * What a finished run left: whether the engine reported a degraded result (exit code
     * {@link ExitCodes#UNSTABLE}: done, but some series failed), its last output lines, and how
     * long it took.
     */
    record Outcome(boolean unstable, List<String> tail, long millis) {

        /** The engine's last error line (for an unstable run: what failed). */
        String errorLine() {
            return EngineProcess.errorLine(tail);
        }
    }

    /**
     * Runs {@code java ... -jar <engine> <engineArgs>} as {@code launch} describes it and returns when
     * it succeeded; any other end is an {@link AbortException} with a one-line reason (or the
     * {@link InterruptedException} of an abort, after the process was killed).
     */
    static Outcome run(EngineLaunch launch) throws IOException, InterruptedException {
        StepArguments.checkAll(launch.engineArgs());
        PrintStream log = launch.listener().getLogger();
        String function = launch.function();
        long t0 = System.nanoTime();
        EngineInstaller.Installed engine = EngineInstaller.ensure(launch.workspace(), launch.launcher(), launch.listener(), launch.jar(),
                launch.options().installedEnginePath(), JAVA);
        log.println(PrefixingStream.PREFIX + function + ": engine " + launch.jar().version() + " " + engine.how() + " (" + seconds(t0) + ")");
        ClassDataArchive.Plan cds = ClassDataArchive.plan(new FilePath(launch.workspace().getChannel(), engine.path()),
                launch.engineArgs().isEmpty() ? null : launch.engineArgs().get(0), engine.mayMakeArchive());

        List<String> argv = commandLine(launch, engine.path(), cds.jvmOptions());
        String cookie = "influx-forecast-" + UUID.randomUUID();
        log.println(PrefixingStream.PREFIX + "$ " + PrefixingStream.mask(String.join(" ", argv), launch.masked()) + (launch.secretEnv().isEmpty() ? ""
                : "  (environment: " + String.join(", ", launch.secretEnv().keySet().stream().map(k -> k + "=****").toList()) + ")"));

        StringBuilder kept = new StringBuilder();
        PrefixingStream out = new PrefixingStream(log, launch.masked(), kept);
        PrefixingStream err = new PrefixingStream(log, launch.masked(), kept);
        long t1 = System.nanoTime();
        int exit;
        boolean timedOut;
        try {
            Proc proc = launch.launcher().launch().cmds(argv).envs(environment(launch, cookie)).pwd(launch.workspace())
                    .quiet(true).stdout(out).stderr(err).start();
            Watchdog watchdog = new Watchdog(launch, cookie, proc);
            try {
                exit = proc.join();
            } catch (InterruptedException e) {
                // aborted: inside container() an interrupted join leaves the process running, so kill it by its cookie
                log.println(PrefixingStream.PREFIX + function + ": aborted, stopping the engine process");
                kill(launch.launcher(), cookie, launch.listener());
                throw e;
            } finally {
                timedOut = watchdog.cancel();
            }
        } finally {
            out.forceEol();
            err.forceEol();
            out.flush();
            err.flush();
            if (launch.logFile() != null) {
                writeLog(launch.logFile(), kept, launch.listener());
            }
        }
        cds.finish(!timedOut && (exit == ExitCodes.OK || exit == ExitCodes.UNSTABLE), launch.listener());
        return outcome(launch, exit, timedOut, out, err, t1);
    }

    /**
     * The client compiler only ({@code -XX:TieredStopAtLevel=1}), for the commands of {@link #C1_ONLY}.
     * Each step starts a fresh JVM that lives seconds to minutes, where C2's compilations cost more CPU
     * than its faster code saves: {@code forecast} uses a third less CPU for the whole JVM on the M4
     * sets (Weekly with {@code arima}, Hourly with {@code auto}) and on a year of ten-minute points;
     * {@code load} 0.4 to 0.6 s less for 1M points, {@code extract} about a third less
     * (docs/benchmarks.md). The M4 benchmark (test-harness/bench/m4.sh) runs its JVM with the same
     * options. {@code score} and the others keep the JVM's default.
     */
    static final List<String> CLIENT_COMPILER = List.of("-XX:TieredStopAtLevel=1");

    /** The engine commands that run with {@link #CLIENT_COMPILER}. */
    static final java.util.Set<String> C1_ONLY = java.util.Set.of("forecast", "load", "extract");

    /** The JVM options a command runs with (besides the heap and the archive's). */
    static List<String> commandJvmOptions(List<String> engineArgs) {
        return !engineArgs.isEmpty() && C1_ONLY.contains(engineArgs.get(0)) ? CLIENT_COMPILER : List.of();
    }

    /**
     * {@code java -XX:MaxRAMPercentage=.. -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true <command's options> <jvmOptions>
     * -jar <engine> <args>}, the command's options being {@link #commandJvmOptions}, the JVM options those of a
     * class-data-sharing archive ({@link ClassDataArchive}), or none.
     */
    static List<String> commandLine(EngineLaunch launch, String enginePath, List<String> jvmOptions) {
        List<String> argv = new ArrayList<>();
        argv.add(JAVA);
        argv.add("-XX:MaxRAMPercentage=" + launch.options().maxRamPercentage());
        argv.add("-XX:+ExitOnOutOfMemoryError");
        argv.add("-Djava.awt.headless=true");
        argv.addAll(commandJvmOptions(launch.engineArgs()));
        argv.addAll(jvmOptions);
        argv.add("-jar");
        argv.add(enginePath);
        argv.addAll(launch.engineArgs());
        StepArguments.checkAll(argv);
        return argv;
    }

    /**
     * The process environment: the Pipeline's ({@code withEnv}, {@code environment {}},
     * {@code JENKINS_NODE_COOKIE}, as {@code sh} gets it from its {@code EnvVars} context,
     * workflow-durable-task-step {@code DurableTaskStep.java:188}), then the secrets and the
     * {@code JENKINS_SERVER_COOKIE} on top. Every {@code $} is doubled: the launcher expands
     * {@code $VAR} in values on the agent and turns {@code $$} back into {@code $} (as durable-task's
     * {@code BourneShellScript} escapes them for {@code sh}).
     */
    static Map<String, String> environment(EngineLaunch launch, String cookie) {
        Map<String, String> env = new LinkedHashMap<>();
        launch.pipelineEnv().forEach((k, v) -> env.put(k, v.replace("$", "$$")));
        launch.secretEnv().forEach((k, v) -> env.put(k, v.replace("$", "$$")));
        env.put(COOKIE, cookie);
        return env;
    }

    /** Kills the process by its cookie when the step's time limit passes. */
    private static final class Watchdog {
        private final ScheduledExecutorService timer;
        private final AtomicBoolean fired = new AtomicBoolean();

        Watchdog(EngineLaunch launch, String cookie, Proc proc) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "influx-forecast timeout of " + launch.function());
                t.setDaemon(true);
                return t;
            });
            timer.schedule(() -> {
                fired.set(true);
                kill(launch.launcher(), cookie, launch.listener());
                try {
                    proc.kill();
                } catch (IOException | InterruptedException e) {
                    launch.listener().getLogger().println(PrefixingStream.PREFIX + "could not stop the engine process: " + e);
                }
            }, launch.options().timeoutMillis(), TimeUnit.MILLISECONDS);
        }

        /** Stops the timer; true if it had fired. */
        boolean cancel() {
            timer.shutdownNow();
            return fired.get();
        }
    }

    /** The outcome of a finished process, or the one-line error of a failed one. */
    private static Outcome outcome(EngineLaunch launch, int exit, boolean timedOut, PrefixingStream out, PrefixingStream err, long t1)
            throws InterruptedException, AbortException {
        String function = launch.function();
        PrintStream log = launch.listener().getLogger();
        List<String> tail = new ArrayList<>(out.tail());
        tail.addAll(err.tail());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        if (timedOut) {
            throw new AbortException(function + ": the engine ran longer than timeoutMinutes=" + launch.options().timeoutMinutes()
                    + " and was killed");
        }
        boolean heap = tail.stream().anyMatch(l -> l.contains("OutOfMemoryError"));
        if (exit == ExitCodes.UNSTABLE && !heap) {
            log.println(PrefixingStream.PREFIX + function + ": engine finished in " + seconds(t1) + ", degraded (exit code 3): " + errorLine(tail));
            return new Outcome(true, tail, millis);
        }
        if (exit != ExitCodes.OK) {
            throw failure(function, exit, tail, launch.workspace(), launch.launcher(), launch.options());
        }
        log.println(PrefixingStream.PREFIX + function + ": engine finished in " + seconds(t1));
        return new Outcome(false, tail, millis);
    }

    private static void kill(Launcher launcher, String cookie, TaskListener listener) {
        try {
            launcher.kill(Map.of(COOKIE, cookie));
        } catch (IOException | InterruptedException | RuntimeException e) {
            listener.getLogger().println(PrefixingStream.PREFIX + "could not kill the engine process: " + e);
        }
    }

    private static void writeLog(FilePath logFile, StringBuilder kept, TaskListener listener) {
        String text;
        synchronized (kept) {
            text = kept.toString();
        }
        try {
            logFile.write(text, "UTF-8");
        } catch (IOException | InterruptedException e) {
            listener.getLogger().println(PrefixingStream.PREFIX + "could not write the engine log " + logFile.getRemote() + ": " + e);
        }
    }

    /** The one-line error for a failed run. */
    static AbortException failure(String function, int exit, List<String> tail, FilePath workspace, Launcher launcher,
                                  LaunchOptions options) throws InterruptedException {
        String line = errorLine(tail);
        if (exit == ExitCodes.BAD_INPUT) {
            return new AbortException(function + ": bad input: " + line);
        }
        boolean heap = tail.stream().anyMatch(l -> l.contains("OutOfMemoryError"));
        if (exit == EXIT_SIGKILL || heap) {
            String limit = containerMemoryLimit(workspace, launcher);
            if (heap) {
                return new AbortException(function + ": out of memory: the engine's heap (maxRamPercentage="
                        + options.maxRamPercentage() + "% of " + (limit == null ? "the machine's memory" : "the container's limit of " + limit)
                        + ") is too small for this series; raise maxRamPercentage or the container's memory limit");
            }
            if (limit != null) {
                return new AbortException(function + ": out of memory: the container's limit is " + limit
                        + ", raise it (the engine process was killed with exit code 137; its heap is bounded to maxRamPercentage="
                        + options.maxRamPercentage() + "% of it)");
            }
            return new AbortException(function + ": out of memory or killed: the engine process was killed with exit code 137"
                    + " (SIGKILL) and the container has no memory limit to blame; check the node's memory");
        }
        return new AbortException(function + " failed (engine exit code " + exit + "): " + line);
    }

    /** The engine's last error line, else its last line. */
    static String errorLine(List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (ERROR_LINE.matcher(tail.get(i)).matches()) {
                return tail.get(i).trim();
            }
        }
        return tail.isEmpty() ? "(the engine printed nothing)" : tail.get(tail.size() - 1).trim();
    }

    /**
     * The memory limit of the container the step's processes run in (cgroup v2, then v1), e.g.
     * "512 MiB", or null when there is none or it cannot be read.
     */
    static String containerMemoryLimit(FilePath workspace, Launcher launcher) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Proc p = launcher.launch().cmds("cat", "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")
                    .pwd(workspace).quiet(true).stdout(out).stderr(java.io.OutputStream.nullOutputStream()).start();
            p.joinWithTimeout(30, TimeUnit.SECONDS, launcher.getListener());
        } catch (IOException e) {
            return null;
        }
        return parseMemoryLimit(out.toString(StandardCharsets.UTF_8));
    }

    /** The first cgroup limit in {@code text} as "N MiB"/"N.N GiB"; null for "max" or an unlimited v1 value. */
    static String parseMemoryLimit(String text) {
        for (String l : text.split("\\R")) {
            String v = l.trim();
            if (v.equals("max")) {
                return null;
            }
            if (v.matches("\\d+")) {
                long bytes;
                try {
                    bytes = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (bytes >= (1L << 60)) {
                    return null;
                }
                return humanBytes(bytes);
            }
        }
        return null;
    }

    static String humanBytes(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        if (mib >= 1024) {
            return String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
        }
        return String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    static String seconds(long sinceNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }
}
