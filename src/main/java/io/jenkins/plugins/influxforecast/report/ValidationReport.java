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
 */
public record ValidationReport(
        int points,
        @SerializedName("train_points") Integer trainPoints,
        String model,
        @SerializedName("mase_season") Integer maseSeason,
        Scores metrics,
        Map<String, Double> coverage) {

    /** No validation part. */
    public static ValidationReport none() {
        return new ValidationReport(0, null, null, null, null, null);
    }
}
