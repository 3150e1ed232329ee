package io.jenkins.plugins.influxforecast.influx;

import java.util.List;

/**
 * What a query answered, apart from the points (which went to a {@link PointSink}).
 *
 * @param series   series blocks in the answer (a series split over chunks counts once)
 * @param rows     rows read, empty values included
 * @param messages the server's warnings ("deprecated use of ...")
 */
public record QueryAnswer(int series, long rows, List<String> messages) {

    public QueryAnswer {
        messages = List.copyOf(messages);
    }
}
