package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import java.util.List;

/**
 * extract-summary.json, the contract between the extract stage and whatever reads its outcome (the
 * {@code influxExtract} step's returned map, a user's script). Written from and read into this
 * record with the one Gson of files/Json; a null component is absent from the file (a failed
 * extract has command, status, error and server only).
 *
 * @param command  always {@code extract}
 * @param status   {@code ok} or {@code failed}
 * @param error    why the extract failed
 * @param series   series written to the CSV
 * @param shard    the share {@code i/N} this extract kept ({@code --shard}), absent without one
 * @param seriesInQuery series the query answered before the shard kept its share, absent without a shard
 * @param points   points written
 * @param gaps     gaps kept (missing values on the series' grid)
 * @param output   the CSV written
 * @param language {@code influxql} or {@code flux}
 * @param query    the query as sent
 * @param server   the server's URL (never a credential)
 * @param warnings dropped empty values, server messages
 * @param millis   wall time of the extract
 */
public record ExtractSummary(String command, String status, String error, Integer series, String shard, Long seriesInQuery,
        Long points, Long gaps, String output,
        String language, String query, String server, List<String> warnings, Long millis) {

    public ExtractSummary {
        warnings = warnings == null ? null : List.copyOf(warnings);
    }

    static ExtractSummary failed(String error, String server) {
        return new ExtractSummary("extract", "failed", error, null, null, null, null, null, null, null, null, server, null, null);
    }

    static ExtractSummary ok(ExtractResult r, String server, String shard, Long seriesInQuery) {
        return new ExtractSummary("extract", "ok", null, r.series(), shard, seriesInQuery, r.points(), r.gaps(), r.output().toString(), r.language(),
                r.query(), server, r.warnings(), r.millis());
    }

    /** Parses the text of an extract-summary.json; throws IllegalArgumentException when it is not one. */
    public static ExtractSummary parse(String json) {
        ExtractSummary s = Json.fromJson(json, ExtractSummary.class);
        if (s == null || !"extract".equals(s.command()) || s.status() == null) {
            throw new IllegalArgumentException("not an extract-summary.json of the forecast engine: no command \"extract\" or no status");
        }
        return s;
    }
}
