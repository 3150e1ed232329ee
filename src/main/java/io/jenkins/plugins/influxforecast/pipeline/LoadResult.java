package io.jenkins.plugins.influxforecast.pipeline;

/**
 * What a load did. {@code status} is {@code ok}, {@code dry-run} or {@code unstable} (the write
 * failed and the request asked for "unstable" instead of a failure; {@code error} says why). A
 * failure without that option is thrown instead.
 */
public record LoadResult(String status, long points, long pointsWritten, int batches, Integer failedBatch, long dropped,
        String error, long millis) implements StageResult {

    public boolean unstable() {
        return "unstable".equals(status);
    }

    @Override
    public int exitCode() {
        return unstable() ? ExitCodes.UNSTABLE : ExitCodes.OK;
    }
}
