package io.jenkins.plugins.influxforecast.lineprotocol;

import java.util.Locale;

/** Timestamp precision of line protocol: the unit of its integer timestamps. */
public enum Precision {
    NS("ns", "ns", 1L),
    US("u", "us", 1_000L),
    MS("ms", "ms", 1_000_000L),
    S("s", "s", 1_000_000_000L);

    private final String v1;
    private final String v2;
    private final long nanos;

    Precision(String v1, String v2, long nanos) {
        this.v1 = v1;
        this.v2 = v2;
        this.nanos = nanos;
    }

    public static Precision parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ns", "n" -> NS;
            case "us", "u", "µ" -> US;
            case "ms" -> MS;
            case "s" -> S;
            default -> throw new IllegalArgumentException("precision must be ns, us, ms or s, got '" + text + "'");
        };
    }

    /** The value of 1.x's /write {@code precision} parameter. */
    public String v1() {
        return v1;
    }

    /** The value of 2.x/3.x's /api/v2/write {@code precision} parameter. */
    public String v2() {
        return v2;
    }

    /** Nanoseconds per unit. */
    public long nanos() {
        return nanos;
    }

    /** InfluxDB's earliest and latest time, in nanoseconds ({@code models.MinNanoTime}, {@code MaxNanoTime}). */
    public static final long MIN_NANOS = Long.MIN_VALUE + 2;
    public static final long MAX_NANOS = Long.MAX_VALUE - 1;

    /** Whether a timestamp in this unit is within InfluxDB's range, {@link #MIN_NANOS} to {@link #MAX_NANOS}. */
    public boolean inRange(long t) {
        return t >= MIN_NANOS / nanos && t <= MAX_NANOS / nanos;
    }

    @Override
    public String toString() {
        return v2;
    }
}
