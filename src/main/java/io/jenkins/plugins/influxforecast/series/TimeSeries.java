package io.jenkins.plugins.influxforecast.series;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A regular time series: a name, tags, the time of the first value, a {@link Frequency} and the
 * values, one per step. Immutable: arrays are copied in and out. Values may be NaN only where a
 * reader marks a gap; the regulariser fills or rejects those before a model sees them.
 */
public final class TimeSeries {

    private final String name;
    private final Map<String, String> tags;
    private final Instant start;
    private final Frequency frequency;
    private final double[] values;

    private TimeSeries(String name, Map<String, String> tags, Instant start, Frequency frequency, double[] values) {
        this(name, tags, start, frequency, values, true);
    }

    private TimeSeries(String name, Map<String, String> tags, Instant start, Frequency frequency, double[] values, boolean copy) {
        this.name = Objects.requireNonNull(name, "name");
        this.tags = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tags, "tags")));
        this.start = Objects.requireNonNull(start, "start");
        this.frequency = Objects.requireNonNull(frequency, "frequency");
        this.values = copy ? values.clone() : values;
    }

    /**
     * A series that takes ownership of {@code values} instead of copying them: for the readers and the
     * regulariser in this package, which made the array and drop it, so that a long series is not held twice.
     */
    static TimeSeries adopt(String name, Map<String, String> tags, Instant start, Frequency frequency, double[] values) {
        return new TimeSeries(name, tags, start, frequency, values, false);
    }

    public static TimeSeries of(String name, Instant start, Frequency frequency, double... values) {
        return new TimeSeries(name, Map.of(), start, frequency, values);
    }

    public static TimeSeries of(String name, Map<String, String> tags, Instant start, Frequency frequency, double... values) {
        return new TimeSeries(name, tags, start, frequency, values);
    }

    /** A series without meaningful times (benchmarks, tests): starts at the epoch, one step a second. */
    public static TimeSeries ofValues(String name, double... values) {
        return new TimeSeries(name, Map.of(), Instant.EPOCH, Frequency.of(java.time.Duration.ofSeconds(1)), values);
    }

    public String name() {
        return name;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Instant start() {
        return start;
    }

    public Frequency frequency() {
        return frequency;
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public double get(int i) {
        return values[i];
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    /** The time of the value at index {@code i} (any integer: negative is before the start). */
    public Instant time(long i) {
        return frequency.plus(start, i);
    }

    /** The time of the last value. */
    public Instant end() {
        if (values.length == 0) {
            throw new IllegalStateException("series '" + name + "' is empty");
        }
        return time(values.length - 1L);
    }

    /** Values {@code from} (inclusive) to {@code to} (exclusive), keeping name, tags and frequency. */
    public TimeSeries slice(int from, int to) {
        if (from < 0 || to > values.length || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a series of " + values.length);
        }
        return new TimeSeries(name, tags, time(from), frequency, Arrays.copyOfRange(values, from, to));
    }

    public TimeSeries head(int n) {
        return slice(0, Math.min(n, values.length));
    }

    public TimeSeries tail(int n) {
        return slice(Math.max(0, values.length - n), values.length);
    }

    /** The same times with other values (same length). */
    public TimeSeries withValues(double... newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException("withValues needs " + values.length + " values, got " + newValues.length);
        }
        return new TimeSeries(name, tags, start, frequency, newValues);
    }

    public TimeSeries withName(String newName) {
        return new TimeSeries(newName, tags, start, frequency, values);
    }

    public TimeSeries withTags(Map<String, String> newTags) {
        return new TimeSeries(name, newTags, start, frequency, values);
    }

    /** A label for messages: the name and the tags. */
    public String label() {
        return tags.isEmpty() ? name : name + tags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t && t.name.equals(name) && t.tags.equals(tags) && t.start.equals(start)
                && t.frequency.equals(frequency) && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tags, start, frequency, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TimeSeries[" + label() + ", " + values.length + " x " + frequency + " from " + start + "]";
    }
}
