package io.jenkins.plugins.influxforecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules for the tests themselves: a hang is caught by a JUnit {@code @Timeout} and a speed by a
 * benchmark, never by an assertion on elapsed time (which fails on a busy machine and proves
 * nothing on an idle one).
 */
class TestHygieneTest {

    /** An assertion whose subject is a clock reading, or a start time kept for one. */
    private static final Pattern ELAPSED = Pattern.compile(
            "assertThat\\([^;]*(nanoTime|currentTimeMillis)\\(\\)");

    @Test
    void noTestAssertsOnElapsedTime() throws IOException {
        List<String> found = new ArrayList<>();
        Path tests = RepoFiles.path("src/test/java");
        try (Stream<Path> files = Files.walk(tests)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.toString().contains("/bench/") || f.endsWith("TestHygieneTest.java")) {
                    continue; // benchmarks measure time on purpose; this file holds examples of the pattern
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (ELAPSED.matcher(lines.get(i)).find()) {
                        found.add(tests.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(ELAPSED.matcher("assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);").find()).isTrue();
        assertThat(ELAPSED.matcher("assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));").find())
                .isTrue();
    }

    @Test
    void repositoryFilesAreFoundWhateverTheWorkingDirectory() {
        assertThat(RepoFiles.root().resolve("pom.xml")).isRegularFile();
        assertThat(RepoFiles.path("src/test/resources/input/parking-influx1.csv")).isRegularFile();
        assertThat(RepoFiles.root()).isAbsolute();
    }
}
