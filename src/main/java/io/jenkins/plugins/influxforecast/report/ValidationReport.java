package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import java.util.Map;

/**
 * The score of one series on its held-out part. {@code model} is the model that was fitted on the
 * training part and earned these scores; it can differ from the forecasting model (auto chooses
 * again on all the data).
 *
 * @param points      the held-out points (0: no validation; the other fields are then null)
 * @param trainPoints the points the validation model was fitted on
 * @param model       the validation model's spec
 * @param maseSeason  the lag of MASE's in-sample scale
 * @param metrics     the scores
 * @param coverage    the share of actuals inside each interval, keyed by level ("80", "95")
 * @param baseline    the seasonal naive forecast (naive without a season) scored on the same points: the yardstick
 * @param fvaPercent  forecast value added: how much lower the model's MASE is than the baseline's, in percent
 *                    (100 x (1 - MASE / baseline MASE); negative when the baseline did better); null when unknown
 */
public record ValidationReport(
        int points,
        @SerializedName("train_points") Integer trainPoints,
        String model,
        @SerializedName("mase_season") Integer maseSeason,
        Scores metrics,
        Map<String, Double> coverage,
        Baseline baseline,
        @SerializedName("fva_percent") Double fvaPercent) {
    public ValidationReport {
        coverage = coverage == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coverage));
    }

    /** The yardstick's spec and its scores on the held-out points. */
    public record Baseline(String model, Scores metrics) {
    }

    public ValidationReport(int points, Integer trainPoints, String model, Integer maseSeason, Scores metrics,
            Map<String, Double> coverage) {
        this(points, trainPoints, model, maseSeason, metrics, coverage, null, null);
    }

    /** No validation part. */
    public static ValidationReport none() {
        return new ValidationReport(0, null, null, null, null, null);
    }

    /** FVA in percent from the model's and the baseline's MASE; null when either is unknown or the baseline is perfect. */
    public static Double fva(Double mase, Double baselineMase) {
        if (mase == null || baselineMase == null || !Double.isFinite(mase) || !(baselineMase > 0) || !Double.isFinite(baselineMase)) {
            return null;
        }
        return 100 * (1 - mase / baselineMase);
    }
}
