package io.jenkins.plugins.influxforecast.influx;

/** Where batches of line protocol go: one attempt per call; the loader decides about retries. */
public interface WriteTarget {

    /**
     * Writes one batch: {@code length} bytes of UTF-8 line protocol, one point per line, each line
     * ending with a line break.
     *
     * @throws InfluxException with the HTTP status (0 for no answer), the server's message and its Retry-After
     */
    void write(byte[] lines, int length, int points, Precision precision);

    /** For messages: the server and the destination (database, bucket). */
    String describe();
}
