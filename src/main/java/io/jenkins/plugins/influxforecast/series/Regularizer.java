package io.jenkins.plugins.influxforecast.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns points as read into a regular {@link TimeSeries}: drops empty values at both ends (the empty
 * buckets InfluxDB returns between the last point and now), sorts, merges duplicate timestamps
 * (mean), puts every point on the frequency grid that starts at the first point, and fills gaps up
 * to a maximum length.
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
        Points points = mergeDuplicates(raw, sortedWithoutEmptyEdges(raw));
        boolean inferred = options.frequency() == null;
        Frequency freq = inferred ? inferFrequency(raw, points) : options.frequency();
        Grid grid = placeOnGrid(raw, points, freq);
        Filled filled = fillGaps(raw, grid, freq);
        int changed = grid.offGrid() + filled.points();
        List<String> warnings = new ArrayList<>();
        if (changed > CHANGED_SHARE_WARNING * grid.y().length) {
            String what = changed(grid.offGrid(), filled.points(), grid.y().length, freq);
            if (options.fill() == GapFill.FAIL) {
                throw new IllegalArgumentException("series '" + raw.label() + "': " + what + " and fill is 'fail'");
            }
            warnings.add(what);
        }
        TimeSeries series = TimeSeries.of(raw.name(), raw.tags(), grid.origin(), freq, grid.y());
        return new Result(series, new Report(raw.size(), points.emptyEdges(), points.duplicates() + grid.duplicates(),
                grid.offGrid(), filled.gaps(), filled.points(), filled.longest(), inferred, warnings));
    }

    private static String changed(int moved, int invented, int size, Frequency freq) {
        return String.format(java.util.Locale.ROOT, "regularisation to %s moved %d and invented %d of %d points (%.1f%%, more than %.0f%%)",
                freq, moved, invented, size, 100.0 * (moved + invented) / size, 100 * CHANGED_SHARE_WARNING);
    }

    /** The points in time order, without empty values at both ends, duplicate times merged. */
    private record Points(List<Instant> times, List<Double> values, int emptyEdges, int duplicates) {
    }

    /** Indexes of the raw points in time order, from the first to the last non-empty value. */
    private static Integer[] sortedWithoutEmptyEdges(RawSeries raw) {
        int n = raw.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(raw::time));
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi && Double.isNaN(raw.value(order[lo]))) {
            lo++;
        }
        while (hi >= lo && Double.isNaN(raw.value(order[hi]))) {
            hi--;
        }
        if (lo > hi) {
            throw new IllegalArgumentException("series '" + raw.label() + "' has no values (" + n + " rows, all empty)");
        }
        return Arrays.copyOfRange(order, lo, hi + 1);
    }

    /** Merges points with the same time into their mean (empty values do not count). */
    private static Points mergeDuplicates(RawSeries raw, Integer[] order) {
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int duplicates = 0;
        int k = 0;
        while (k < order.length) {
            Instant t = raw.time(order[k]);
            double s = 0;
            int c = 0;
            int group = 0;
            while (k < order.length && raw.time(order[k]).equals(t)) {
                double v = raw.value(order[k]);
                if (!Double.isNaN(v)) {
                    s += v;
                    c++;
                }
                group++;
                k++;
            }
            duplicates += group - 1;
            times.add(t);
            values.add(c > 0 ? s / c : Double.NaN);
        }
        return new Points(times, values, raw.size() - order.length, duplicates);
    }

    private static Frequency inferFrequency(RawSeries raw, Points points) {
        List<Instant> finiteTimes = new ArrayList<>();
        for (int i = 0; i < points.times().size(); i++) {
            if (!Double.isNaN(points.values().get(i))) {
                finiteTimes.add(points.times().get(i));
            }
        }
        if (finiteTimes.size() < 2) {
            throw new IllegalArgumentException("series '" + raw.label() + "' has " + finiteTimes.size()
                    + " point(s); at least 2 are needed to infer the frequency (or give --frequency)");
        }
        return Frequency.infer(finiteTimes);
    }

    /** The values on the grid (NaN where no point fell), the grid's origin and what placing them changed. */
    private record Grid(Instant origin, double[] y, int offGrid, int duplicates) {
    }

    /**
     * Puts every point on the grid at the nearest step. The grid runs through the first point, shifted
     * by the median offset of all points from it: with jittered times the grid follows the bulk of the
     * points, not the first one's jitter.
     */
    private static Grid placeOnGrid(RawSeries raw, Points points, Frequency freq) {
        List<Instant> times = points.times();
        Instant origin = origin(times, freq);
        long lastIndex = Math.round(freq.position(origin, times.get(times.size() - 1)));
        if (lastIndex > 50_000_000L) {
            throw new IllegalArgumentException("series '" + raw.label() + "' would have " + (lastIndex + 1)
                    + " points at frequency " + freq + "; is the frequency right?");
        }
        int size = (int) lastIndex + 1;
        double[] sum = new double[size];
        int[] count = new int[size];
        int offGrid = 0;
        int duplicates = 0;
        for (int i = 0; i < times.size(); i++) {
            double p = freq.position(origin, times.get(i));
            int idx = (int) Math.max(0, Math.round(p));
            if (Math.abs(p - idx) > 1e-9) {
                offGrid++;
            }
            double v = points.values().get(i);
            if (!Double.isNaN(v)) {
                if (count[idx] > 0) {
                    duplicates++;
                }
                sum[idx] += v;
                count[idx]++;
            }
        }
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            y[i] = count[i] > 0 ? sum[i] / count[i] : Double.NaN;
        }
        return new Grid(origin, y, offGrid, duplicates);
    }

    /**
     * The first point's time moved by the median offset of the points from the grid through it, to a
     * whole minute (steps of an hour or more), second (a minute or more) or millisecond; the first
     * point itself when most points lie on its grid, and for calendar frequencies.
     */
    static Instant origin(List<Instant> times, Frequency freq) {
        Instant first = times.get(0);
        if (freq.isCalendar()) {
            return first;
        }
        double[] offsets = new double[times.size()];
        for (int i = 0; i < offsets.length; i++) {
            double p = freq.position(first, times.get(i));
            offsets[i] = p - Math.round(p);
        }
        Arrays.sort(offsets);
        double median = offsets[offsets.length / 2];
        if (Math.abs(median) <= 1e-9) {
            return first;
        }
        Duration step = freq.nominalDuration();
        long shiftNanos = Math.round(median * step.toNanos());
        Instant shifted = first.plusNanos(shiftNanos);
        long unitMillis = step.compareTo(Duration.ofHours(1)) >= 0 ? 60_000 : step.compareTo(Duration.ofMinutes(1)) >= 0 ? 1000 : 1;
        long ms = shifted.toEpochMilli();
        long rounded = Math.round((double) ms / unitMillis) * unitMillis;
        return Instant.ofEpochMilli(rounded);
    }

    private record Filled(int gaps, int points, int longest) {
    }

    /** Fills the gaps of the grid in place, as the options say; a gap too long (or any, with fill 'fail') is an error. */
    private Filled fillGaps(RawSeries raw, Grid grid, Frequency freq) {
        double[] y = grid.y();
        int size = y.length;
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
            Instant from = freq.plus(grid.origin(), start);
            Instant to = freq.plus(grid.origin(), i - 1L);
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
        return new Filled(gaps, filled, longest);
    }

    private static String human(Frequency f, int points) {
        Duration d = f.nominalDuration().multipliedBy(points);
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
