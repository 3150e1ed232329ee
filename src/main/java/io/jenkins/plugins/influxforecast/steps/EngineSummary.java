package io.jenkins.plugins.influxforecast.steps;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.pipeline.ExtractSummary;
import io.jenkins.plugins.influxforecast.pipeline.LoadSummary;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the engine wrote into its records: metrics.json ({@link #readMetrics}), the small JSON
 * summaries of extract and load ({@link #readExtract}, {@link #readLoad}); {@link #toMap} turns a
 * summary into plain JDK types (LinkedHashMap, ArrayList, String, Long, Double, Boolean), which
 * Pipeline can keep in the build and which pass Jenkins' JEP-200 class filter. Long arrays are cut
 * to their first entries, so the map stays small (the file keeps them all).
 */
final class EngineSummary {

    /** Arrays are cut to this many entries in the map (the file keeps them all). */
    static final int MAX_ARRAY = 100;

    private EngineSummary() {
    }

    /** Reads the load stage's load-summary.json into its record (see pipeline/LoadSummary). */
    static LoadSummary readLoad(FilePath file) throws IOException, InterruptedException {
        return parse(file, LoadSummary::parse);
    }

    /** Reads the extract stage's extract-summary.json into its record (see pipeline/ExtractSummary). */
    static ExtractSummary readExtract(FilePath file) throws IOException, InterruptedException {
        return parse(file, ExtractSummary::parse);
    }

    /** Reads a summary the engine writes as plain JSON (score.json) into a map of JDK types. */
    static LinkedHashMap<String, Object> read(FilePath file) throws IOException, InterruptedException {
        return parse(file, text -> {
            JsonElement root;
            try {
                root = JsonParser.parseString(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return toMap(root.getAsJsonObject());
        });
    }

    private static <T> T parse(FilePath file, java.util.function.Function<String, T> parser) throws IOException, InterruptedException {
        if (!file.exists()) {
            throw new AbortException("the engine finished but wrote no " + file.getName() + " at " + file.getRemote());
        }
        try {
            return parser.apply(file.readToString());
        } catch (IllegalArgumentException e) {
            throw new AbortException("the engine's " + file.getName() + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * A summary record as the map a step returns: every component that is not null, under its name
     * in the file, so nothing the engine writes is left behind by a list of keys.
     */
    static LinkedHashMap<String, Object> toMap(Record summary) {
        return toMap(JsonParser.parseString(Json.toJson(summary)).getAsJsonObject());
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
            m.put(e.getKey(), toJava(e.getValue()));
        }
        return m;
    }

    private static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            return toMap(e.getAsJsonObject());
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            List<Object> list = new ArrayList<>(Math.min(a.size(), MAX_ARRAY));
            for (int i = 0; i < a.size() && i < MAX_ARRAY; i++) {
                list.add(toJava(a.get(i)));
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
