package io.jenkins.plugins.influxforecast.influx;

import io.jenkins.plugins.influxforecast.lineprotocol.Precision;

/** Where batches of line protocol go: one attempt per call; the loader decides about retries. */
public interface WriteTarget {

    /**
     * Writes one batch: {@code length} bytes of UTF-8 line protocol, one point per line, each line
     * ending with a line break.
     *
     * @throws InfluxException with the HTTP status (0 for no answer), the server's message and its Retry-After
     */
    void write(byte[] lines, int length, int points, Precision precision);

    /** A batch as it goes on the wire: {@code bytes[0, length)}, gzip-compressed or not. */
    record Body(byte[] bytes, int length, boolean gzip) {
    }

    /**
     * Encodes a batch for {@link #send} (compresses it when the target compresses), so the loader
     * can do that while the previous batch is on its way. The result may share {@code lines}.
     * Called by one thread at a time.
     */
    default Body prepare(byte[] lines, int length) {
        return new Body(lines, length, false);
    }

    /** Writes a batch that {@link #prepare} encoded; as {@link #write}. */
    default void send(Body body, int points, Precision precision) {
        write(body.bytes(), body.length(), points, precision);
    }

    /** As {@link #send(Body, int, Precision)}, within {@code timeLeft} (connecting, and waiting for the answer). */
    default void send(Body body, int points, Precision precision, java.time.Duration timeLeft) {
        send(body, points, precision);
    }

    /** The time one batch may take, its retries included (the connection's timeout). */
    default java.time.Duration timeout() {
        return InfluxConnection.DEFAULT_TIMEOUT;
    }

    /** For messages: the server and the destination (database, bucket). */
    String describe();
}
