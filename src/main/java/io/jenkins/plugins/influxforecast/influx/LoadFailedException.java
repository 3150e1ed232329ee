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

    /** Points InfluxDB dropped from the failed batch ("partial write ... dropped=N"), else 0. */
    public long dropped() {
        return dropped;
    }
}
