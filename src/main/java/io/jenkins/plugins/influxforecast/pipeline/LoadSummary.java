package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * load-summary.json, the contract between the load stage and whatever reads its outcome (the
 * {@code influxLoad} step's returned map, a user's script). Written from and read into this record
 * with the one Gson of files/Json; a null component is absent from the file.
 *
 * @param command       always {@code load}
 * @param status        {@code ok}, {@code dry-run}, {@code unstable} or {@code failed}
 * @param points        points in the file (absent when the file could not be read)
 * @param pointsWritten points InfluxDB confirmed
 * @param batches       batches sent
 * @param failedBatch   1-based number of the batch that failed
 * @param dropped       points InfluxDB dropped from the failed batch ("partial write ... dropped=N")
 * @param pointsUnknown points of batches whose answer did not tell whether InfluxDB stored them
 * @param droppedLines  the file's line numbers of the points InfluxDB named as dropped
 * @param error         why the load failed
 * @param input         the line-protocol file
 * @param server        the server's URL (never a credential)
 * @param millis        wall time of the load
 */
public record LoadSummary(String command, String status, Long points, long pointsWritten, int batches, Integer failedBatch,
        Long dropped, Long pointsUnknown, List<Long> droppedLines, String error, String input, String server, long millis) {

    public LoadSummary {
        droppedLines = droppedLines == null || droppedLines.isEmpty() ? null : List.copyOf(droppedLines);
    }

    /** The summary of {@code result}: zero counts and empty lists are left out. */
    static LoadSummary of(LoadRequest request, LoadResult r) {
        return new LoadSummary("load", r.status(), r.points() >= 0 ? r.points() : null, r.pointsWritten(), r.batches(), r.failedBatch(),
                r.dropped() > 0 ? r.dropped() : null, r.pointsUnknown() > 0 ? r.pointsUnknown() : null, r.droppedLines(), r.error(),
                request.input().toString(), request.connection().url().toString(), r.millis());
    }

    /** Points whose fate is unknown, 0 when there are none. */
    public long unknown() {
        return pointsUnknown == null ? 0 : pointsUnknown;
    }

    public void write(Path file) {
        Json.writeAtomically(file, this);
    }

    /** Parses the text of a load-summary.json; throws IllegalArgumentException when it is not one. */
    public static LoadSummary parse(String json) {
        LoadSummary s = Json.fromJson(json, LoadSummary.class);
        if (s == null || !"load".equals(s.command()) || s.status() == null) {
            throw new IllegalArgumentException("not a load-summary.json of the forecast engine: no command \"load\" or no status");
        }
        return s;
    }
}
