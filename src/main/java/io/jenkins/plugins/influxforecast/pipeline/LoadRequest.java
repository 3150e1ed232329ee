package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.LineProtocolLoader;
import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** What to load: the connection, the line-protocol file, how to write it and where the summary goes. */
public record LoadRequest(InfluxConnection connection, Path input, LineProtocolLoader.Options options,
        boolean unstableOnFailure, Path summary, boolean gzip) {

    public LoadRequest(InfluxConnection connection, Path input, LineProtocolLoader.Options options, boolean unstableOnFailure,
            Path summary) {
        this(connection, input, options, unstableOnFailure, summary, true);
    }


    public LoadRequest {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        summary = summary != null ? summary : input.toAbsolutePath().resolveSibling("load-summary.json");
    }

    /** From option values keyed by step parameter name (see {@link Commands#LOAD}). */
    public static LoadRequest fromOptions(Map<String, ?> values, Map<String, String> env, Path workDir) {
        InfluxConnection connection = InfluxOptions.connection(values, env);
        Path input = workDir.resolve(InfluxOptions.stringOr(values, "input", "forecast.lp"));
        LineProtocolLoader.Options options = new LineProtocolLoader.Options(
                InfluxOptions.integer(values, "batchSize", LineProtocolLoader.Options.DEFAULT_BATCH_SIZE),
                Precision.parse(InfluxOptions.stringOr(values, "precision", "ns")), InfluxOptions.retry(values),
                InfluxOptions.bool(values, "dryRun"),
                InfluxOptions.integer(values, "concurrency", LineProtocolLoader.Options.DEFAULT_CONCURRENCY));
        String summary = InfluxOptions.string(values, "summary");
        return new LoadRequest(connection, input, options, InfluxOptions.bool(values, "unstableOnFailure"),
                summary == null ? null : workDir.resolve(summary), !InfluxOptions.bool(values, "noGzip"));
    }
}
