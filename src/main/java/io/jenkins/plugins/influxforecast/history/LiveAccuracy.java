package io.jenkins.plugins.influxforecast.history;

import java.util.List;
import java.util.Map;

/**
 * What a score run found: the scores per run and lead bucket, the scores per lead bucket over all
 * runs, drift per series, and the verdict.
 *
 * @param asOf        the time the forecasts were scored as of, epoch nanoseconds
 * @param runs        every run with at least one scored point, by series then issue time
 * @param byLead      per lead bucket, over every scored point of every run
 * @param drift       per series, live against backtest MASE over its last complete runs
 * @param liveMase    mean live MASE of the drift comparison over all series (NaN: no complete run)
 * @param backtestMase mean backtest MASE of the same runs (NaN: unknown)
 * @param maxLiveMase the gate on live MASE, or null
 * @param problems    why the run is unstable (drift, live MASE above the gate); empty when it is not
 * @param warnings    what could not be scored and why
 */
public record LiveAccuracy(long asOf, List<RunScore> runs, Map<String, Score> byLead, List<Drift> drift, double liveMase,
        double backtestMase, Double maxLiveMase, List<String> problems, List<String> warnings) {

    public LiveAccuracy {
        runs = List.copyOf(runs);
        byLead = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLead));
        drift = List.copyOf(drift);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean unstable() {
        return !problems.isEmpty();
    }
}
