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
                         int pointsFilled, int longestGap, boolean frequencyInferred) {
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

    public Result apply(RawSeries raw) {
        int n = raw.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(raw::time));
        // drop empty values at both ends
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi && Double.isNaN(raw.value(order[lo]))) {
            lo++;
        }
        while (hi >= lo && Double.isNaN(raw.value(order[hi]))) {
            hi--;
        }
        int emptyEdges = n - (hi - lo + 1);
        if (lo > hi) {
            throw new IllegalArgumentException("series '" + raw.label() + "' has no values (" + n + " rows, all empty)");
        }
        // merge duplicate timestamps
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int duplicates = 0;
        int k = lo;
        while (k <= hi) {
            Instant t = raw.time(order[k]);
            double s = 0;
            int c = 0;
            int group = 0;
            while (k <= hi && raw.time(order[k]).equals(t)) {
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
        boolean inferred = options.frequency() == null;
        Frequency freq;
        if (inferred) {
            List<Instant> finiteTimes = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                if (!Double.isNaN(values.get(i))) {
                    finiteTimes.add(times.get(i));
                }
            }
            if (finiteTimes.size() < 2) {
                throw new IllegalArgumentException("series '" + raw.label() + "' has " + finiteTimes.size()
                        + " point(s); at least 2 are needed to infer the frequency (or give --frequency)");
            }
            freq = Frequency.infer(finiteTimes);
        } else {
            freq = options.frequency();
        }
        // place on the grid anchored at the first point
        Instant origin = times.get(0);
        long lastIndex = Math.round(freq.position(origin, times.get(times.size() - 1)));
        if (lastIndex > 50_000_000L) {
            throw new IllegalArgumentException("series '" + raw.label() + "' would have " + (lastIndex + 1)
                    + " points at frequency " + freq + "; is the frequency right?");
        }
        int size = (int) lastIndex + 1;
        double[] sum = new double[size];
        int[] count = new int[size];
        int offGrid = 0;
        for (int i = 0; i < times.size(); i++) {
            double p = freq.position(origin, times.get(i));
            long idx = Math.round(p);
            if (Math.abs(p - idx) > 1e-9) {
                offGrid++;
            }
            double v = values.get(i);
            if (!Double.isNaN(v)) {
                if (count[(int) idx] > 0) {
                    duplicates++;
                }
                sum[(int) idx] += v;
                count[(int) idx]++;
            }
        }
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            y[i] = count[i] > 0 ? sum[i] / count[i] : Double.NaN;
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
            Instant from = freq.plus(origin, start);
            Instant to = freq.plus(origin, i - 1L);
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
        TimeSeries series = TimeSeries.of(raw.name(), raw.tags(), origin, freq, y);
        return new Result(series, new Report(n, emptyEdges, duplicates, offGrid, gaps, filled, longest, inferred));
    }

    private static String human(Frequency f, int points) {
        Duration d = f.nominalDuration().multipliedBy(points);
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
