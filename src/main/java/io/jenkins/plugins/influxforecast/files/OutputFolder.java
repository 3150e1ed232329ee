package io.jenkins.plugins.influxforecast.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a run's outputs atomically: every file is first written into a hidden staging folder
 * inside the output folder, and only when all are complete are they renamed into place. A run that
 * fails before {@link #commit()} leaves nothing behind; a failure during the renames puts back what
 * had been moved.
 */
public final class OutputFolder implements AutoCloseable {

    private final Path dir;
    private final Path staging;
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private final ExitCleanup cleanup;
    private boolean committed;

    /** Staging folders are named after the engine's process id, so a later run can tell a dead run's leftovers. */
    static final String STAGING_PREFIX = ".influx-forecast-staging-";

    public OutputFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
            removeLeftoversOfKilledRuns(this.dir);
            this.staging = Files.createTempDirectory(this.dir, STAGING_PREFIX + ProcessHandle.current().pid() + "-");
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written (" + e.getFile() + " is a file)");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written (" + e.getFile() + ": permission denied)");
        } catch (java.nio.file.FileSystemException e) {
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written (" + e.getFile() + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("output-dir " + dir + " cannot be created or written: " + e.getMessage());
        }
        this.cleanup = ExitCleanup.deleting(() -> java.util.List.of(staging));
    }

    /**
     * Deletes the staging folders of runs whose process is gone (killed with SIGKILL, e.g. out of
     * memory): their files are incomplete. A running process's folder is left alone.
     */
    private static void removeLeftoversOfKilledRuns(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = String.valueOf(p.getFileName());
                if (!name.startsWith(STAGING_PREFIX) || !Files.isDirectory(p)) {
                    continue;
                }
                String rest = name.substring(STAGING_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    pid = -1; // an older engine's folder, without a process id: incomplete all the same
                }
                boolean running = pid >= 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!running) {
                    ExitCleanup.deleteQuietly(p);
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** The staging path of an output file; write it completely, then call {@link #commit()}. */
    public Path stage(String name) {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        Path p = staging.resolve(name);
        staged.put(name, p);
        return p;
    }

    /** Moves every staged file into the output folder; returns their final paths. */
    public List<Path> commit() throws IOException {
        List<Path> moved = new ArrayList<>();
        Map<Path, Path> backups = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> e : staged.entrySet()) {
                Path target = dir.resolve(e.getKey());
                if (Files.exists(target)) {
                    Path backup = staging.resolve(".previous-" + e.getKey());
                    Files.move(target, backup, StandardCopyOption.REPLACE_EXISTING);
                    backups.put(target, backup);
                }
                moveAtomically(e.getValue(), target);
                moved.add(target);
            }
        } catch (IOException | RuntimeException ex) {
            for (Path m : moved) {
                Files.deleteIfExists(m);
            }
            for (Map.Entry<Path, Path> b : backups.entrySet()) {
                moveAtomically(b.getValue(), b.getKey());
            }
            throw ex;
        }
        committed = true;
        return moved;
    }

    /**
     * Renames {@code from} to {@code to}, replacing it, atomically where the file system can (readers
     * see the old file or the new one, never a part); a plain rename where it cannot. Every output of
     * the engine is put in place this way (the outputs here, the extract's CSV, the JSON summaries).
     */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the staging folder (and anything not committed). */
    @Override
    public void close() throws IOException {
        cleanup.close();
        ExitCleanup.deleteQuietly(staging);
        if (Files.exists(staging)) {
            throw new IOException("cannot remove the staging folder " + staging);
        }
    }
}
