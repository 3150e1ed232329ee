package io.jenkins.plugins.influxforecast.steps;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the engine wrote: metrics.json into its records ({@link #readMetrics}), and the small
 * JSON summaries of extract and load into plain JDK types
 * (LinkedHashMap, ArrayList, String, Long, Double, Boolean), which Pipeline can keep in the build
 * and which pass Jenkins' JEP-200 class filter. Long arrays are cut, so the map stays small.
 */
final class EngineSummary {

    /** Arrays longer than this are left out of the map (kept in the file). */
    static final int MAX_ARRAY = 100;

    private EngineSummary() {
    }

    static LinkedHashMap<String, Object> read(FilePath file) throws IOException, InterruptedException {
        if (!file.exists()) {
            throw new AbortException("the engine finished but wrote no " + file.getName() + " at " + file.getRemote());
        }
        JsonElement root;
        try (InputStream in = file.read(); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (RuntimeException e) {
            throw new AbortException("the engine's " + file.getName() + " is not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new AbortException("the engine's " + file.getName() + " is not a JSON object");
        }
        return toMap(root.getAsJsonObject());
    }

    /** Reads the forecast's metrics.json into its records (see report/RunMetrics). */
    static RunMetrics readMetrics(FilePath file) throws IOException, InterruptedException {
        if (!file.exists()) {
            throw new AbortException("the engine finished but wrote no " + file.getName() + " at " + file.getRemote());
        }
        try {
            return RunMetrics.parse(file.readToString());
        } catch (IllegalArgumentException e) {
            throw new AbortException("the engine's " + file.getName() + " cannot be read: " + e.getMessage());
        }
    }

    static LinkedHashMap<String, Object> toMap(JsonObject o) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            Object v = toJava(e.getValue());
            if (v != OMIT) {
                m.put(e.getKey(), v);
            }
        }
        return m;
    }

    private static final Object OMIT = new Object();

    private static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            return toMap(e.getAsJsonObject());
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() > MAX_ARRAY) {
                return OMIT;
            }
            List<Object> list = new ArrayList<>(a.size());
            for (JsonElement x : a) {
                Object v = toJava(x);
                if (v != OMIT) {
                    list.add(v);
                }
            }
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String text = p.getAsString();
            if (text.matches("-?\\d{1,18}")) {
                return Long.parseLong(text);
            }
            return p.getAsDouble();
        }
        return p.getAsString();
    }
}
