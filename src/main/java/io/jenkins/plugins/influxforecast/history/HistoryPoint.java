package io.jenkins.plugins.influxforecast.history;

import java.util.Map;

/**
 * One point of the history measurement as read back: a forecast of one step of one run.
 *
 * @param tags          the series' tags (without {@code lead})
 * @param lead          steps ahead of the origin
 * @param target        the target time, epoch nanoseconds
 * @param value         the forecast
 * @param bounds        interval bounds per level name ({@code "80"} -> {lower, upper})
 * @param issued        the run's issue time, epoch seconds
 * @param origin        the run's origin (last observation), epoch seconds
 * @param model         the model, or null when the point carries none
 * @param build         the build, or null
 * @param scale         MASE's denominator of the run's training data, NaN when unknown
 * @param backtestMase  the run's validation MASE, NaN when unknown
 */
public record HistoryPoint(Map<String, String> tags, int lead, long target, double value, Map<String, double[]> bounds,
        long issued, long origin, String model, Integer build, double scale, double backtestMase) {

    public HistoryPoint {
        tags = Map.copyOf(tags);
        bounds = Map.copyOf(bounds);
    }
}
