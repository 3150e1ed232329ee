package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;

/**
 * The forecasting model of one series (fitted on all the data).
 *
 * @param spec        the fitted spec, with the choices made while fitting
 * @param parameters  the fitted parameters as the model family reports them
 * @param warnings    the model's own notes, in words (the typed form is {@link SeriesReport#degradations()})
 * @param flags       the flag names of the degradations that change the model's shape, e.g. season_dropped; null if none
 * @param replaced    the models of the fallback chain that were replaced, in order; null if none
 * @param intervals   where the intervals come from: model, calibrated from backtest errors, none; null without levels
 * @param nonNegative the clipping of negative values; null unless asked for
 */
public record ModelReport(
        String spec,
        Map<String, Object> parameters,
        List<String> warnings,
        List<String> flags,
        List<Replacement> replaced,
        String intervals,
        @SerializedName("non_negative") Clipping nonNegative) {

    /** One step of the fallback chain: {@code model} failed at {@code stage} because of {@code problem}. */
    public record Replacement(String stage, String model, String problem, @SerializedName("replaced_by") String replacedBy) {
    }

    /** How many forecast values (means and interval bounds) were below zero and set to zero. */
    public record Clipping(@SerializedName("clipped_values") int clippedValues) {
    }
}
