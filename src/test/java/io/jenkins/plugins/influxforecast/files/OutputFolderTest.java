package io.jenkins.plugins.influxforecast.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear complete or not at all. */
class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void committedFilesReplaceTheOldOnesAndNothingElseStays() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("forecast.csv"), "old");
        try (OutputFolder folder = new OutputFolder(out)) {
            Files.writeString(folder.stage("forecast.csv"), "new");
            Files.writeString(folder.stage("metrics.json"), "{}");
            assertThat(Files.readString(out.resolve("forecast.csv"))).isEqualTo("old");
            assertThat(out.resolve("metrics.json")).doesNotExist();
            folder.commit();
        }
        assertThat(Files.readString(out.resolve("forecast.csv"))).isEqualTo("new");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("forecast.csv", "metrics.json",
                    OutputFolder.MANIFEST);
        }
    }

    @Test
    void aRunThatDoesNotCommitLeavesTheFolderAsItWas() throws IOException {
        Path out = dir.resolve("out");
        try (OutputFolder folder = new OutputFolder(out)) {
            Files.writeString(folder.stage("forecast.csv"), "half");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void leftoversOfAKilledRunAreRemovedThoseOfARunningOneKept() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Process gone = new ProcessBuilder(javaBinary(), "-version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path dead = Files.createDirectories(out.resolve(OutputFolder.STAGING_PREFIX + gone.pid() + "-123"));
        Files.writeString(dead.resolve("forecast.csv"), "half");
        Path old = Files.createDirectories(out.resolve(OutputFolder.STAGING_PREFIX + "4567890123"));
        Path running = Files.createDirectories(out.resolve(OutputFolder.STAGING_PREFIX + ProcessHandle.current().pid() + "-9"));
        try (OutputFolder folder = new OutputFolder(out)) {
            assertThat(dead).doesNotExist();
            assertThat(old).doesNotExist();
            assertThat(running).isDirectory();
        }
    }

    @Test
    void aStoppedEngineLeavesNoHalfWrittenFiles() throws Exception {
        // SIGTERM (an aborted build, a step's timeout) runs shutdown hooks but no finally block
        Path out = dir.resolve("out");
        // stderr apart: with JAVA_TOOL_OPTIONS set the JVM's first line there is "Picked up ..."
        Process p = holder(out);
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("staged");
            try (Stream<Path> files = Files.walk(out)) {
                // the half-written forecast and extract CSV, and the folder's lock
                assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                        .hasSize(3).contains(OutputFolder.LOCK, "forecast.csv");
            }
            p.destroy();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    static Process holder(Path out) throws IOException {
        return new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"), Holder.class.getName(), out.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A run that stages a file, starts an extract CSV and waits to be stopped. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path out = Path.of(args[0]);
            OutputFolder folder = new OutputFolder(out);
            Files.writeString(folder.stage("forecast.csv"), "time,value\n");
            io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter csv = new io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter(
                    out.resolve("input.csv"));
            csv.beginSeries("m", java.util.Map.of());
            System.out.println("staged");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void aSecondRunIntoTheFolderIsRefusedWhileTheFirstRunsAndTakesOverOnceItIsKilled() throws Exception {
        Path out = dir.resolve("out");
        Process first = holder(out);
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("staged");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutputFolder(out))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("output-dir " + out + " is being written by another run (process " + first.pid() + "@")
                    .hasMessageContaining("wait for it, or give another output folder");
            // within one process as well
            try (OutputFolder mine = new OutputFolder(dir.resolve("other"))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutputFolder(dir.resolve("other")))
                        .hasMessageContaining("is being written by another run (process " + ProcessHandle.current().pid() + "@");
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook; the lock file stays, unlocked
            assertThat(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(out.resolve(OutputFolder.LOCK)).exists();
        assertThat(out.resolve(".input.csv." + first.pid() + "-")).doesNotExist();
        try (OutputFolder second = new OutputFolder(out)) {
            Files.writeString(second.stage("forecast.csv"), "time,value\n");
            second.commit();
        }
        // the dead run's staging folder and lock are gone; its extract's temporary file goes with the next extract
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".input.csv.")))
                    .containsExactlyInAnyOrder("forecast.csv", OutputFolder.MANIFEST);
        }
        try (io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter csv = new io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter(
                out.resolve("input.csv"))) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".input.csv.")))
                        .singleElement().asString().startsWith(".input.csv." + ProcessHandle.current().pid() + "-");
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("forecast.csv", OutputFolder.MANIFEST);
        }
    }

    @Test
    void temporaryFilesOfDeadRunsAreRemovedThoseOfLiveOnesAndOtherFilesKept() throws Exception {
        Process gone = new ProcessBuilder(javaBinary(), "-version").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path summary = dir.resolve("load-summary.json");
        Path dead = Files.writeString(dir.resolve(".load-summary.json." + gone.pid() + "-k3x.tmp"), "{\"status\":");
        Path older = Files.writeString(dir.resolve(".load-summary.json.8123456789012345678.tmp"), "{");
        Path live = Files.writeString(dir.resolve(".load-summary.json." + ProcessHandle.current().pid() + "-z9.tmp"), "{");
        Path users = Files.writeString(dir.resolve(".load-summary.json.bak"), "mine");
        Json.writeAtomically(summary, java.util.Map.of("status", "ok"));
        assertThat(dead).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(live).exists();
        assertThat(users).exists();
        assertThat(Json.read(summary)).containsEntry("status", "ok");
    }

    @Test
    void moveAtomicallyReplacesTheTarget() throws IOException {
        Path from = Files.writeString(dir.resolve(".summary.tmp"), "new");
        Path to = Files.writeString(dir.resolve("summary.json"), "old");
        OutputFolder.moveAtomically(from, to);
        assertThat(from).doesNotExist();
        assertThat(Files.readString(to)).isEqualTo("new");
    }
}
