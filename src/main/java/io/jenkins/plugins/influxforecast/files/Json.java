package io.jenkins.plugins.influxforecast.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Deterministic JSON for metrics.json and summaries: insertion order is kept, non-finite numbers
 * become null, whole numbers print without a fraction.
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeNulls()
            .registerTypeAdapter(Double.class, (JsonSerializer<Double>) (d, t, c) -> number(d))
            .registerTypeAdapter(Float.class, (JsonSerializer<Float>) (f, t, c) -> number(f.doubleValue()))
            .create();

    private Json() {
    }

    private static JsonElement number(double d) {
        if (!Double.isFinite(d)) {
            return JsonNull.INSTANCE;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return new JsonPrimitive((long) d);
        }
        return new JsonPrimitive(d);
    }

    public static String toJson(Object value) {
        return GSON.toJson(value) + "\n";
    }

    public static void write(Path file, Map<String, ?> value) throws IOException {
        Files.writeString(file, toJson(value), StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code value} to {@code file} atomically (a temporary file in the same folder, then a
     * rename): a reader sees the previous content or the new one, never a part. Temporary files that
     * a killed run left beside {@code file} are removed first.
     */
    public static void writeAtomically(Path file, Object value) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            TempFiles.removeLeftovers(abs);
            Path tmp = TempFiles.createBeside(abs, ".tmp");
            try {
                Files.writeString(tmp, toJson(value), StandardCharsets.UTF_8);
                OutputFolder.moveAtomically(tmp, abs);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the summary of a run that failed with {@code failure}; when it cannot be written either
     * (the same unwritable folder, typically), the failure stays the error reported and the write's
     * own error is attached to it as suppressed.
     */
    public static void writeAtomicallyKeeping(Path file, Object value, RuntimeException failure) {
        try {
            writeAtomically(file, value);
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Reads a JSON object into maps, lists, strings, doubles and booleans. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Map.class);
    }
}
