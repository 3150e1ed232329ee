package io.jenkins.plugins.influxforecast.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set of outputs in a folder: committed whole, rolled back whole, checked whole by load. */
class OutputFolderSetTest {

    @TempDir
    Path dir;

    @AfterEach
    void noHook() {
        OutputFolder.stepHook = op -> { };
    }

    private static final List<String> NAMES = List.of("forecast.csv", "forecast.lp", "metrics.json");

    /** Commits a set whose files say {@code tag}; returns the folder. */
    private Path commit(Path folder, String tag, List<String> names) throws IOException {
        try (OutputFolder out = new OutputFolder(folder)) {
            for (String n : names) {
                Files.writeString(out.stage(n), n.endsWith(".lp") ? "m value=" + tag.length() + " 1700000000000000000\n" : tag + " " + n);
            }
            assertThat(out.commit()).containsExactlyElementsOf(names.stream().map(n -> folder.toAbsolutePath().resolve(n)).toList());
        }
        return folder;
    }

    private static String content(Path folder) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                sb.append(n).append(n.equals(OutputFolder.MANIFEST) ? "" : "=" + Files.readString(p)).append(';');
            }
        }
        return sb.toString();
    }

    @Test
    void theManifestListsEveryFileWithItsSha256() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", NAMES);
        Map<String, Object> manifest = Json.read(folder.resolve(OutputFolder.MANIFEST));
        assertThat(manifest).containsKeys("run", "written", "files");
        @SuppressWarnings("unchecked")
        Map<String, String> files = (Map<String, String>) manifest.get("files");
        assertThat(files.keySet()).containsExactlyElementsOf(NAMES);
        for (String n : NAMES) {
            assertThat(files.get(n)).isEqualTo(OutputFolder.sha256(folder.resolve(n))).hasSize(64);
        }
        OutputFolder.requireCompleteSet(folder.resolve("forecast.lp"));
        String first = (String) manifest.get("run");
        commit(folder, "b", NAMES);
        assertThat(Json.read(folder.resolve(OutputFolder.MANIFEST)).get("run")).isNotEqualTo(first);
    }

    @Test
    void aCommitThatFailsAtAnyStepPutsThePreviousSetBack() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", NAMES);
        String before = content(folder);
        String manifest = Files.readString(folder.resolve(OutputFolder.MANIFEST));
        for (int k = 1; k <= 8; k++) {
            AtomicInteger steps = new AtomicInteger();
            int failAt = k;
            OutputFolder.stepHook = op -> {
                if (steps.incrementAndGet() == failAt) {
                    throw new IllegalStateException("disk full (test)");
                }
            };
            try (OutputFolder out = new OutputFolder(folder)) {
                for (String n : NAMES) {
                    Files.writeString(out.stage(n), "b " + n);
                }
                assertThatThrownBy(out::commit).as("step " + k).hasMessage("disk full (test)");
            } finally {
                OutputFolder.stepHook = op -> { };
            }
            assertThat(content(folder)).as("step " + k).isEqualTo(before);
            assertThat(Files.readString(folder.resolve(OutputFolder.MANIFEST))).isEqualTo(manifest);
            OutputFolder.requireCompleteSet(folder.resolve("forecast.lp"));
        }
    }

    @Test
    void aCommitIsTheseFileOperationsInThisOrder() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", List.of("forecast.csv", "extra.txt"));
        List<String> ops = new java.util.ArrayList<>();
        OutputFolder.stepHook = ops::add;
        try (OutputFolder out = new OutputFolder(folder)) {
            Files.writeString(out.stage("forecast.csv"), "b");
            Files.writeString(out.stage("forecast.lp"), "m value=1 1\n");
            out.commit();
        }
        assertThat(ops).containsExactly("write the commit record", "place the commit record", "keep the previous forecast.csv",
                "put forecast.csv in place", "put forecast.lp in place", "remove the previous extra.txt",
                "turn the commit record into the manifest", "remove the staging folder");
    }

    @Test
    void aFailedCommitRemovesTheFilesThePreviousSetDidNotHave() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", List.of("forecast.csv"));
        String before = content(folder);
        for (int k = 3; k <= 5; k++) {
            AtomicInteger steps = new AtomicInteger();
            int failAt = k;
            OutputFolder.stepHook = op -> {
                if (steps.incrementAndGet() == failAt) {
                    throw new IllegalStateException("disk full (test)");
                }
            };
            try (OutputFolder out = new OutputFolder(folder)) {
                Files.writeString(out.stage("forecast.csv"), "b");
                Files.writeString(out.stage("forecast.lp"), "m value=1 1\n");
                assertThatThrownBy(out::commit).hasMessage("disk full (test)");
            } finally {
                OutputFolder.stepHook = op -> { };
            }
            assertThat(content(folder)).as("step " + k).isEqualTo(before);
        }
    }

    @Test
    void aRefusedRunNamesTheOwnersProcessAndHost() throws IOException {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).trim() : "this host";
        }
        try (OutputFolder first = new OutputFolder(dir.resolve("out"))) {
            assertThat(Files.readString(dir.resolve("out").resolve(OutputFolder.LOCK)))
                    .startsWith(ProcessHandle.current().pid() + "@" + host + " since ");
            assertThatThrownBy(() -> new OutputFolder(dir.resolve("out"))).hasMessageContaining(
                    "(process " + ProcessHandle.current().pid() + "@" + host + " since ");
        }
        // released: the next run takes the folder, and the lock file is gone after it
        try (OutputFolder second = new OutputFolder(dir.resolve("out"))) {
            assertThat(second.dir()).isEqualTo(dir.resolve("out").toAbsolutePath());
        }
        assertThat(dir.resolve("out").resolve(OutputFolder.LOCK)).doesNotExist();
    }

    @Test
    void filesOfThePreviousSetThatTheNewOneLacksAreRemoved() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", List.of("forecast.csv", "forecast.lp", "metrics.json", "extra.txt"));
        Files.writeString(folder.resolve("mine.txt"), "the user's");
        commit(folder, "b", NAMES);
        assertThat(content(folder)).doesNotContain("extra.txt").contains("mine.txt=the user's").contains("forecast.csv=b forecast.csv");
        OutputFolder.requireCompleteSet(folder.resolve("forecast.lp"));
    }

    @Test
    void loadRefusesAMixAnInterruptedCommitAndAnUnreadableManifest() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", NAMES);
        Path lp = folder.resolve("forecast.lp");
        Files.writeString(folder.resolve("metrics.json"), "changed");
        assertThatThrownBy(() -> OutputFolder.requireCompleteSet(lp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(lp + " is part of a set of forecast outputs whose metrics.json differs from the one that run wrote (changed"
                        + " since, or left from another run): the folder does not hold one run's complete set of outputs; run forecast again");
        Files.delete(folder.resolve("metrics.json"));
        assertThatThrownBy(() -> OutputFolder.requireCompleteSet(lp)).hasMessageContaining("whose metrics.json is missing");
        // a file of the user's beside the outputs is not part of the set
        Path mine = Files.writeString(folder.resolve("mine.lp"), "m value=1 1\n");
        OutputFolder.requireCompleteSet(mine);

        Path other = commit(dir.resolve("other"), "a", NAMES);
        Files.writeString(other.resolve(OutputFolder.COMMITTING), "{}");
        assertThatThrownBy(() -> OutputFolder.requireCompleteSet(other.resolve("forecast.lp")))
                .hasMessageContaining("whose last forecast run was stopped while it put its outputs in place")
                .hasMessageContaining("run forecast again");
        Files.delete(other.resolve(OutputFolder.COMMITTING));
        Files.writeString(other.resolve(OutputFolder.MANIFEST), "{\"run\":");
        assertThatThrownBy(() -> OutputFolder.requireCompleteSet(other.resolve("forecast.lp")))
                .hasMessageContaining("the output folder's manifest " + OutputFolder.MANIFEST + " cannot be read");
        Files.writeString(other.resolve(OutputFolder.MANIFEST), "{\"run\":\"x\"}");
        assertThatThrownBy(() -> OutputFolder.requireCompleteSet(other.resolve("forecast.lp"))).hasMessageContaining("cannot be read");
        // no manifest: not a forecast's folder
        Files.delete(other.resolve(OutputFolder.MANIFEST));
        OutputFolder.requireCompleteSet(other.resolve("forecast.lp"));
    }

    @Test
    void theNextRunSaysWhenItReplacesAnInterruptedCommitAndRemovesItsRecord() throws IOException {
        Path folder = commit(dir.resolve("out"), "a", NAMES);
        Files.copy(folder.resolve(OutputFolder.MANIFEST), folder.resolve(OutputFolder.COMMITTING), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(folder.resolve("forecast.csv"), "half of another run");
        List<String> warnings = new java.util.ArrayList<>();
        try (OutputFolder out = new OutputFolder(folder, warnings::add)) {
            for (String n : NAMES) {
                Files.writeString(out.stage(n), "c " + n);
            }
            out.commit();
        }
        assertThat(warnings).containsExactly("the previous run into " + folder + " was stopped while it put its outputs in place;"
                + " they are replaced as a whole now");
        assertThat(folder.resolve(OutputFolder.COMMITTING)).doesNotExist();
        assertThat(content(folder)).contains("forecast.csv=c forecast.csv");
        OutputFolder.requireCompleteSet(folder.resolve("forecast.lp"));
        // and a run into a sound folder says nothing
        warnings.clear();
        try (OutputFolder out = new OutputFolder(folder, warnings::add)) {
            Files.writeString(out.stage("forecast.csv"), "d");
            out.commit();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void namesOfTheFoldersOwnFilesAreReservedAndACommittedFolderTakesNoMore() throws IOException {
        try (OutputFolder out = new OutputFolder(dir.resolve("out"))) {
            assertThatThrownBy(() -> out.stage(OutputFolder.MANIFEST)).hasMessageContaining("is reserved");
            Files.writeString(out.stage("a.csv"), "x");
            out.commit();
            assertThatThrownBy(() -> out.stage("b.csv")).hasMessage("already committed");
            assertThat(out.dir()).isEqualTo(dir.resolve("out").toAbsolutePath());
        }
    }
}
