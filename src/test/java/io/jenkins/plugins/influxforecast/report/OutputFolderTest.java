package io.jenkins.plugins.influxforecast.report;

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
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("forecast.csv", "metrics.json");
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
    void moveAtomicallyReplacesTheTarget() throws IOException {
        Path from = Files.writeString(dir.resolve(".summary.tmp"), "new");
        Path to = Files.writeString(dir.resolve("summary.json"), "old");
        OutputFolder.moveAtomically(from, to);
        assertThat(from).doesNotExist();
        assertThat(Files.readString(to)).isEqualTo("new");
    }
}
