package io.jenkins.plugins.influxforecast.influx;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to retry a request that failed on the network, with 429 or with a 5xx:
 * at most {@code maxAttempts} attempts in all, waiting {@code initialBackoff * 2^(n-1)} (capped at
 * {@code maxBackoff}) with "equal jitter" (half fixed, half random) between them, or what the
 * server's {@code Retry-After} asks, capped at {@code maxBackoff}. A 4xx other than 429 is never
 * retried.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("retries must be between 0 and 19, got " + (maxAttempts - 1));
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("retry backoff must be between 0 and 5m, got " + Durations.format(initialBackoff)
                    + " to " + Durations.format(maxBackoff));
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            maxBackoff = initialBackoff;
        }
    }

    /** With {@code retries} retries after the first attempt. */
    public static RetryPolicy ofRetries(int retries, Duration initialBackoff) {
        if (retries < 0 || retries > 19) {
            throw new IllegalArgumentException("retries must be between 0 and 19, got " + retries);
        }
        return new RetryPolicy(retries + 1, initialBackoff, DEFAULT.maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : DEFAULT.maxBackoff);
    }

    /** Whether an answer with this status (0: no answer) may be retried. */
    public static boolean retryable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1); {@code retryAfter} may be null. */
    public Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        long base = initialBackoff.toMillis();
        long exp = base << Math.min(attempt - 1, 20);
        long capped = Math.min(exp, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    /** Sleeps for the backoff; an interrupt stops the retrying. */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException("interrupted while waiting to retry", 0, e);
        }
    }
}
