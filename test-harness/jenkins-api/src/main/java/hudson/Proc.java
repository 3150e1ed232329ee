package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Shim of {@code hudson.Proc}: a started process. */
public abstract class Proc {

    protected Proc() {
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    /** Kills the process (and its descendants) and waits for it to end. */
    public abstract void kill() throws IOException, InterruptedException;

    /** Waits for the process to end and its output to be copied; returns its exit code. */
    public abstract int join() throws IOException, InterruptedException;

    @CheckForNull
    public abstract InputStream getStdout();

    @CheckForNull
    public abstract InputStream getStderr();

    @CheckForNull
    public abstract OutputStream getStdin();

    /**
     * {@link #join()}, but after {@code timeout} prints {@code Timeout after ...} as an error to
     * the listener and kills the process.
     */
    public final int joinWithTimeout(final long timeout, final TimeUnit unit, final TaskListener listener) throws IOException, InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "Proc.joinWithTimeout");
            t.setDaemon(true);
            return t;
        });
        try {
            ScheduledFuture<?> f = timer.schedule(() -> {
                try {
                    if (isAlive()) {
                        listener.error("Timeout after " + timeout + " " + unit.toString().toLowerCase(java.util.Locale.ENGLISH));
                        kill();
                    }
                } catch (IOException | InterruptedException e) {
                    listener.error("Failed to kill the process: " + e);
                }
            }, timeout, unit);
            try {
                return join();
            } finally {
                f.cancel(true);
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /** A process on this machine, its output copied to the given streams by background threads. */
    public static final class LocalProc extends Proc {

        private final Process proc;
        private final Thread copier;
        private final Thread copier2;

        /**
         * Starts {@code cmd} with exactly the environment {@code env} (plus a {@code HUDSON_COOKIE});
         * {@code err} null merges stderr into {@code out}; {@code out} null discards the output.
         */
        public LocalProc(String[] cmd, String[] env, InputStream in, OutputStream out, OutputStream err, File workDir) throws IOException {
            if (workDir != null && !workDir.isDirectory()) {
                throw new IOException("Process working directory '" + workDir + "' doesn't exist!");
            }
            ProcessBuilder pb = new ProcessBuilder(List.of(cmd));
            Map<String, String> pbEnv = pb.environment();
            pbEnv.clear();
            if (env != null) {
                for (String kv : env) {
                    int eq = kv.indexOf('=');
                    pbEnv.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            pbEnv.put("HUDSON_COOKIE", UUID.randomUUID().toString());
            if (workDir != null) {
                pb.directory(workDir);
            }
            if (err == null) {
                pb.redirectErrorStream(true);
            }
            if (out == null) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                if (err == null) {
                    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                }
            }
            proc = pb.start();
            copier = out == null ? null : copy("stdout copier", proc.getInputStream(), out);
            copier2 = err == null ? null : copy("stderr copier", proc.getErrorStream(), err);
            Thread feeder = new Thread(() -> {
                try (OutputStream stdin = proc.getOutputStream()) {
                    if (in != null) {
                        in.transferTo(stdin);
                    }
                } catch (IOException ignored) {
                    // the process closed its input early
                }
            }, "stdin copier");
            feeder.setDaemon(true);
            feeder.start();
        }

        private static Thread copy(String name, InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buf)) >= 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // the process ended or the stream was closed
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits for the process and its output; an interrupt kills the process tree and is rethrown. */
        @Override
        public int join() throws InterruptedException, IOException {
            try {
                int r = proc.waitFor();
                for (Thread t : new Thread[] {copier, copier2}) {
                    if (t != null) {
                        t.join(TimeUnit.SECONDS.toMillis(10));
                    }
                }
                return r;
            } catch (InterruptedException e) {
                destroy();
                // like the real LocalProc: the process is gone when the interrupt is rethrown
                try {
                    proc.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException again) {
                    // already interrupted: the original interrupt is rethrown below
                }
                throw e;
            }
        }

        @Override
        public boolean isAlive() throws IOException, InterruptedException {
            return proc.isAlive();
        }

        @Override
        public void kill() throws InterruptedException, IOException {
            destroy();
            join();
        }

        private void destroy() {
            proc.descendants().forEach(ProcessHandle::destroy);
            proc.destroy();
        }

        @Override
        public InputStream getStdout() {
            return null;
        }

        @Override
        public InputStream getStderr() {
            return null;
        }

        @Override
        public OutputStream getStdin() {
            return null;
        }
    }
}
