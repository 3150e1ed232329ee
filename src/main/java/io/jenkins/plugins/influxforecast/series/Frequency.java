package io.jenkins.plugins.influxforecast.series;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spacing of a regular time series: either a fixed duration ({@code 10m}, {@code 1h}, {@code 1d})
 * or a whole number of calendar months ({@code 1mo}, {@code 1q}, {@code 1y}), which step by the UTC
 * calendar rather than by a fixed length. Immutable.
 */
public final class Frequency {

    private static final Pattern TEXT = Pattern.compile("^\\s*(\\d+)?\\s*([A-Za-z]+)\\s*$");
    private static final Map<String, Duration> FIXED_UNITS = new HashMap<>();
    private static final Map<String, Integer> MONTH_UNITS = new HashMap<>();

    static {
        for (String u : List.of("ms", "milli", "millis", "millisecond", "milliseconds", "L")) {
            FIXED_UNITS.put(u, Duration.ofMillis(1));
        }
        for (String u : List.of("s", "sec", "secs", "second", "seconds", "S")) {
            FIXED_UNITS.put(u, Duration.ofSeconds(1));
        }
        for (String u : List.of("m", "min", "mins", "minute", "minutes", "T")) {
            FIXED_UNITS.put(u, Duration.ofMinutes(1));
        }
        for (String u : List.of("h", "H", "hr", "hrs", "hour", "hours")) {
            FIXED_UNITS.put(u, Duration.ofHours(1));
        }
        for (String u : List.of("d", "D", "day", "days")) {
            FIXED_UNITS.put(u, Duration.ofDays(1));
        }
        for (String u : List.of("w", "W", "wk", "week", "weeks")) {
            FIXED_UNITS.put(u, Duration.ofDays(7));
        }
        for (String u : List.of("mo", "mon", "month", "months", "M", "MS", "ME")) {
            MONTH_UNITS.put(u, 1);
        }
        for (String u : List.of("q", "Q", "QS", "QE", "quarter", "quarters")) {
            MONTH_UNITS.put(u, 3);
        }
        for (String u : List.of("y", "Y", "YS", "YE", "A", "AS", "yr", "year", "years")) {
            MONTH_UNITS.put(u, 12);
        }
    }

    private static final String ALLOWED = "a count and a unit (ms, s, m/min, h, d, w, mo/MS, q/QS, y/YS),"
            + " e.g. 10m, 10min, 30s, 1h, H, D, 1d, W, 1mo, MS, 1q, 1y, or an ISO-8601 duration"
            + " (PT10M, P1D, P1M)";

    private final Duration fixed; // null for calendar frequencies
    private final int months;     // > 0 for calendar frequencies

    private Frequency(Duration fixed, int months) {
        this.fixed = fixed;
        this.months = months;
    }

