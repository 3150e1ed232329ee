package io.jenkins.plugins.influxforecast.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Deletes an engine run's temporary files when the JVM is stopped before the run could (an aborted
 * build or a step's timeout ends the engine with SIGTERM, which runs shutdown hooks but no
 * {@code finally}): otherwise half-written files would stay in the workspace, hidden but archived
 * by {@code archiveArtifacts 'forecast/**'}. {@link #close()} when the run has cleaned up itself.
 */
public final class ExitCleanup implements AutoCloseable {

    private final Thread hook;

    private ExitCleanup(Supplier<? extends Collection<Path>> paths) {
        this.hook = new Thread(() -> paths.get().forEach(ExitCleanup::deleteQuietly), "influx-forecast-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Deletes the paths the supplier gives at that moment (files, or folders with all they hold) on exit. */
    public static ExitCleanup deleting(Supplier<? extends Collection<Path>> paths) {
        return new ExitCleanup(paths);
    }

    /** Deletes a file, or a folder and everything in it; what cannot be deleted stays. */
    public static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the JVM is stopping, or another process holds the file
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already stopping: the hook runs
        }
    }
}
