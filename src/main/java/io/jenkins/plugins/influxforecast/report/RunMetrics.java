package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import io.jenkins.plugins.influxforecast.files.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * metrics.json, the contract between the forecast and whatever reads its outcome (report.html, the
 * forecast step's summary and quality gate, a user's script). Written from and read into these
 * records with the one Gson of files/Json; absent fields (older files, failed series) read as null.
 *
 * @param engine     the engine that wrote the file
 * @param input      the file forecast, with its checksum
 * @param parameters the request's resolved options (as given to the command line or the step)
 * @param summary    the run at a glance
 * @param series     one report per series read, in input order
 * @param outputs    the files of the output folder
 * @param timingsMs  wall time per phase in milliseconds (read, forecast, write, total)
 * @param live       live accuracy of the earlier runs, from a score run's score.json (null: none given)
 */
public record RunMetrics(
        Engine engine,
        Input input,
        Map<String, Object> parameters,
        RunSummary summary,
        List<SeriesReport> series,
        List<String> outputs,
        @SerializedName("timings_ms") Map<String, Long> timingsMs,
        Map<String, Object> live) {

    /** The engine's name and version. */
    public record Engine(String name, String version) {
    }

    /** The input file: path as given, size, SHA-256, the CSV dialect read and the rows. */
    public record Input(String file, long bytes, String sha256, String format, long rows) {
    }

    public RunMetrics {
        series = series == null ? List.of() : series.stream().filter(java.util.Objects::nonNull).toList();
        outputs = outputs == null ? List.of() : outputs.stream().filter(java.util.Objects::nonNull).toList();
        parameters = parameters == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        timingsMs = timingsMs == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
        series = series == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(series));
        outputs = outputs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(outputs));
        live = live == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(live));
    }

    public RunMetrics(Engine engine, Input input, Map<String, Object> parameters, RunSummary summary, List<SeriesReport> series,
            List<String> outputs, Map<String, Long> timingsMs) {
        this(engine, input, parameters, summary, series, outputs, timingsMs, null);
    }

    public RunMetrics withTimings(Map<String, Long> timings) {
        return new RunMetrics(engine, input, parameters, summary, series, outputs, timings, live);
    }

    public void write(Path file) throws IOException {
        Json.write(file, this);
    }

    public static RunMetrics read(Path file) throws IOException {
        return parse(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Parses the text of a metrics.json; throws IllegalArgumentException when it is not one. */
    public static RunMetrics parse(String json) {
        RunMetrics m = Json.fromJson(json, RunMetrics.class);
        if (m == null || m.summary() == null) {
            throw new IllegalArgumentException("not a metrics.json of the forecast engine: no summary");
        }
        return m;
    }
}
