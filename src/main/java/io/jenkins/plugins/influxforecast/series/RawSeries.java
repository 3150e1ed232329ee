package io.jenkins.plugins.influxforecast.series;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points as read from a file, before regularisation: times in file order (possibly unsorted,
 * duplicated or off-grid) and values, NaN where the file had an empty value (an empty InfluxDB
 * bucket). Immutable.
 */
public final class RawSeries {

    private final String name;
    private final Map<String, String> tags;
    private final Instant[] times;
    private final double[] values;

    public RawSeries(String name, Map<String, String> tags, Instant[] times, double[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException(times.length + " times but " + values.length + " values");
        }
        this.name = name;
        this.tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        this.times = times.clone();
        this.values = values.clone();
    }

    public String name() {
        return name;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public int size() {
        return times.length;
    }

    public Instant time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    public Instant[] times() {
        return times.clone();
    }

    public double[] values() {
        return values.clone();
    }

    /** Number of points with a finite value. */
    public long finiteCount() {
        return Arrays.stream(values).filter(Double::isFinite).count();
    }

    public String label() {
        return tags.isEmpty() ? name : name + tags;
    }

    /** The points at or before {@code time} (the data a forecast made then could see). */
    public RawSeries upTo(Instant time) {
        int n = 0;
        for (Instant t : times()) {
            if (!t.isAfter(time)) {
                n++;
            }
        }
        Instant[] ts = new Instant[n];
        double[] vs = new double[n];
        int j = 0;
        for (int i = 0; i < size(); i++) {
            if (!time(i).isAfter(time)) {
                ts[j] = time(i);
                vs[j++] = value(i);
            }
        }
        return new RawSeries(name(), tags(), ts, vs);
    }
}
