package io.jenkins.plugins.influxforecast.series;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points as read from a file, before regularisation: times in file order (possibly unsorted,
 * duplicated or off-grid) and values, NaN where the file had an empty value (an empty InfluxDB
 * bucket). Immutable. Times are held as nanoseconds since the epoch in a {@code long[]} and values
 * in a {@code double[]}: 16 bytes a point, no object per point, so that millions of rows fit a
 * small heap.
 */
public final class RawSeries {

    private final String name;
    private final Map<String, String> tags;
    private final long[] epochNanos;
    private final double[] values;
    private final int size;
    private final String problem;

    public RawSeries(String name, Map<String, String> tags, Instant[] times, double[] values) {
        this(name, tags, toNanos(times), values.clone(), check(times.length, values.length), null);
    }

    /**
     * Takes ownership of the arrays (the reader's growable buffers): the first {@code size} entries are
     * the points; {@code problem}, when not null, says why the series cannot be used (its points were dropped).
     */
    RawSeries(String name, Map<String, String> tags, long[] epochNanos, double[] values, int size, String problem) {
        if (size > epochNanos.length || size > values.length) {
            throw new IllegalArgumentException(size + " points but " + epochNanos.length + " times and " + values.length + " values");
        }
        this.name = name;
        this.tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        this.epochNanos = epochNanos;
        this.values = values;
        this.size = size;
        this.problem = problem;
    }

    private static int check(int times, int values) {
        if (times != values) {
            throw new IllegalArgumentException(times + " times but " + values + " values");
        }
        return times;
    }

    private static long[] toNanos(Instant[] times) {
        long[] out = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = Timestamps.toEpochNanos(times[i]);
        }
        return out;
    }

    public String name() {
        return name;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public int size() {
        return size;
    }

    public Instant time(int i) {
        return Timestamps.ofEpochNanos(epochNanos(i));
    }

    /** The time of point {@code i} in nanoseconds since the epoch. */
    public long epochNanos(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of a series of " + size);
        }
        return epochNanos[i];
    }

    public double value(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of a series of " + size);
        }
        return values[i];
    }

    /** A copy of the times. */
    public Instant[] times() {
        Instant[] out = new Instant[size];
        for (int i = 0; i < size; i++) {
            out[i] = Timestamps.ofEpochNanos(epochNanos[i]);
        }
        return out;
    }

    /** A copy of the values. */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    /** Number of points with a finite value. */
    public long finiteCount() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (Double.isFinite(values[i])) {
                n++;
            }
        }
        return n;
    }

    /** The same name and tags without the points: what a report of a failed series needs, without holding its rows. */
    public RawSeries identity() {
        return new RawSeries(name, tags, new long[0], new double[0], 0, null);
    }

    /** Why the series cannot be used (a time InfluxDB cannot store), or null. */
    public String problem() {
        return problem;
    }

    public String label() {
        return tags.isEmpty() ? name : name + tags;
    }

    /** The times array itself, for the regulariser in this package: not to be changed. */
    long[] epochNanosArray() {
        return epochNanos;
    }

    /** The values array itself, for the regulariser in this package: not to be changed. */
    double[] valuesArray() {
        return values;
    }

    /** The points at or before {@code time} (the data a forecast made then could see). */
    public RawSeries upTo(Instant time) {
        long limit = Timestamps.toEpochNanos(time);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (epochNanos[i] <= limit) {
                n++;
            }
        }
        long[] ts = new long[n];
        double[] vs = new double[n];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (epochNanos[i] <= limit) {
                ts[j] = epochNanos[i];
                vs[j++] = values[i];
            }
        }
        return new RawSeries(name, tags, ts, vs, n, problem);
    }
}
