package io.jenkins.plugins.influxforecast.series;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the time values found in CSV files: ISO-8601 instants, offsets, local date-times and dates
 * (read as UTC), and epoch numbers whose unit follows from their magnitude (below 1e11 seconds,
 * below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds, as InfluxDB writes them).
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The instant, or null when the text is not a time in any accepted form. */
    public static Instant parseOrNull(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        char c = t.charAt(0);
        if (Character.isDigit(c) || c == '-' || c == '+') {
            Instant epoch = epoch(t);
            if (epoch != null) {
                return epoch;
            }
        }
        String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        try {
            if (iso.length() <= 10) {
                return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (hasZone(iso)) {
                return OffsetDateTime.parse(iso.endsWith("z") ? iso.substring(0, iso.length() - 1) + 'Z' : iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether an ISO date-time ends with Z or a +hh:mm / -hh:mm offset. */
    private static boolean hasZone(String iso) {
        char last = iso.charAt(iso.length() - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        int t = iso.indexOf('T');
        if (t < 0) {
            return false;
        }
        for (int i = t + 1; i < iso.length(); i++) {
            char c = iso.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    private static Instant epoch(String t) {
        try {
            if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
                long v = Long.parseLong(t);
                long a = Math.abs(v);
                if (a < 100_000_000_000L) {
                    return Instant.ofEpochSecond(v);
                }
                if (a < 100_000_000_000_000L) {
                    return Instant.ofEpochMilli(v);
                }
                if (a < 100_000_000_000_000_000L) {
                    return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
                }
                return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
            }
            BigDecimal d = new BigDecimal(t);
            BigDecimal a = d.abs();
            BigDecimal nanosPerUnit;
            if (a.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
                nanosPerUnit = BigDecimal.valueOf(1_000_000_000L);
            } else if (a.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
                nanosPerUnit = BigDecimal.valueOf(1_000_000L);
            } else {
                nanosPerUnit = BigDecimal.valueOf(1000L);
            }
            long nanos = d.multiply(nanosPerUnit).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** What {@link #parseEpochNanos} returns for text that is not a time. */
    public static final long NOT_A_TIME = Long.MIN_VALUE;

    /**
     * The time in nanoseconds since the epoch, without an {@link Instant} for the plain epoch numbers
     * InfluxDB writes; {@link #NOT_A_TIME} when the text is not a time in any accepted form.
     *
     * @throws ArithmeticException when the time is outside the nanosecond range (1677-09-21 to 2262-04-11)
     */
    public static long parseEpochNanos(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        // up to 18 digits: a long without overflow, in seconds, ms, us or ns by magnitude as in epoch(...)
        if (to > from && to - from <= 18) {
            long v = 0;
            int i = from;
            for (; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (i == to) {
                if (v < 100_000_000_000L) {
                    return v * 1_000_000_000L;
                }
                if (v < 100_000_000_000_000L) {
                    return v * 1_000_000L;
                }
                if (v < 100_000_000_000_000_000L) {
                    return v * 1000L;
                }
                return v;
            }
        }
        Instant t = parseOrNull(text);
        return t == null ? NOT_A_TIME : toEpochNanos(t);
    }

    /** The instant of a time in nanoseconds since the epoch. */
    public static Instant ofEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Nanoseconds since the epoch, as line protocol and InfluxDB CSV carry them. */
    public static long toEpochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
