package io.jenkins.plugins.influxforecast.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns points as read into a regular {@link TimeSeries}: drops empty values at both ends (the empty
 * buckets InfluxDB returns between the last point and now), sorts, merges duplicate timestamps
 * (mean), puts every point on the frequency grid through the bulk of the points (the first point,
 * moved by the median offset of all points when the times are jittered), and fills gaps up to a
 * maximum length. Works on the primitive arrays of {@link RawSeries}: no object per point.
 */
public final class Regularizer {

    /**
     * @param frequency the frequency, or null to infer it
     * @param fill      how to fill gaps
     * @param maxGap    the longest gap (in missing points) that may be filled, or null for 10% of the points
     */
    public record Options(Frequency frequency, GapFill fill, Integer maxGap) {
    }

    /** The series and what was done to it, for the log and metrics.json. */
    public record Result(TimeSeries series, Report report) {
    }

    /** Counts of what regularisation changed. */
    public record Report(int pointsRead, int emptyEdgeRows, int duplicatesMerged, int offGrid, int gaps,
                         int pointsFilled, int longestGap, boolean frequencyInferred, List<String> warnings) {
        public Report {
            warnings = List.copyOf(warnings);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("points_read", pointsRead);
            m.put("empty_edge_rows_dropped", emptyEdgeRows);
            m.put("duplicates_merged", duplicatesMerged);
            m.put("off_grid_points_moved", offGrid);
            m.put("gaps_filled", gaps);
            m.put("points_filled", pointsFilled);
            m.put("longest_gap", longestGap);
            m.put("frequency_inferred", frequencyInferred);
            m.put("warnings", warnings);
            return m;
        }
    }

    private final Options options;

    public Regularizer(Options options) {
        this.options = options;
        if (options.maxGap() != null && options.maxGap() < 0) {
            throw new IllegalArgumentException("max-gap must be >= 0, got " + options.maxGap());
        }
    }

    /** The share of grid points that may be moved or invented before a warning (and a refusal with fill 'fail'). */
    public static final double CHANGED_SHARE_WARNING = 0.05;

