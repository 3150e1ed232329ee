package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.Launcher;
import io.jenkins.plugins.influxforecast.influx.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The step's process handling, with a test program packaged as the engine jar. */
class EngineProcessTest {

    static final String VERSION = "9.9.9-test";

    @TempDir
    static Path shared;

    static EngineJar jar;

    @TempDir
    Path root;

    @BeforeAll
    static void packageTestEngine() throws IOException {
        Path file = shared.resolve("test-engine.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TestEngineMain.class.getName());
        mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, VERSION);
        String entry = TestEngineMain.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), mf)) {
            // a package entry, so Package.getImplementationVersion() sees the manifest
            out.putNextEntry(new JarEntry(entry.substring(0, entry.lastIndexOf('/') + 1)));
            out.closeEntry();
            out.putNextEntry(new JarEntry(entry));
            out.write(TestEngineMain.class.getResourceAsStream("/" + entry).readAllBytes());
            out.closeEntry();
        }
        jar = EngineJar.of(file);
    }

    private TestStepContext context() throws IOException {
        Path ws = root.resolve("workspace");
        Files.createDirectories(ws);
        return new TestStepContext(ws, new TestRun("job", 1, 0L));
    }

    private static LaunchOptions options() {
        LaunchOptions o = new LaunchOptions();
        o.installedEngine("none");
        return o;
    }

    private EngineProcess.Outcome run(TestStepContext c, LaunchOptions o, Map<String, String> secrets, String... args) throws Exception {
        return EngineProcess.run(EngineLaunch.builder("test", c.workspace(), c.get(Launcher.class), c.listener(), jar, o)
                .environment(c.get(hudson.EnvVars.class)).args(List.of(args))
                .secrets(secrets, secrets.values()).logFile(c.workspace().child("out/test.log")).build());
    }

    @Test
    void copiesTheJarOncePerVersionVerifiedAndStreamsPrefixedOutput() throws Exception {
        TestStepContext c = context();
        run(c, options(), Map.of(), "args", "a", "b c");
        String log = c.listener().log();
        assertThat(log).contains("[influx-forecast] a|b c\n");
        assertThat(log).contains("copied to the agent at " + root.resolve("workspace@tmp/influx-forecast/" + jar.installName()));
        assertThat(log).contains("sha256 " + jar.sha256().substring(0, 12) + " verified");
        assertThat(log).containsPattern("\\[influx-forecast] \\$ java -XX:MaxRAMPercentage=50 .* -jar \\S+ args a b c");
        Path installed = root.resolve("workspace@tmp/influx-forecast/" + jar.installName() + "/influx-forecast-cli.jar");
        assertThat(EngineInstaller.sha256(installed.toFile())).isEqualTo(jar.sha256());
        assertThat(c.listener().wasClosed()).isFalse();

        TestStepContext again = new TestStepContext(root.resolve("workspace"), new TestRun("job", 2, 0L));
        run(again, options(), Map.of(), "args", "x");
        assertThat(again.listener().log()).contains("already on the agent at").doesNotContain("copied");
    }

    @Test
    void forecastLoadAndExtractRunWithTheC1CompilerOnlyAndTheOtherCommandsWithC2() throws Exception {
        TestStepContext c = context();
        for (String command : new String[] {"load", "extract", "forecast", "score", "version"}) {
            EngineLaunch launch = EngineLaunch.builder("test", c.workspace(), c.get(Launcher.class), c.listener(), jar, options())
                    .environment(c.get(hudson.EnvVars.class)).args(List.of(command, "--input", "x")).build();
            List<String> argv = EngineProcess.commandLine(launch, "engine.jar", List.of("-XX:SharedArchiveFile=a.jsa"));
            boolean c1 = command.equals("load") || command.equals("extract") || command.equals("forecast");
            assertThat(argv.contains("-XX:TieredStopAtLevel=1")).as(command).isEqualTo(c1);
            // the JVM options come before -jar, the command and its arguments after it
            assertThat(argv.subList(argv.indexOf("-jar"), argv.size())).as(command)
                    .containsExactly("-jar", "engine.jar", command, "--input", "x");
            assertThat(argv).contains("-XX:SharedArchiveFile=a.jsa");
        }
    }

    @Test
    void aCorruptCopyIsReplaced() throws Exception {
        TestStepContext c = context();
        Path dir = root.resolve("workspace@tmp/influx-forecast/" + jar.installName());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("influx-forecast-cli.jar"), "truncated");
        run(c, options(), Map.of(), "args", "ok");
        assertThat(c.listener().log()).contains("copied to the agent").contains("[influx-forecast] ok");
    }

    @Test
    void usesAnInstalledEngineOfTheSameVersion() throws Exception {
        TestStepContext c = context();
        Path installed = root.resolve("opt/influx-forecast-cli.jar");
        Files.createDirectories(installed.getParent());
        Files.copy(shared.resolve("test-engine.jar"), installed);
        LaunchOptions o = new LaunchOptions();
        o.installedEngine(installed.toString());
        run(c, o, Map.of(), "args", "hi");
        assertThat(c.listener().log()).contains("installed in the container at " + installed).contains("-jar " + installed + " args hi");
        assertThat(root.resolve("workspace@tmp")).doesNotExist();
    }

    @Test
    void aJarThatOutlivedItsBuildGetsAClassDataArchivePerCommandAndLaterRunsUseIt() throws Exception {
        TestStepContext c = context();
        run(c, options(), Map.of(), "args", "first");
        Path dir = root.resolve("workspace@tmp/influx-forecast/" + jar.installName());
        Path archive = dir.resolve(ClassDataArchive.archiveName("args"));
        // a jar copied just now (a pod's first step): no archive is made or used
        assertThat(c.listener().log()).doesNotContain("Archive").doesNotContain("class-data-sharing");
        assertThat(archive).doesNotExist();

        makeOld(dir.resolve("influx-forecast-cli.jar"));
        TestStepContext second = new TestStepContext(root.resolve("workspace"), new TestRun("job", 2, 0L));
        run(second, options(), Map.of(), "args", "second");
        assertThat(second.listener().log()).contains("-XX:ArchiveClassesAtExit=" + dir + "/.influx-forecast-cli.args.jsa.")
                .contains("class-data-sharing archive made at " + archive).contains("[influx-forecast] second\n");
        assertThat(archive).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("influx-forecast-cli.args.jsa.sha256")))
                .isEqualTo(EngineInstaller.sha256(archive.toFile()) + "  influx-forecast-cli.args.jsa\n");
        assertNoPartFiles(dir);

        TestStepContext third = new TestStepContext(root.resolve("workspace"), new TestRun("job", 3, 0L));
        run(third, options(), Map.of(), "args", "third");
        assertThat(third.listener().log()).doesNotContain("archive made").doesNotContain("ArchiveClassesAtExit")
                .contains("-XX:SharedArchiveFile=" + archive + " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar")
                .contains("[influx-forecast] third\n");
        // another command has no archive yet: its first run makes its own
        TestStepContext fourth = new TestStepContext(root.resolve("workspace"), new TestRun("job", 4, 0L));
        run(fourth, options(), Map.of(), "env", "HOME");
        assertThat(dir.resolve(ClassDataArchive.archiveName("env"))).isNotEmptyFile();
    }

    @Test
    void aFailedRunLeavesNoArchive() throws Exception {
        TestStepContext c = context();
        run(c, options(), Map.of(), "args", "first");
        Path dir = root.resolve("workspace@tmp/influx-forecast/" + jar.installName());
        makeOld(dir.resolve("influx-forecast-cli.jar"));
        TestStepContext failing = new TestStepContext(root.resolve("workspace"), new TestRun("job", 2, 0L));
        assertThatThrownBy(() -> run(failing, options(), Map.of(), "stderr", "broken", "1")).isInstanceOf(AbortException.class);
        assertThat(failing.listener().log()).contains("ArchiveClassesAtExit").doesNotContain("archive made");
        assertThat(dir.resolve(ClassDataArchive.archiveName("stderr"))).doesNotExist();
        assertNoPartFiles(dir);
    }

    private static void makeOld(Path file) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 2 * ClassDataArchive.PERSISTENT_AFTER_MILLIS));
    }

    private static void assertNoPartFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private Path installedEngineWithArchive() throws IOException {
        Path installed = root.resolve("opt/influx-forecast-cli.jar");
        Files.createDirectories(installed.getParent());
        Files.copy(shared.resolve("test-engine.jar"), installed);
        return installed;
    }

    @Test
    void anArchiveWhoseChecksumDoesNotMatchIsNeverPassed() throws Exception {
        TestStepContext c = context();
        Path installed = installedEngineWithArchive();
        Path archive = installed.resolveSibling(ClassDataArchive.archiveName("args"));
        Files.write(archive, new byte[4096]); // truncated or corrupt: mapping it could crash the JVM
        Files.writeString(installed.resolveSibling(archive.getFileName() + ".sha256"), "0".repeat(64) + "  x\n");
        LaunchOptions o = new LaunchOptions();
        o.installedEngine(installed.toString());
        run(c, o, Map.of(), "args", "hi");
        // an engine image's archives are made at build time: a run never dumps one there either
        assertThat(c.listener().log()).contains("installed in the container").doesNotContain("Archive").contains("[influx-forecast] hi\n");
        Files.delete(installed.resolveSibling(archive.getFileName() + ".sha256"));
        TestStepContext again = new TestStepContext(root.resolve("workspace"), new TestRun("job", 2, 0L));
        run(again, o, Map.of(), "args", "hi");
        assertThat(again.listener().log()).doesNotContain("Archive");
    }

    @Test
    void anArchiveTheJvmCannotUseIsIgnoredSilently() throws Exception {
        // an archive with a valid checksum made for another jar (or by another JVM): the JVM refuses it
        // and, with the CDS log silenced, the engine's output is what it would be without it
        TestStepContext c = context();
        Path installed = installedEngineWithArchive();
        Path other = root.resolve("other.jar");
        Files.copy(shared.resolve("test-engine.jar"), other);
        Path archive = installed.resolveSibling(ClassDataArchive.archiveName("args"));
        Process dump = new ProcessBuilder("java", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", other.toString(), "args", "x").redirectErrorStream(true).start();
        dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).isZero();
        Files.writeString(installed.resolveSibling(archive.getFileName() + ".sha256"),
                ClassDataArchive.checksumLine(archive.toFile(), archive.getFileName().toString()));
        Files.setLastModifiedTime(installed, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        LaunchOptions o = new LaunchOptions();
        o.installedEngine(installed.toString());
        run(c, o, Map.of(), "args", "hi");
        String log = c.listener().log();
        assertThat(log).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(log.lines().filter(l -> !l.contains("$ java") && !l.contains("test: engine"))).containsExactly("[influx-forecast] hi");
        // the JVM did refuse it: without the silencing options it says so on stdout
        Process loud = new ProcessBuilder("java", "-XX:SharedArchiveFile=" + archive, "-jar", installed.toString(), "args", "hi")
                .redirectErrorStream(true).start();
        String loudOut = new String(loud.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(loud.waitFor()).isZero();
        assertThat(loudOut).contains("Unable to use shared archive").contains("hi");
    }

    @Test
    void anInstalledEngineOfAnotherVersionOrAMissingOneIsNotUsed() throws Exception {
        TestStepContext c = context();
        LaunchOptions o = new LaunchOptions();
        o.installedEngine(root.resolve("nothing-here.jar").toString());
        run(c, o, Map.of(), "args", "hi");
        assertThat(c.listener().log()).contains("copied to the agent");
    }

    @Test
    void secretsReachTheProcessOnlyThroughItsEnvironmentAndAreNeverLogged() throws Exception {
        TestStepContext c = context();
        String secret = "pa$$word with $HOME and `x`";
        run(c, options(), Map.of("INFLUX_PASSWORD", secret), "env", "INFLUX_PASSWORD", "JENKINS_SERVER_COOKIE");
        String log = c.listener().log();
        assertThat(log).doesNotContain(secret).contains("INFLUX_PASSWORD=****");
        assertThat(log).containsPattern("JENKINS_SERVER_COOKIE=influx-forecast-[0-9a-f-]{36}");
        assertThat(log).contains("(environment: INFLUX_PASSWORD=****)");
        String engineLog = Files.readString(root.resolve("workspace/out/test.log"));
        assertThat(engineLog).contains("INFLUX_PASSWORD=****").doesNotContain(secret);
    }

    /**
     * As {@code sh}: the Pipeline's environment (withEnv, environment {}, JENKINS_NODE_COOKIE for the
     * agent's process reaper) reaches the process; the step's own variables go on top; a {@code $}
     * in a Pipeline value arrives as written.
     */
    @Test
    void thePipelineEnvironmentReachesTheProcessWithTheStepsVariablesOnTop() throws Exception {
        TestStepContext c = context().withEnv(new hudson.EnvVars("STAGE_NAME", "forecast $x", "JENKINS_NODE_COOKIE", "cookie-1",
                "INFLUX_TOKEN", "from-withEnv", "JENKINS_SERVER_COOKIE", "from-withEnv"));
        run(c, options(), Map.of("INFLUX_TOKEN", "t0ken-of-the-credential"), "env", "STAGE_NAME", "JENKINS_NODE_COOKIE", "JENKINS_SERVER_COOKIE");
        String log = c.listener().log();
        assertThat(log).contains("[influx-forecast] STAGE_NAME=forecast $x\n").contains("[influx-forecast] JENKINS_NODE_COOKIE=cookie-1\n")
                .containsPattern("JENKINS_SERVER_COOKIE=influx-forecast-[0-9a-f-]{36}");
        String hex = java.util.HexFormat.of().formatHex("t0ken-of-the-credential".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestStepContext again = context().withEnv(new hudson.EnvVars("INFLUX_TOKEN", "from-withEnv"));
        run(again, options(), Map.of("INFLUX_TOKEN", "t0ken-of-the-credential"), "envcheck", "INFLUX_TOKEN", hex);
        assertThat(again.listener().log()).contains("[influx-forecast] match\n");
    }

    /** Every form a credential may take in the engine's output is masked: raw, Basic base64(user:pass), URL-encoded. */
    @Test
    void everyFormOfTheCredentialIsMaskedInTheLogAndTheEngineLog() throws Exception {
        TestStepContext c = context();
        String user = "forecaster";
        String password = "p@ss:w/rd+1";
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String urlEncoded = java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
        EngineProcess.run(EngineLaunch.builder("test", c.workspace(), c.get(Launcher.class), c.listener(), jar, options())
                .args(List.of("args", "Authorization: Basic " + basic, "u=" + user + "&p=" + urlEncoded, "raw " + password))
                .secrets(Map.of("INFLUX_PASSWORD", password), Secret.forms(user, Secret.ofNullable(password), null))
                .logFile(c.workspace().child("out/test.log")).build());
        String log = c.listener().log();
        for (String form : List.of(password, basic, urlEncoded)) {
            assertThat(log).doesNotContain(form);
            assertThat(Files.readString(root.resolve("workspace/out/test.log"))).doesNotContain(form);
        }
        assertThat(log).contains("[influx-forecast] Authorization: Basic ****|u=forecaster&p=****|raw ****");
        assertThat(Secret.forms(null, null, Secret.ofNullable("tok en"))).contains("tok en", "tok+en", "tok%20en");
    }

    @Test
    void theSecretValueArrivesIntact() throws Exception {
        // Jenkins expands $ in environment values: the step doubles them so they arrive as written
        TestStepContext c = context();
        String secret = "a$b$$c${HOME}`d`";
        String hex = java.util.HexFormat.of().formatHex(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        run(c, options(), Map.of("INFLUX_TOKEN", secret), "envcheck", "INFLUX_TOKEN", hex);
        assertThat(c.listener().log()).contains("[influx-forecast] match\n");
    }

    @Test
    void badInputIsExitCode2WithTheEnginesErrorLine() throws Exception {
        TestStepContext c = context();
        assertThatThrownBy(() -> run(c, options(), Map.of(), "stderr", "horizon must be >= 1, got 0", "2"))
                .isInstanceOf(AbortException.class)
                .hasMessage("test: bad input: error: horizon must be >= 1, got 0");
        assertThat(c.listener().log()).contains("[influx-forecast] error: horizon must be >= 1, got 0");
        assertThat(Files.readString(root.resolve("workspace/out/test.log"))).contains("working\n").contains("error: horizon");
    }

    @Test
    void otherExitCodesNameTheCodeAndTheErrorLine() throws Exception {
        TestStepContext c = context();
        assertThatThrownBy(() -> run(c, options(), Map.of(), "stderr", "disk full", "1"))
                .isInstanceOf(AbortException.class).hasMessage("test failed (engine exit code 1): error: disk full");
    }

    @Test
    void sigkillIsReportedAsOutOfMemory() throws Exception {
        TestStepContext c = context();
        assertThatThrownBy(() -> run(c, options(), Map.of(), "kill9"))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("test: out of memory");
    }

    @Test
    void anExhaustedHeapIsReportedWithTheHeapBound() throws Exception {
        TestStepContext c = context();
        LaunchOptions o = options();
        o.maxRamPercentage(1);
        assertThatThrownBy(() -> run(c, o, Map.of(), "oom"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("test: out of memory: the engine's heap (maxRamPercentage=1% of")
                .hasMessageContaining("raise maxRamPercentage");
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void theTimeLimitKillsTheEngine() throws Exception {
        TestStepContext c = context();
        LaunchOptions o = options();
        o.timeoutMillisForTest(1500);
        assertThatThrownBy(() -> run(c, o, Map.of(), "sleep", "60000"))
                .isInstanceOf(AbortException.class)
                .hasMessage("test: the engine ran longer than timeoutMinutes=60 and was killed");
        assertThat(ProcessHandle.current().children().noneMatch(h -> h.info().commandLine().orElse("").contains("sleep 60000"))).isTrue();
    }

    @Test
    void aPartialLastLineIsStillLogged() throws Exception {
        TestStepContext c = context();
        run(c, options(), Map.of(), "partial");
        assertThat(c.listener().log()).contains("[influx-forecast] no newline at the end\n");
    }

    @Test
    void shellCharactersInArgumentsAreRefused() throws Exception {
        TestStepContext c = context();
        assertThatThrownBy(() -> run(c, options(), Map.of(), "args", "$HOME"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain a $");
        assertThatThrownBy(() -> run(c, options(), Map.of(), "args", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    }

    @Test
    @Timeout(value = 50, unit = TimeUnit.SECONDS)
    void interruptKillsTheProcessByItsCookiePromptly() throws Exception {
        TestStepContext c = context();
        List<Map<String, String>> kills = Collections.synchronizedList(new ArrayList<>());
        Launcher recording = new Launcher.LocalLauncher(c.listener()) {
            @Override
            public void kill(Map<String, String> modelEnvVars) throws InterruptedException {
                kills.add(modelEnvVars);
                super.kill(modelEnvVars);
            }
        };
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                EngineProcess.run(EngineLaunch.builder("test", c.workspace(), recording, c.listener(), jar, options())
                        .args(List.of("sleep", "60000")).build());
                failure.complete(null);
            } catch (Throwable e) {
                failure.complete(e);
            }
        });
        t.start();
        waitFor(() -> c.listener().log().contains("[influx-forecast] sleeping"), Duration.ofSeconds(30));
        long pid = enginePid();
        t.interrupt();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        waitFor(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), Duration.ofSeconds(10));
        assertThat(kills).singleElement().satisfies(m -> assertThat(m).containsOnlyKeys("JENKINS_SERVER_COOKIE"));
        assertThat(c.listener().log()).contains("test: aborted, stopping the engine process");
    }

    /** The pid of the running test engine (a child of this JVM). */
    private static long enginePid() {
        return ProcessHandle.current().children()
                .filter(h -> h.info().commandLine().orElse("").contains("sleep 60000"))
                .findFirst().orElseThrow().pid();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theForecastCommandRunsWithTheClientCompilerOnlyAndTheBenchmarkWithTheSameOptions() throws Exception {
        TestStepContext c = context();
        EngineLaunch forecast = EngineLaunch.builder("forecast", c.workspace(), c.get(Launcher.class), c.listener(), jar, options())
                .args(List.of("forecast", "--input", "in.csv")).build();
        List<String> argv = EngineProcess.commandLine(forecast, "engine.jar", List.of("-Xshare:auto"));
        assertThat(argv).containsSubsequence("-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar",
                "engine.jar", "forecast");
        for (String other : List.of("score", "version")) {
            EngineLaunch l = EngineLaunch.builder(other, c.workspace(), c.get(Launcher.class), c.listener(), jar, options())
                    .args(List.of(other)).build();
            assertThat(EngineProcess.commandLine(l, "engine.jar", List.of())).as(other).doesNotContain("-XX:TieredStopAtLevel=1");
        }
        // the M4 benchmark measures the engine as the steps launch it: its JVM gets the same JIT options
        String m4 = Files.readString(io.jenkins.plugins.influxforecast.RepoFiles.path("test-harness/bench/m4.sh"));
        for (String option : EngineProcess.CLIENT_COMPILER) {
            assertThat(m4).contains(option);
        }
    }
}
