package io.jenkins.plugins.influxforecast.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Result;
import io.jenkins.plugins.influxforecast.steps.CapturingListener;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jenkins.MasterToSlaveFileCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shim of the Jenkins API behaves like Jenkins where the steps depend on it. */
class JenkinsApiShimTest {

    @TempDir
    Path dir;

    @Test
    void localLauncherRunsARealProcessInTheWorkingDirectoryWithTheGivenEnvironment() throws Exception {
        CapturingListener listener = new CapturingListener();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Launcher.LocalLauncher(listener).launch()
                .cmds("sh", "-c", "pwd; echo \"v=$FOO\"; echo oops >&2; exit 3")
                .envs(Map.of("FOO", "bar"))
                .pwd(new FilePath(dir.toFile()))
                .stdout(out)
                .quiet(true)
                .join();
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dir.toRealPath() + "\nv=bar\noops\n");
        assertThat(listener.log()).isEmpty();
    }

    @Test
    void separateStderrAndDefaultDiscardedStdout() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = new Launcher.LocalLauncher(new CapturingListener());
        int exit = launcher.launch().cmds("sh", "-c", "echo out; echo err >&2").stderr(err).quiet(true).join();
        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
    }

    @Test
    void notQuietPrintsTheCommandLineWithMaskedArguments() throws Exception {
        CapturingListener listener = new CapturingListener();
        new Launcher.LocalLauncher(listener).launch()
                .cmds("echo", "visible", "s3cret", "two words")
                .masks(false, false, true, false)
                .pwd(new FilePath(dir.toFile()))
                .join();
        assertThat(listener.log()).isEqualTo("[" + dir.getFileName() + "] $ echo visible ******** \"two words\"\n");
    }

    @Test
    void argumentsAndEnvironmentValuesAreExpandedAndDoubledDollarsCollapse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Launcher.LocalLauncher(new CapturingListener()).launch()
                // the argument is expanded too (the trap the steps avoid): $$ reaches sh as $
                .cmds("sh", "-c", "echo \"$$A|$$B\"")
                .envs(Map.of("A", "p$$w", "B", "${NOPE}"))
                .stdout(out).quiet(true).join();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("p$w|${NOPE}\n");
    }

    @Test
    void missingWorkingDirectoryFails() {
        Launcher launcher = new Launcher.LocalLauncher(new CapturingListener());
        assertThatThrownBy(() -> launcher.launch().cmds("true").pwd(new File(dir.toFile(), "nope")).start())
                .isInstanceOf(IOException.class).hasMessageContaining("doesn't exist");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void killByEnvironmentCookieEndsOnlyTheMarkedProcesses() throws Exception {
        Launcher launcher = new Launcher.LocalLauncher(new CapturingListener());
        String cookie = UUID.randomUUID().toString();
        Proc marked = launcher.launch().cmds("sleep", "60").envs(Map.of("JENKINS_SERVER_COOKIE", cookie)).quiet(true).start();
        Proc other = launcher.launch().cmds("sleep", "60").envs(Map.of("JENKINS_SERVER_COOKIE", "other")).quiet(true).start();
        try {
            launcher.kill(Map.of("JENKINS_SERVER_COOKIE", cookie));
            assertThat(marked.join()).isEqualTo(143); // within the timeout: the sleep of 60 s was killed
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.kill();
        }
    }

    @Test
    void interruptingJoinKillsTheProcess() throws Exception {
        Launcher launcher = new Launcher.LocalLauncher(new CapturingListener());
        Proc p = launcher.launch().cmds("sleep", "60").quiet(true).start();
        List<Throwable> thrown = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                p.join();
            } catch (Exception e) {
                thrown.add(e);
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(5000);
        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void joinWithTimeoutKills() throws Exception {
        CapturingListener listener = new CapturingListener();
        Proc p = new Launcher.LocalLauncher(listener).launch().cmds("sleep", "60").quiet(true).start();
        int exit = p.joinWithTimeout(200, TimeUnit.MILLISECONDS, listener);
        assertThat(exit).isNotZero();
        assertThat(listener.log()).contains("ERROR: Timeout after 200 milliseconds");
    }

    @Test
    void lineTransformationSeesWholeLinesAndDelegatingFlushDoesNotEmitAPartialLine() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LineTransformationOutputStream.Delegating s = new LineTransformationOutputStream.Delegating(sink) {
            @Override
            protected void eol(byte[] b, int len) throws IOException {
                out.write("> ".getBytes(StandardCharsets.UTF_8));
                out.write(b, 0, len);
            }
        };
        s.write("one\ntw".getBytes(StandardCharsets.UTF_8));
        s.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("> one\n");
        s.write("o\nthree".getBytes(StandardCharsets.UTF_8));
        s.forceEol();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("> one\n> two\n> three");
    }

    @Test
    void envVarsOverrideRules() {
        EnvVars env = new EnvVars("PATH", "/bin", "X", "1");
        env.override("PATH+JAVA", "/opt/java/bin");
        env.override("X", "");
        assertThat(env.get("path")).isEqualTo("/opt/java/bin" + File.pathSeparator + "/bin");
        assertThat(env).doesNotContainKey("X");
        assertThat(env.expand("${PATH}:$$")).isEqualTo("/opt/java/bin" + File.pathSeparator + "/bin:$");
    }

    @Test
    void resultCombinesToTheWorse() {
        assertThat(Result.SUCCESS.combine(Result.UNSTABLE)).isSameAs(Result.UNSTABLE);
        assertThat(Result.FAILURE.combine(Result.UNSTABLE)).isSameAs(Result.FAILURE);
        assertThat(Result.fromString("unstable")).isSameAs(Result.UNSTABLE);
        assertThat(Result.fromString("bogus")).isSameAs(Result.FAILURE);
    }

    @Test
    void filePathActSerializesTheCallableLikeARemotingChannel() throws Exception {
        Files.writeString(dir.resolve("f.txt"), "hello");
        FilePath f = new FilePath(dir.toFile()).child("f.txt");
        assertThat(f.act(new Length())).isEqualTo(5L);
        OutputStream notSerializable = new ByteArrayOutputStream();
        assertThatThrownBy(() -> f.act(new HoldsStream(notSerializable))).isInstanceOf(IOException.class);
    }

    private static final class Length extends MasterToSlaveFileCallable<Long> {
        @Override
        public Long invoke(File f, hudson.remoting.VirtualChannel channel) {
            return f.length();
        }

        private static final long serialVersionUID = 1L;
    }

    private static final class HoldsStream extends MasterToSlaveFileCallable<Long> {
        private final Object stream;

        HoldsStream(Object stream) {
            this.stream = stream;
        }

        @Override
        public Long invoke(File f, hudson.remoting.VirtualChannel channel) {
            return stream == null ? 0L : 1L;
        }

        private static final long serialVersionUID = 1L;
    }
}
