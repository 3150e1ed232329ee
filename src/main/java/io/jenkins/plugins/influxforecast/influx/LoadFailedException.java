package io.jenkins.plugins.influxforecast.influx;

/**
 * A load that stopped part-way (or whose batch InfluxDB only partly accepted): how many points
 * are in InfluxDB, which batch failed and, for a "partial write", how many points were dropped.
 * Re-running the same load is safe: the same points are rewritten, not duplicated.
 */
public final class LoadFailedException extends InfluxException {

    private static final long serialVersionUID = 1L;

    private final long points;
    private final long pointsWritten;
    private final int failedBatch;
    private final int batches;
    private final long dropped;
    private long pointsUnknown;
    private java.util.List<Long> droppedLines = java.util.List.of();

    public LoadFailedException(String message, int status, long points, long pointsWritten, int failedBatch, int batches,
            long dropped, Throwable cause) {
        super(message, status, cause);
        this.points = points;
        this.pointsWritten = pointsWritten;
        this.failedBatch = failedBatch;
        this.batches = batches;
        this.dropped = dropped;
    }

    /** Points in the file (all validated before the first batch was sent). */
    public long points() {
        return points;
    }

    public long pointsWritten() {
        return pointsWritten;
    }

    /** 1-based number of the batch that failed. */
    public int failedBatch() {
        return failedBatch;
    }

    public int batches() {
        return batches;
    }

    /** With the points whose fate the server did not tell, and the line numbers it named as dropped. */
    public LoadFailedException withUnknown(long unknown, java.util.List<Long> lines) {
        this.pointsUnknown = unknown;
        this.droppedLines = java.util.List.copyOf(lines);
        return this;
    }

    /**
     * Points of batches whose fate InfluxDB's answer does not tell (no answer, a 5xx, a partial
     * write without a count): neither counted as written nor as lost.
     */
    public long pointsUnknown() {
        return pointsUnknown;
    }

    /** The file's line numbers of the points InfluxDB named as dropped (empty where it named none). */
    public java.util.List<Long> droppedLines() {
        return droppedLines;
    }

    /** Points InfluxDB dropped from the failed batch ("partial write ... dropped=N"), else 0. */
    public long dropped() {
        return dropped;
    }
}
