package io.jenkins.plugins.influxforecast.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.jenkins.plugins.influxforecast.report.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The small JSON summaries the steps read back ({@code extract-summary.json}, {@code load-summary.json}). */
final class Summaries {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private Summaries() {
    }

    /**
     * Writes the summary of a run that failed with {@code failure}; when the summary cannot be
     * written either (the same unwritable folder, typically), the failure stays the error reported
     * and the summary's own error is attached to it as suppressed.
     */
    static void writeKeeping(Path file, Map<String, Object> summary, RuntimeException failure) {
        try {
            write(file, summary);
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Writes the map (insertion order kept) atomically. */
    static void write(Path file, Map<String, Object> summary) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, GSON.toJson(summary) + "\n", StandardCharsets.UTF_8);
            OutputFolder.moveAtomically(tmp, abs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
