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
 * @param degenerateIntervals forecasts kept although an interval had zero width at some steps (widened,
 *                    or accepted for an exact fit), by stage; null if none
 */
public record ModelReport(
        String spec,
        Map<String, Object> parameters,
        List<String> warnings,
        List<String> flags,
        List<Replacement> replaced,
        String intervals,
        @SerializedName("non_negative") Clipping nonNegative,
        @SerializedName("degenerate_intervals") List<DegenerateIntervals> degenerateIntervals) {

    public ModelReport {
        parameters = parameters == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        warnings = warnings == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(warnings));
        flags = flags == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(flags));
        replaced = replaced == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(replaced));
        degenerateIntervals = degenerateIntervals == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(degenerateIntervals));
    }

    /** A report without degenerate intervals. */
    public ModelReport(String spec, Map<String, Object> parameters, List<String> warnings, List<String> flags,
            List<Replacement> replaced, String intervals, Clipping nonNegative) {
        this(spec, parameters, warnings, flags, replaced, intervals, nonNegative, null);
    }

    /**
     * A forecast whose interval had zero width at {@code steps} steps and was kept: {@code action} is
     * {@code widened} (to the normal interval of the model's in-sample errors) or {@code accepted} (the
     * model reproduces its history exactly); {@code note} says so in words.
     */
    public record DegenerateIntervals(String stage, String model, int steps, String action, String note) {
    }

    /** One step of the fallback chain: {@code model} failed at {@code stage} because of {@code problem}. */
    public record Replacement(String stage, String model, String problem, @SerializedName("replaced_by") String replacedBy) {
    }

    /** How many forecast values (means and interval bounds) were below zero and set to zero. */
    public record Clipping(@SerializedName("clipped_values") int clippedValues) {
    }
}