    /** A fixed-length frequency. */
    public static Frequency of(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("frequency must be a positive duration, got " + step);
        }
        return new Frequency(step, 0);
    }

    /** A calendar frequency of a whole number of months (1 = monthly, 3 = quarterly, 12 = yearly). */
    public static Frequency ofMonths(int months) {
        if (months < 1) {
            throw new IllegalArgumentException("frequency must be at least one month, got " + months);
        }
        return new Frequency(null, months);
    }

    /**
     * Parses {@code 10m}, {@code 10min}, {@code 30s}, {@code 1h}, {@code H}, {@code D}, {@code 1d},
     * {@code W}, {@code 1mo}, {@code MS}, {@code 1q}, {@code 1y} and ISO-8601 durations or periods.
     */
    public static Frequency parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("frequency must not be empty; allowed: " + ALLOWED);
        }
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return parseIso(text, t.toUpperCase(Locale.ROOT));
        }
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw bad(text);
        }
        long count = m.group(1) == null ? 1 : parseCount(text, m.group(1));
        String unit = m.group(2);
        Duration d = FIXED_UNITS.get(unit);
        if (d == null && !MONTH_UNITS.containsKey(unit)) {
            d = FIXED_UNITS.get(unit.toLowerCase(Locale.ROOT));
        }
        if (d != null) {
            return of(d.multipliedBy(count));
        }
        Integer mo = MONTH_UNITS.get(unit);
        if (mo == null) {
            mo = MONTH_UNITS.get(unit.toLowerCase(Locale.ROOT));
        }
        if (mo != null) {
            return ofMonths(Math.toIntExact(mo * count));
        }
        throw bad(text);
    }

    private static long parseCount(String text, String digits) {
        try {
            long n = Long.parseLong(digits);
            if (n < 1) {
                throw bad(text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static Frequency parseIso(String original, String iso) {
        try {
            if (iso.contains("T")) {
                return of(Duration.parse(iso));
            }
            Period p = Period.parse(iso);
            if (p.isNegative() || p.isZero()) {
                throw bad(original);
            }
            if (p.getDays() != 0) {
                if (p.getMonths() != 0 || p.getYears() != 0) {
                    throw bad(original);
                }
                return of(Duration.ofDays(p.getDays()));
            }
            return ofMonths(Math.toIntExact(p.toTotalMonths()));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(original);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("frequency '" + text + "' is not understood; allowed: " + ALLOWED);
    }

    /**
     * Infers the frequency from observation times: the most common positive spacing between
     * consecutive distinct times (robust to gaps and duplicates); spacings of 28-31, 89-92 and
     * 365-366 days are read as calendar months, quarters and years.
     */
    public static Frequency infer(List<Instant> times) {
        Instant[] sorted = times.stream().distinct().sorted().toArray(Instant[]::new);
        if (sorted.length < 2) {
            throw new IllegalArgumentException(
                    "cannot infer the frequency from " + sorted.length + " distinct timestamp(s); give --frequency");
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < sorted.length; i++) {
            long gap = Duration.between(sorted[i - 1], sorted[i]).toMillis();
            counts.merge(gap, 1, Integer::sum);
        }
        // calendar spacings vary by a few days: group them before taking the mode
        int monthly = 0;
        int quarterly = 0;
        int yearly = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            double days = e.getKey() / 86_400_000.0;
            if (days >= 28 && days <= 31) {
                monthly += e.getValue();
            } else if (days >= 89 && days <= 92) {
                quarterly += e.getValue();
            } else if (days >= 365 && days <= 366) {
                yearly += e.getValue();
            }
        }
        long best = -1;
        int bestCount = -1;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        int calendarBest = Math.max(monthly, Math.max(quarterly, yearly));
        if (calendarBest >= bestCount && calendarBest > 0) {
            if (calendarBest == monthly) {
                return ofMonths(1);
            }
            return calendarBest == quarterly ? ofMonths(3) : ofMonths(12);
        }
        if (best <= 0) {
            throw new IllegalArgumentException("cannot infer the frequency: timestamps are not increasing");
        }
        return of(Duration.ofMillis(best));
    }

    public boolean isCalendar() {
        return fixed == null;
    }

    /** The fixed step, or the average length of the calendar step (30.436875 days a month). */
    public Duration nominalDuration() {
        if (fixed != null) {
            return fixed;
        }
        return Duration.ofSeconds(Math.round(months * 30.436875 * 86400));
    }

    /** Months per step for a calendar frequency, 0 for a fixed one. */
    public int months() {
        return months;
    }

    /** The time {@code steps} steps after {@code t} (negative steps go back). */
    public Instant plus(Instant t, long steps) {
        if (fixed != null) {
            return t.plus(fixed.multipliedBy(steps));
        }
        return ZonedDateTime.ofInstant(t, ZoneOffset.UTC).plusMonths(steps * months).toInstant();
    }

    /**
     * The grid position of {@code t} on the grid that starts at {@code origin}, as a real number:
     * whole numbers are on the grid.
     */
    public double position(Instant origin, Instant t) {
        if (fixed != null) {
            Duration d = Duration.between(origin, t);
            return (d.getSeconds() * 1e9 + d.getNano()) / (fixed.getSeconds() * 1e9 + fixed.getNano());
        }
        ZonedDateTime o = ZonedDateTime.ofInstant(origin, ZoneOffset.UTC);
        ZonedDateTime z = ZonedDateTime.ofInstant(t, ZoneOffset.UTC);
        long wholeSteps = ChronoUnit.MONTHS.between(o, z) / months;
        if (z.isBefore(o)) {
            wholeSteps -= 1;
        }
        Instant a = plus(origin, wholeSteps);
        Instant b = plus(origin, wholeSteps + 1);
        double frac = (double) Duration.between(a, t).toMillis() / Duration.between(a, b).toMillis();
        return wholeSteps + frac;
    }

    /**
     * Puts {@code t} on the grid anchored at the Unix epoch (fixed frequencies; the way InfluxDB
     * buckets GROUP BY time) or at the start of a calendar month, quarter or year (calendar ones),
     * rounding down.
     */
    public Instant floor(Instant t) {
        if (fixed != null) {
            long stepNanos = fixed.toNanos();
            long secs = t.getEpochSecond();
            long nanos = t.getNano();
            // split to avoid overflow for steps longer than ~292 years of nanoseconds
            java.math.BigInteger total = java.math.BigInteger.valueOf(secs).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                    .add(java.math.BigInteger.valueOf(nanos));
            java.math.BigInteger step = java.math.BigInteger.valueOf(stepNanos);
            java.math.BigInteger floored = total.subtract(total.mod(step));
            java.math.BigInteger[] qr = floored.divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
            return Instant.ofEpochSecond(qr[0].longValueExact(), qr[1].longValueExact());
        }
        ZonedDateTime z = ZonedDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        int monthIndex = z.getMonthValue() - 1;
        return z.withMonth(monthIndex - monthIndex % Math.min(months, 12) + 1).toInstant();
    }

    /**
     * Seasonal periods worth testing for data of this frequency (in steps): 10m gives 144 (daily)
     * and 1008 (weekly), 1h gives 24 and 168, 1d gives 7 and 365, 1w gives 52, 1mo gives 12.
     * Shortest first; empty when no natural cycle is known.
     */
    public List<Integer> candidatePeriods() {
        List<Integer> out = new ArrayList<>();
        if (fixed == null) {
            if (12 % months == 0 && months < 12) {
                out.add(12 / months);
            }
            return out;
        }
        long stepMillis = fixed.toMillis();
        if (stepMillis <= 0) {
            return out;
        }
        long day = Duration.ofDays(1).toMillis();
        long week = Duration.ofDays(7).toMillis();
        if (stepMillis < day) {
            if (day % stepMillis == 0) {
                out.add((int) (day / stepMillis));
            }
            if (week % stepMillis == 0) {
                out.add((int) (week / stepMillis));
            }
        } else if (stepMillis == day) {
            out.add(7);
            out.add(365);
        } else if (stepMillis == week) {
            out.add(52);
        }
        return out;
    }

    /** The shortest candidate period, or 1 when there is none. */
    public int defaultSeason() {
        List<Integer> c = candidatePeriods();
        return c.isEmpty() ? 1 : c.get(0);
    }

    /** Canonical text: {@code 10m}, {@code 1h}, {@code 1d}, {@code 1w}, {@code 1mo}, {@code 1q}, {@code 1y}. */
    @Override
    public String toString() {
        if (fixed == null) {
            if (months % 12 == 0) {
                return months / 12 + "y";
            }
            if (months % 3 == 0) {
                return months / 3 + "q";
            }
            return months + "mo";
        }
        long ms = fixed.toMillis();
        if (Duration.ofMillis(ms).equals(fixed) && ms > 0) {
            long[] sizes = {7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
            String[] names = {"w", "d", "h", "m", "s", "ms"};
            for (int i = 0; i < sizes.length; i++) {
                if (ms % sizes[i] == 0) {
                    return ms / sizes[i] + names[i];
                }
            }
        }
        return fixed.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency f && f.months == months && Objects.equals(f.fixed, fixed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fixed, months);
    }

    /** All unit spellings accepted by {@link #parse}, for help texts. */
    public static String allowedText() {
        return ALLOWED;
    }

    static List<String> units() {
        List<String> all = new ArrayList<>(FIXED_UNITS.keySet());
        all.addAll(MONTH_UNITS.keySet());
        String[] a = all.toArray(new String[0]);
        Arrays.sort(a);
        return List.of(a);
    }
}
