package io.jenkins.plugins.influxforecast.pipeline;

/**
 * What a load did. {@code status} is {@code ok}, {@code dry-run} or {@code unstable} (the write
 * failed and the request asked for "unstable" instead of a failure; {@code error} says why). A
 * failure without that option is thrown instead. {@code pointsWritten} counts only points InfluxDB
 * confirmed; {@code pointsUnknown} those of batches whose answer did not tell (no answer, a 5xx, a
 * partial write without a count); {@code droppedLines} the line numbers InfluxDB named as dropped.
 */
public record LoadResult(String status, long points, long pointsWritten, int batches, Integer failedBatch, long dropped,
        String error, long millis, long pointsUnknown, java.util.List<Long> droppedLines) implements StageResult {

    public LoadResult(String status, long points, long pointsWritten, int batches, Integer failedBatch, long dropped,
            String error, long millis) {
        this(status, points, pointsWritten, batches, failedBatch, dropped, error, millis, 0, java.util.List.of());
    }

    public boolean unstable() {
        return "unstable".equals(status);
    }

    @Override
    public int exitCode() {
        return unstable() ? ExitCodes.UNSTABLE : ExitCodes.OK;
    }
}
