package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter;
import io.jenkins.plugins.influxforecast.influx.FluxSource;
import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.InfluxException;
import io.jenkins.plugins.influxforecast.influx.InfluxQl;
import io.jenkins.plugins.influxforecast.influx.InfluxQlSource;
import io.jenkins.plugins.influxforecast.influx.InfluxVersion;
import io.jenkins.plugins.influxforecast.influx.QueryAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The extract stage: runs the query (InfluxQL on 1.x and 3.x, and on 2.x through its v1 API;
 * Flux on 2.x), streams the answer into the CSV the forecast stage reads, and writes
 * {@code extract-summary.json}. An answer without any value is an error, never an empty series.
 */
public final class ExtractRunner {

    private ExtractRunner() {
    }

    public static ExtractResult run(ExtractRequest request, Consumer<String> log) {
        try {
            return extract(request, log);
        } catch (RuntimeException e) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", "extract");
            summary.put("status", "failed");
            summary.put("error", e.getMessage());
            summary.put("server", request.connection().url().toString());
            Json.writeAtomicallyKeeping(request.summary(), summary, e);
            throw e;
        }
    }

    private static ExtractResult extract(ExtractRequest request, Consumer<String> log) {
        long t0 = System.nanoTime();
        InfluxConnection c = request.connection();
        String language;
        String text;
        if (request.flux() != null) {
            if (c.version() != InfluxVersion.V2) {
                throw new IllegalArgumentException("flux needs InfluxDB 2.x (influxVersion 2), got influxVersion "
                        + c.version().number() + "; use query (InfluxQL)");
            }
            language = "flux";
            text = request.flux();
        } else if (request.query() != null) {
            InfluxQl.checkReadOnly(request.query());
            language = "influxql";
            text = request.query();
        } else if (c.version() == InfluxVersion.V2 && c.bucket() != null) {
            language = "flux";
            text = request.structured().toFlux(c.bucket());
        } else {
            language = "influxql";
            text = request.structured().toInfluxQl();
        }
        log.accept("extract from " + c.describe());
        log.accept("query (" + language + "): " + text);
        QueryAnswer answer;
        List<String> warnings = new ArrayList<>();
        ExtractResult result;
        try (ExtractCsvWriter csv = new ExtractCsvWriter(request.output())) {
            if (language.equals("flux")) {
                try (FluxSource source = new FluxSource(c, request.retry(), log)) {
                    answer = source.query(text, csv);
                }
            } else {
                answer = new InfluxQlSource(c, request.retry(), log).query(text, request.valueColumn(), request.chunkSize(), csv);
            }
            csv.endSeries();
            answer.messages().forEach(m -> warnings.add("InfluxDB: " + m));
            warnings.addAll(csv.warnings());
            warnings.forEach(w -> StageLog.warning(log, w));
            if (csv.pointCount() == 0) {
                String why = answer.series() == 0
                        ? "the query returned no series (the database exists; is the measurement, field or tag value"
                                + " absent, or the time range empty?)"
                        : "the query returned " + answer.series() + " series but only empty values";
                throw new InfluxException("nothing to forecast: " + why + ": " + text, 200);
            }
            csv.commit();
            result = new ExtractResult(csv.seriesCount(), csv.pointCount(), csv.gapCount(), request.output(), language, text,
                    warnings, (System.nanoTime() - t0) / 1_000_000);
        }
        log.accept("extracted " + result.points() + " point(s) in " + result.series() + " series to " + result.output()
                + " in " + result.millis() + " ms");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "extract");
        summary.put("status", "ok");
        summary.put("series", result.series());
        summary.put("points", result.points());
        summary.put("gaps", result.gaps());
        summary.put("output", result.output().toString());
        summary.put("language", language);
        summary.put("query", text);
        summary.put("server", c.url().toString());
        summary.put("warnings", result.warnings());
        summary.put("millis", result.millis());
        Json.writeAtomically(request.summary(), summary);
        return result;
    }
}
