package io.jenkins.plugins.influxforecast.history;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The observed values of one series, by time (epoch nanoseconds), to score forecasts against.
 *
 * @param name   the series name (the measurement it was read from)
 * @param tags   its tags
 * @param values value by time; NaN for an empty value
 */
public record ActualSeries(String name, Map<String, String> tags, NavigableMap<Long, Double> values) {

    public ActualSeries {
        tags = Map.copyOf(tags);
        values = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(values));
    }

    /** Whether every tag of this series has the same value in {@code other} (a series without tags matches any). */
    public boolean matches(Map<String, String> other) {
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!e.getValue().equals(other.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
