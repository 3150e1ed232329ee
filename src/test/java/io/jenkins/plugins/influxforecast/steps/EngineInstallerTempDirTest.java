package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine goes into Jenkins' temporary folder of the workspace (WorkspaceList.tempDir), not a
 * rebuilt {@code @tmp} path: a controller started with another workspace combinator
 * ({@code -Dhudson.slaves.WorkspaceList=_}) gets {@code <workspace>_tmp}. Runs in a JVM of its own,
 * since the combinator is read once when the class loads.
 */
class EngineInstallerTempDirTest {

    @Test
    @Timeout(60)
    void followsTheWorkspaceCombinatorOfTheController(@TempDir Path root) throws Exception {
        Path ws = root.resolve("job");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dhudson.slaves.WorkspaceList=_", "-cp", System.getProperty("java.class.path"),
                TempDirProbe.class.getName(), ws.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(root.resolve("job_tmp").toString());
        assertThat(EngineInstaller.tempDir(new hudson.FilePath(new File(ws.toString()))).getRemote())
                .isEqualTo(root.resolve("job@tmp").toString());
    }
}
