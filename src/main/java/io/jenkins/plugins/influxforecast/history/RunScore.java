package io.jenkins.plugins.influxforecast.history;

import java.util.Map;

/**
 * The live accuracy of one run of one series.
 *
 * @param series       the series label
 * @param tags         the series' tags
 * @param issued       the run's issue time, epoch seconds
 * @param origin       the run's origin, epoch seconds
 * @param model        the model of the run
 * @param build        the build of the run, or null
 * @param backtestMase the run's validation MASE (NaN: none)
 * @param points       the run's forecast points read
 * @param complete     whether every target time of the run has passed
 * @param all          the score over all scored points
 * @param byLead       the score per lead bucket label, in bucket order
 */
public record RunScore(String series, Map<String, String> tags, long issued, long origin, String model, Integer build,
        double backtestMase, int points, boolean complete, Score all, Map<String, Score> byLead) {

    public RunScore {
        tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        byLead = byLead == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLead));
    }
}
