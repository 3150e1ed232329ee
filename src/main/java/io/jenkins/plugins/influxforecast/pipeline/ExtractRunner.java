package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter;
import io.jenkins.plugins.influxforecast.influx.Flux;
import io.jenkins.plugins.influxforecast.influx.FluxSource;
import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.InfluxException;
import io.jenkins.plugins.influxforecast.influx.InfluxQl;
import io.jenkins.plugins.influxforecast.influx.InfluxQlSource;
import io.jenkins.plugins.influxforecast.influx.InfluxVersion;
import io.jenkins.plugins.influxforecast.influx.PointSink;
import io.jenkins.plugins.influxforecast.influx.QueryAnswer;
import io.jenkins.plugins.influxforecast.influx.ShardFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The extract stage: runs the query (InfluxQL on 1.x and 3.x, and on 2.x through its v1 API;
 * Flux on 2.x), streams the answer into the CSV the forecast stage reads, and writes
 * {@code extract-summary.json}. An answer without any value is an error, never an empty series; with a
 * shard, only that shard's series are written, and a shard left without any of the answer's series
 * writes an empty CSV (with a warning) rather than failing.
 */
public final class ExtractRunner {

    private ExtractRunner() {
    }

    public static ExtractResult run(ExtractRequest request, Consumer<String> log) {
        try {
            return extract(request, log);
        } catch (RuntimeException e) {
            Json.writeAtomicallyKeeping(request.summary(), ExtractSummary.failed(e.getMessage(), request.connection().url().toString()), e);
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
            Flux.checkReadOnly(request.flux());
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
        ShardFilter shardFilter = null;
        try (ExtractCsvWriter csv = new ExtractCsvWriter(request.output())) {
            PointSink sink = csv;
            if (request.shard() != null) {
                shardFilter = new ShardFilter(request.shard(), csv);
                sink = shardFilter;
            }
            if (language.equals("flux")) {
                try (FluxSource source = new FluxSource(c, request.retry(), log)) {
                    answer = source.query(text, sink);
                }
            } else {
                answer = new InfluxQlSource(c, request.retry(), log).query(text, request.valueColumn(), request.chunkSize(), sink);
            }
            sink.endSeries();
            answer.messages().forEach(m -> warnings.add("InfluxDB: " + m));
            warnings.addAll(csv.warnings());
            if (shardFilter != null) {
                log.accept("shard " + request.shard() + ": " + shardFilter.keptSeries() + " of "
                        + (shardFilter.keptSeries() + shardFilter.droppedSeries()) + " series");
                if (shardFilter.keptSeries() == 0 && shardFilter.droppedSeries() > 0) {
                    // the other shards hold every series: an empty share is not an error
                    warnings.add("shard " + request.shard() + " holds none of the query's " + shardFilter.droppedSeries()
                            + " series; nothing to forecast in this shard");
                }
            }
            warnings.forEach(w -> StageLog.warning(log, w));
            boolean emptyShare = shardFilter != null && shardFilter.keptSeries() == 0 && shardFilter.droppedSeries() > 0;
            if (csv.pointCount() == 0 && !emptyShare) {
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
        Json.writeAtomically(request.summary(), ExtractSummary.ok(result, c.url().toString(),
                shardFilter == null ? null : request.shard().toString(),
                shardFilter == null ? null : (long) (shardFilter.keptSeries() + shardFilter.droppedSeries())));
        return result;
    }
}
