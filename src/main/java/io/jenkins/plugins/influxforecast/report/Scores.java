package io.jenkins.plugins.influxforecast.report;

import java.util.Map;

/**
 * Accuracy of a forecast against held-out actuals (see evaluate/Metrics). A score that cannot be
 * computed (MAPE with a zero actual, MASE of a series without in-sample change) is null.
 */
public record Scores(Double mae, Double rmse, Double mape, Double smape, Double mase) {

    /** From the map of evaluate/Metrics.all; NaN and infinities become null. */
    public static Scores of(Map<String, Double> m) {
        return new Scores(finite(m.get("mae")), finite(m.get("rmse")), finite(m.get("mape")), finite(m.get("smape")),
                finite(m.get("mase")));
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}
