package io.jenkins.plugins.influxforecast.history;

import java.util.Map;

/**
 * Live against backtest accuracy of one series over its last complete runs.
 *
 * @param series       the series label
 * @param tags         its tags
 * @param runs         complete runs compared (at most the requested number)
 * @param liveMase     mean live MASE of those runs
 * @param backtestMase mean validation MASE of the same runs
 * @param factor       the allowed ratio of live to backtest MASE
 * @param drifting     whether live MASE is above factor times backtest MASE
 */
public record Drift(String series, Map<String, String> tags, int runs, double liveMase, double backtestMase, double factor,
        boolean drifting) {

    public Drift {
        tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** Live MASE divided by backtest MASE (NaN when either is unknown). */
    public double ratio() {
        return backtestMase > 0 ? liveMase / backtestMase : Double.NaN;
    }
}
