package io.jenkins.plugins.influxforecast.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Temporary files beside the file they become: {@code .<name>.<pid>-<random><suffix>}. They are
 * created like any new file (mode 0666 less the umask, as the final files are, not 0600 as
 * {@link Files#createTempFile} makes them), and they carry the engine's process id, so the next
 * run removes those of a process that is gone (killed with SIGKILL, out of memory) and leaves
 * those of a running one alone.
 */
public final class TempFiles {

    private TempFiles() {
    }

    /** Creates an empty temporary file in {@code target}'s folder, named after {@code target}. */
    public static Path createBeside(Path target, String suffix) throws IOException {
        Path abs = target.toAbsolutePath();
        String prefix = prefix(abs);
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path p = abs.resolveSibling(prefix + pid + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /**
     * Deletes the temporary files beside {@code target} (any suffix) whose process is gone; returns
     * how many were deleted.
     */
    public static int removeLeftovers(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = prefix(abs);
        int removed = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = String.valueOf(p.getFileName());
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                if (TEMP_NAME.matcher(rest).matches() && !isAlive(pidIn(rest))) {
                    ExitCleanup.deleteQuietly(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** What follows the prefix: {@code <pid>-<random>.<suffix>}, or an older engine's {@code <digits>.tmp}. */
    private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile("\\d+-[0-9a-z]+\\.[a-z]+|\\d+\\.tmp");

    private static String prefix(Path abs) {
        return "." + abs.getFileName() + ".";
    }

    /** The process id at the start of {@code rest} ({@code 1234-...}), or -1. */
    static long pidIn(String rest) {
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a process of this id runs on this machine; -1 (no id) is never alive. */
    static boolean isAlive(long pid) {
        return pid >= 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
