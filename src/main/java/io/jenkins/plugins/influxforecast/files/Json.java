package io.jenkins.plugins.influxforecast.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializer;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Deterministic JSON for metrics.json and summaries: insertion order is kept, non-finite numbers
 * become null, whole numbers print without a fraction. A map keeps its null values ({@code "max_gap":
 * null}); a record leaves its null components out, so optional parts of a contract are absent rather
 * than null.
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeNulls()
            .registerTypeAdapter(Double.class, (JsonSerializer<Double>) (d, t, c) -> number(d))
            .registerTypeAdapter(double.class, (JsonSerializer<Double>) (d, t, c) -> number(d))
            .registerTypeAdapterFactory(new NullsPolicy())
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

    public static void write(Path file, Object value) throws IOException {
        Files.writeString(file, toJson(value), StandardCharsets.UTF_8);
    }

    /** Reads JSON text into {@code type} (a record, typically); IllegalArgumentException when it is not valid JSON. */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return GSON.fromJson(json, type);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("invalid JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code value} to {@code file} atomically (a temporary file in the same folder, then a
     * rename): a reader sees the previous content or the new one, never a part.
     */
    public static void writeAtomically(Path file, Object value) {
        try {
            Path abs = file.toAbsolutePath();
            Path dir = abs.getParent();
            if (dir == null || abs.getFileName() == null) {
                throw new IOException("not a file path: " + file);
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, toJson(value), StandardCharsets.UTF_8);
            OutputFolder.moveAtomically(tmp, abs);
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

    /** Records leave null components out; maps keep null values (whatever the enclosing writer does). */
    private static final class NullsPolicy implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            boolean map = Map.class.isAssignableFrom(raw);
            if (!raw.isRecord() && !map) {
                return null;
            }
            TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            return new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, T value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                        return;
                    }
                    boolean before = out.getSerializeNulls();
                    out.setSerializeNulls(map);
                    try {
                        delegate.write(out, value);
                    } finally {
                        out.setSerializeNulls(before);
                    }
                }

                @Override
                public T read(JsonReader in) throws IOException {
                    return delegate.read(in);
                }
            };
        }
    }
}
