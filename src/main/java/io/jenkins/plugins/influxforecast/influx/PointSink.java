package io.jenkins.plugins.influxforecast.influx;

import java.util.Map;

/** Receives the series of a query answer as they stream in. */
public interface PointSink {

    /** A new series (a measurement and a tag set) starts; its points follow. */
    void beginSeries(String name, Map<String, String> tags);

    /** One point of the current series; {@code value} is NaN for an empty (null) value. */
    void point(long epochNanos, double value);

    /** The current series is complete. */
    void endSeries();

    /** Forgets every series and point received so far: the answer is read again from its start (a retry). */
    void discardAll();
}