    public Result apply(RawSeries raw) {
        if (raw.problem() != null) {
            throw new IllegalArgumentException("series '" + raw.name() + "'" + (raw.tags().isEmpty() ? "" : " " + raw.tags()) + ": "
                    + raw.problem());
        }
        int n = raw.size();
        long[] t = raw.epochNanosArray();
        double[] v = raw.valuesArray();
        // the order by time: none when the file is sorted already (as InfluxDB answers are)
        int[] order = sortedOrder(t, n);
        // drop empty values at both ends
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi && Double.isNaN(v[at(order, lo)])) {
            lo++;
        }
        while (hi >= lo && Double.isNaN(v[at(order, hi)])) {
            hi--;
        }
        int emptyEdges = n - (hi - lo + 1);
        if (lo > hi) {
            throw new IllegalArgumentException("series '" + raw.label() + "' has no values (" + n + " rows, all empty)");
        }
        long last = t[at(order, hi)];
        boolean inferred = options.frequency() == null;
        Frequency freq = inferred ? infer(raw, t, v, order, lo, hi) : options.frequency();
        // place on the grid through the bulk of the points
        long origin = originNanos(t, order, lo, hi, freq);
        Instant originInstant = Timestamps.ofEpochNanos(origin);
        long lastIndex = gridIndex(freq, origin, originInstant, last);
        if (lastIndex > 50_000_000L) {
            throw new IllegalArgumentException("series '" + raw.label() + "' would have " + (lastIndex + 1)
                    + " points at frequency " + freq + "; is the frequency right?");
        }
        int size = (int) lastIndex + 1;
        double[] y = new double[size];
        Arrays.fill(y, Double.NaN);
        // one pass in time order: rows with the same timestamp are merged (mean of their values),
        // then the merged values that fall into the same grid slot (mean again); grid indexes never
        // decrease in time order, so a slot is complete when the next one starts
        int duplicates = 0;
        int offGrid = 0;
        long slot = -1;
        double slotSum = 0;
        int slotCount = 0;
        int k = lo;
        while (k <= hi) {
            long time = t[at(order, k)];
            double s = 0;
            int c = 0;
            int group = 0;
            while (k <= hi && t[at(order, k)] == time) {
                double value = v[at(order, k)];
                if (!Double.isNaN(value)) {
                    s += value;
                    c++;
                }
                group++;
                k++;
            }
            duplicates += group - 1;
            long idx = Math.max(0, gridIndex(freq, origin, originInstant, time));
            if (!onGrid(freq, origin, originInstant, time, idx)) {
                offGrid++;
            }
            if (idx != slot) {
                if (slotCount > 0) {
                    y[(int) slot] = slotSum / slotCount;
                }
                slot = idx;
                slotSum = 0;
                slotCount = 0;
            }
            if (c > 0) {
                if (slotCount > 0) {
                    duplicates++;
                }
                slotSum += s / c;
                slotCount++;
            }
        }
        if (slotCount > 0) {
            y[(int) slot] = slotSum / slotCount;
        }
        int maxGap = options.maxGap() != null ? options.maxGap() : Math.max(1, size / 10);
        int gaps = 0;
        int filled = 0;
        int longest = 0;
        int i = 0;
        while (i < size) {
            if (!Double.isNaN(y[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < size && Double.isNaN(y[i])) {
                i++;
            }
            int len = i - start;
            longest = Math.max(longest, len);
            Instant from = freq.plus(originInstant, start);
            Instant to = freq.plus(originInstant, i - 1L);
            if (options.fill() == GapFill.FAIL) {
                throw new IllegalArgumentException("series '" + raw.label() + "' has a gap of " + len + " point(s) from "
                        + from + " to " + to + " and fill is 'fail'");
            }
            if (len > maxGap) {
                throw new IllegalArgumentException("series '" + raw.label() + "' has a gap of " + len + " point(s) ("
                        + human(freq, len) + ") from " + from + " to " + to + ", longer than max-gap " + maxGap);
            }
            double before = y[start - 1];
            double after = y[i];
            for (int j = start; j < i; j++) {
                y[j] = options.fill() == GapFill.PREVIOUS ? before : before + (after - before) * (j - start + 1) / (len + 1);
            }
            gaps++;
            filled += len;
        }
        List<String> warnings = new ArrayList<>();
        int changed = offGrid + filled;
        if (changed > CHANGED_SHARE_WARNING * size) {
            String what = changed(offGrid, filled, size, freq);
            if (options.fill() == GapFill.FAIL) {
                throw new IllegalArgumentException("series '" + raw.label() + "': " + what + " and fill is 'fail'");
            }
            warnings.add(what);
        }
        TimeSeries series = TimeSeries.adopt(raw.name(), raw.tags(), originInstant, freq, y);
        return new Result(series, new Report(n, emptyEdges, duplicates, offGrid, gaps, filled, longest, inferred, warnings));
    }

    private static String changed(int moved, int invented, int size, Frequency freq) {
        return String.format(java.util.Locale.ROOT, "regularisation to %s moved %d and invented %d of %d points (%.1f%%, more than %.0f%%)",
                freq, moved, invented, size, 100.0 * (moved + invented) / size, 100 * CHANGED_SHARE_WARNING);
    }

    /**
     * The grid's origin for these times (in order, see {@link #originNanos}); for tests and callers
     * that hold instants.
     */
    static Instant origin(List<Instant> times, Frequency freq) {
        long[] t = times.stream().mapToLong(Timestamps::toEpochNanos).toArray();
        return Timestamps.ofEpochNanos(originNanos(t, null, 0, t.length - 1, freq));
    }

    /**
     * The first time moved by the median offset of the distinct times from the grid through it, to a
     * whole minute (steps of an hour or more), second (a minute or more) or millisecond: with jittered
     * times the grid follows the bulk of the points, not the first one's jitter. The first time itself
     * when most times lie on its grid, and for calendar frequencies.
     */
    private static long originNanos(long[] t, int[] order, int lo, int hi, Frequency freq) {
        long first = t[at(order, lo)];
        if (freq.isCalendar()) {
            return first;
        }
        double step = fixedStepNanos(freq);
        double[] offsets = new double[hi - lo + 1];
        int m = 0;
        long previous = 0;
        for (int k = lo; k <= hi; k++) {
            long time = t[at(order, k)];
            if (m > 0 && time == previous) {
                continue;
            }
            double p = (time - (double) first) / step;
            offsets[m++] = p - Math.round(p);
            previous = time;
        }
        Arrays.sort(offsets, 0, m);
        double median = offsets[m / 2];
        if (Math.abs(median) <= 1e-9) {
            return first;
        }
        Duration nominal = freq.nominalDuration();
        long shifted = first + Math.round(median * step);
        long unitNanos = nominal.compareTo(Duration.ofHours(1)) >= 0 ? 60_000_000_000L
                : nominal.compareTo(Duration.ofMinutes(1)) >= 0 ? 1_000_000_000L : 1_000_000L;
        return Math.floorDiv(shifted + unitNanos / 2, unitNanos) * unitNanos;
    }

    private static int at(int[] order, int k) {
        return order == null ? k : order[k];
    }

    /**
     * The frequency from the spacings between consecutive distinct times that have a value, in
     * one pass over the rows in time order (a {@code long} a spacing, no object a point).
     */
    private static Frequency infer(RawSeries raw, long[] t, double[] v, int[] order, int lo, int hi) {
        long[] gaps = new long[Math.max(1, hi - lo)];
        int count = 0;
        int finiteTimes = 0;
        long previous = 0;
        int k = lo;
        while (k <= hi) {
            long time = t[at(order, k)];
            boolean finite = false;
            while (k <= hi && t[at(order, k)] == time) {
                finite |= !Double.isNaN(v[at(order, k)]);
                k++;
            }
            if (finite) {
                if (finiteTimes > 0) {
                    long gap = time - previous;
                    // over 292 years apart the difference overflows: any such spacing is just "very long"
                    gaps[count++] = (gap < 0 ? Long.MAX_VALUE : gap) / 1_000_000L;
                }
                previous = time;
                finiteTimes++;
            }
        }
        if (finiteTimes < 2) {
            throw new IllegalArgumentException("series '" + raw.label() + "' has " + finiteTimes
                    + " point(s); at least 2 are needed to infer the frequency (or give --frequency)");
        }
        return Frequency.inferFromGaps(gaps, count);
    }

    /** The nearest grid index of {@code time} on the grid of {@code freq} that starts at {@code origin}. */
    private static long gridIndex(Frequency freq, long origin, Instant originInstant, long time) {
        long step = fixedStepNanos(freq);
        if (step > 0) {
            try {
                return Math.floorDiv(Math.addExact(Math.subtractExact(time, origin), step / 2), step);
            } catch (ArithmeticException e) {
                // times over 292 years apart: the calendar arithmetic below has no such limit
            }
        }
        return Math.round(freq.position(originInstant, Timestamps.ofEpochNanos(time)));
    }

    private static boolean onGrid(Frequency freq, long origin, Instant originInstant, long time, long idx) {
        long step = fixedStepNanos(freq);
        if (step > 0 && time - origin >= 0) {
            return (time - origin) - idx * step == 0;
        }
        return Math.abs(freq.position(originInstant, Timestamps.ofEpochNanos(time)) - idx) <= 1e-9;
    }

    /** The step in nanoseconds of a fixed frequency; 0 for a calendar one. */
    private static long fixedStepNanos(Frequency freq) {
        return freq.isCalendar() ? 0 : freq.nominalDuration().toNanos();
    }

    /**
     * The indexes of the first {@code n} times in ascending time order (stable), or null when they
     * are ascending already: a merge sort of {@code int} indexes, 8 bytes a point while it runs.
     */
    static int[] sortedOrder(long[] t, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = t[i - 1] <= t[i];
        }
        if (sorted) {
            return null;
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int from = 0; from < n; from += 2 * width) {
                int mid = Math.min(from + width, n);
                int to = Math.min(from + 2 * width, n);
                int i = from;
                int j = mid;
                int o = from;
                while (i < mid && j < to) {
                    b[o++] = t[a[j]] < t[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[o++] = a[i++];
                }
                while (j < to) {
                    b[o++] = a[j++];
                }
            }
            int[] swap = a;
            a = b;
            b = swap;
        }
        return a;
    }

    private static String human(Frequency f, int points) {
        Duration d = f.nominalDuration().multipliedBy(points);
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
