package io.jenkins.plugins.influxforecast.influx;

/**
 * InfluxDB said no, or could not be reached. The message is for people: what was attempted, where
 * (the URL without credentials, which never carry any here) and the server's own words. It never
 * contains a password or token.
 */
public class InfluxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** HTTP status, or 0 when no answer came (network error). */
    private final int status;
    private java.time.Duration retryAfter;
    private boolean notSent;

    public InfluxException(String message, int status) {
        super(message);
        this.status = status;
    }

    public InfluxException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the answer, or 0 when there was none (connection refused, timeout...). */
    public int status() {
        return status;
    }

    /** Whether the request surely never reached the server (no connection could be made). */
    public boolean notSent() {
        return notSent;
    }

    /** This failure, marked as one whose request surely never reached the server. */
    public InfluxException notSent(boolean never) {
        this.notSent = never;
        return this;
    }

    /** The wait the server asked for with Retry-After, or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** This failure with the server's Retry-After. */
    public InfluxException withRetryAfter(java.time.Duration wait) {
        this.retryAfter = wait;
        return this;
    }
}
