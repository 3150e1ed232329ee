package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Shim of {@code hudson.Launcher}: starts processes on the node a step runs on. The shim's
 * {@link LocalLauncher} starts real local processes with Jenkins' rules for the environment,
 * the working directory, output streams, masked command-line printing and killing by environment.
 */
public abstract class Launcher {

    @NonNull
    protected final TaskListener listener;

    @CheckForNull
    protected final VirtualChannel channel;

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    protected Launcher(@NonNull Launcher launcher) {
        this(launcher.listener, launcher.channel);
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    /** A new process builder bound to this launcher. */
    @NonNull
    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(@NonNull ProcStarter starter) throws IOException;

    public boolean isUnix() {
        return File.pathSeparatorChar == ':';
    }

    /** Kills every process whose environment contains all the given variables. */
    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    /** Prints {@code [dir] $ cmd args} to the listener, masked arguments as {@code ********}. */
    protected final void maskedPrintCommandLine(@NonNull List<String> cmd, @CheckForNull boolean[] mask, @CheckForNull FilePath workDir) {
        StringBuilder buf = new StringBuilder();
        if (workDir != null) {
            buf.append('[').append(workDir.getRemote().replaceFirst("^.+[/\\\\]", "")).append("] ");
        }
        buf.append('$');
        for (int i = 0; i < cmd.size(); i++) {
            String c = cmd.get(i);
            buf.append(' ');
            if (mask != null && mask[i]) {
                buf.append("********");
            } else if (c.indexOf(' ') >= 0) {
                if (c.indexOf('"') >= 0) {
                    buf.append('\'').append(c).append('\'');
                } else {
                    buf.append('"').append(c).append('"');
                }
            } else {
                buf.append(c);
            }
        }
        listener.getLogger().println(buf);
    }

    /** Builder of a process: command, environment, directory and streams; {@link #start()} launches it. */
    public final class ProcStarter {
        protected List<String> commands;
        @CheckForNull protected boolean[] masks;
        @CheckForNull protected FilePath pwd;
        @CheckForNull protected OutputStream stdout = OutputStream.nullOutputStream();
        @CheckForNull protected OutputStream stderr;
        @CheckForNull protected InputStream stdin = InputStream.nullInputStream();
        @CheckForNull protected String[] envs = null;
        private boolean quiet;

        public ProcStarter cmds(String... args) {
            return cmds(Arrays.asList(args));
        }

        public ProcStarter cmds(List<String> args) {
            commands = new ArrayList<>(args);
            return this;
        }

        public List<String> cmds() {
            return commands;
        }

        public ProcStarter masks(@CheckForNull boolean... masks) {
            this.masks = masks;
            return this;
        }

        @CheckForNull
        public boolean[] masks() {
            return masks;
        }

        /** true: do not print the command line. */
        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public boolean quiet() {
            return quiet;
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        public ProcStarter pwd(@NonNull File workDir) {
            return pwd(new FilePath(workDir));
        }

        public ProcStarter pwd(@NonNull String workDir) {
            return pwd(new File(workDir));
        }

        @CheckForNull
        public FilePath pwd() {
            return pwd;
        }

        /** Where the output goes; null discards it. */
        public ProcStarter stdout(@CheckForNull OutputStream out) {
            this.stdout = out;
            return this;
        }

        public ProcStarter stdout(@NonNull TaskListener out) {
            this.stdout = out.getLogger();
            return this;
        }

        @CheckForNull
        public OutputStream stdout() {
            return stdout;
        }

        /** Where error output goes; null (the default) merges it into stdout. */
        public ProcStarter stderr(@CheckForNull OutputStream err) {
            this.stderr = err;
            return this;
        }

        @CheckForNull
        public OutputStream stderr() {
            return stderr;
        }

        @NonNull
        public ProcStarter stdin(@CheckForNull InputStream in) {
            this.stdin = in;
            return this;
        }

        @CheckForNull
        public InputStream stdin() {
            return stdin;
        }

        /** Environment variables set over the node's environment. */
        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            List<String> list = new ArrayList<>();
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                list.add(e.getKey() + "=" + e.getValue());
            }
            this.envs = list.toArray(new String[0]);
            return this;
        }

        public ProcStarter envs(@CheckForNull String... overrides) {
            if (overrides != null) {
                for (String s : overrides) {
                    if (s.indexOf('=') < 0) {
                        throw new IllegalArgumentException(s);
                    }
                }
            }
            this.envs = overrides == null ? null : overrides.clone();
            return this;
        }

        @NonNull
        public String[] envs() {
            return envs == null ? new String[0] : envs.clone();
        }

        /** Starts the process through the launcher that made this starter. */
        public Proc start() throws IOException {
            return launch(this);
        }

        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    /** Starts processes in this JVM's machine. */
    public static class LocalLauncher extends Launcher {

        public LocalLauncher(@NonNull TaskListener listener) {
            this(listener, null);
        }

        public LocalLauncher(TaskListener listener, VirtualChannel channel) {
            super(listener, channel);
        }

        @Override
        public Proc launch(ProcStarter ps) throws IOException {
            if (!ps.quiet()) {
                maskedPrintCommandLine(ps.cmds(), ps.masks(), ps.pwd());
            }
            EnvVars env = new EnvVars(System.getenv());
            for (String kv : ps.envs()) {
                int eq = kv.indexOf('=');
                Map<String, String> one = new HashMap<>();
                one.put(kv.substring(0, eq), kv.substring(eq + 1));
                env.overrideExpandingAll(one);
            }
            String[] cmd = new String[ps.cmds().size()];
            for (int i = 0; i < cmd.length; i++) {
                cmd[i] = env.expand(ps.cmds().get(i));
            }
            String[] envArray = new String[env.size()];
            int i = 0;
            for (Map.Entry<String, String> e : env.entrySet()) {
                envArray[i++] = e.getKey() + "=" + e.getValue();
            }
            File dir = ps.pwd() == null ? null : new File(ps.pwd().getRemote());
            return new Proc.LocalProc(cmd, envArray, ps.stdin(), ps.stdout(), ps.stderr(), dir);
        }

        /**
         * Kills, with their descendants, the processes whose initial environment (as
         * {@code /proc/<pid>/environ} shows it) contains every given variable: SIGTERM, then SIGKILL
         * after a grace period, as Jenkins' ProcessTree does.
         */
        @Override
        public void kill(Map<String, String> modelEnvVars) throws InterruptedException {
            if (modelEnvVars.isEmpty()) {
                return;
            }
            List<ProcessHandle> victims = new ArrayList<>();
            long self = ProcessHandle.current().pid();
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
                for (Path p : procs) {
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid != self && environMatches(p.resolve("environ"), modelEnvVars)) {
                        ProcessHandle.of(pid).ifPresent(victims::add);
                    }
                }
            } catch (IOException e) {
                listener.getLogger().println("Failed to list processes: " + e);
                return;
            }
            for (ProcessHandle h : victims) {
                h.descendants().forEach(ProcessHandle::destroy);
                h.destroy();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (ProcessHandle h : victims) {
                while (h.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (h.isAlive()) {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                }
            }
        }

        private static boolean environMatches(Path environ, Map<String, String> model) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(environ);
            } catch (IOException | SecurityException e) {
                return false;
            }
            List<String> vars = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0"));
            for (Map.Entry<String, String> e : model.entrySet()) {
                if (!vars.contains(e.getKey() + "=" + e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }
}
