package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.InfluxQlSource;
import io.jenkins.plugins.influxforecast.influx.RetryPolicy;
import io.jenkins.plugins.influxforecast.influx.SeriesQuery;
import io.jenkins.plugins.influxforecast.influx.Shard;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to extract: the connection, exactly one of a raw InfluxQL query, a raw Flux query or a
 * structured query, and where the CSV and the summary go; with a {@link Shard}, only the series
 * of that shard are written.
 */
public record ExtractRequest(InfluxConnection connection, String query, String flux, SeriesQuery structured,
        String valueColumn, int chunkSize, Path output, Path summary, RetryPolicy retry, Shard shard) {

    /** Without a shard: every series of the answer. */
    public ExtractRequest(InfluxConnection connection, String query, String flux, SeriesQuery structured,
            String valueColumn, int chunkSize, Path output, Path summary, RetryPolicy retry) {
        this(connection, query, flux, structured, valueColumn, chunkSize, output, summary, retry, null);
    }

    public ExtractRequest {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(output, "output");
        int given = (query != null ? 1 : 0) + (flux != null ? 1 : 0) + (structured != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of query (raw InfluxQL), flux (raw Flux) or measurement"
                    + " (structured query), got " + (given == 0 ? "none" : given));
        }
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new IllegalArgumentException("chunkSize must be between 1 and 1000000, got " + chunkSize);
        }
        summary = summary != null ? summary : output.toAbsolutePath().resolveSibling("extract-summary.json");
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }

    /** The text of option {@code name}, or of the file named by option {@code fileOption} (not both). */
    private static String fromFile(Map<String, ?> values, String name, String fileOption, Path workDir) {
        String text = InfluxOptions.string(values, name);
        String file = InfluxOptions.string(values, fileOption);
        if (file == null) {
            return text;
        }
        if (text != null) {
            throw new IllegalArgumentException("give " + name + " or " + fileOption + ", not both");
        }
        Path p = workDir.resolve(file);
        try {
            String content = java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                throw new IllegalArgumentException(fileOption + " '" + file + "' is empty");
            }
            return content;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(fileOption + " '" + file + "' cannot be read: " + e.getMessage());
        }
    }

    /** From option values keyed by step parameter name (see {@link Commands#EXTRACT}). */
    public static ExtractRequest fromOptions(Map<String, ?> values, Map<String, String> env, Path workDir) {
        InfluxConnection connection = InfluxOptions.connection(values, env);
        String query = fromFile(values, "query", "queryFile", workDir);
        String flux = fromFile(values, "flux", "fluxFile", workDir);
        String measurement = InfluxOptions.string(values, "measurement");
        boolean structuredOptions = InfluxOptions.string(values, "aggregate") != null
                || InfluxOptions.string(values, "window") != null || InfluxOptions.string(values, "start") != null
                || InfluxOptions.string(values, "end") != null || InfluxOptions.string(values, "last") != null
                || !InfluxOptions.list(values, "where").isEmpty() || !InfluxOptions.list(values, "groupBy").isEmpty();
        SeriesQuery structured = null;
        if (measurement != null) {
            structured = new SeriesQuery(measurement, InfluxOptions.stringOr(values, "field", "value"),
                    InfluxOptions.list(values, "where").stream().map(SeriesQuery.TagFilter::parse).toList(),
                    InfluxOptions.string(values, "aggregate"), InfluxOptions.string(values, "window"),
                    InfluxOptions.string(values, "start"), InfluxOptions.string(values, "end"),
                    InfluxOptions.integerOrNull(values, "last"), InfluxOptions.list(values, "groupBy"));
        } else if (structuredOptions) {
            throw new IllegalArgumentException("where, aggregate, window, start, end, last and groupBy belong to a structured"
                    + " query: give measurement too (a raw query says all of that itself)");
        }
        Path output = workDir.resolve(InfluxOptions.stringOr(values, "output", "influx.csv"));
        String summary = InfluxOptions.string(values, "summary");
        return new ExtractRequest(connection, query, flux, structured, InfluxOptions.string(values, "valueColumn"),
                InfluxOptions.integer(values, "chunkSize", InfluxQlSource.DEFAULT_CHUNK_SIZE), output,
                summary == null ? null : workDir.resolve(summary), InfluxOptions.retry(values),
                InfluxOptions.string(values, "shard") == null ? null : Shard.parse("shard", InfluxOptions.string(values, "shard")));
    }
}
