package io.jenkins.plugins.influxforecast.history;

import java.time.Instant;
import java.util.Map;

/**
 * Where and how a run's forecast goes into the history measurement (see docs/history.md): one point
 * per step, the target time as timestamp, the series' tags plus {@code lead} (steps ahead of the
 * forecast origin) as tags, and as fields the forecast value, the interval bounds, the issue time,
 * the origin, the model, the build, the MASE scale of the training data and the backtest MASE.
 *
 * @param measurement the measurement, or null for {@code <series name>-forecast-history}
 * @param valueField  the field key of the forecast value (the forecast's {@code field})
 * @param extraTags   tags added to every point (the forecast's {@code tags})
 * @param issued      when the forecast was made (the run's asOf)
 * @param build       the build that made it, or null
 */
public record HistoryLayout(String measurement, String valueField, Map<String, String> extraTags, Instant issued,
        Integer build) {

    /** The tag holding the steps ahead of the forecast origin (1 = the first step after the last observation). */
    public static final String LEAD = "lead";
    /** Field: the run's issue time (asOf), epoch seconds. */
    public static final String ISSUED = "issued";
    /** Field: the forecast origin, the time of the last observation the model saw, epoch seconds. */
    public static final String ORIGIN = "origin";
    /** Field (string): the model that made the forecast. */
    public static final String MODEL = "model";
    /** Field: the build number. */
    public static final String BUILD = "build";
    /** Field: the MASE denominator of the training data (in-sample mean absolute seasonal difference). */
    public static final String SCALE = "scale";
    /** Field: the model's MASE on the validation part of the same run (the backtest score). */
    public static final String BACKTEST_MASE = "backtest_mase";
    /** Prefixes of the interval bound fields, followed by the level ({@code lower_80}). */
    public static final String LOWER = "lower_";
    public static final String UPPER = "upper_";

    public HistoryLayout {
        if (valueField == null || valueField.isBlank()) {
            throw new IllegalArgumentException("field must not be empty");
        }
        if (issued == null) {
            throw new IllegalArgumentException("the history needs the issue time of the run (asOf)");
        }
        extraTags = extraTags == null ? Map.of() : Map.copyOf(extraTags);
        if (extraTags.containsKey(LEAD)) {
            throw new IllegalArgumentException("tag '" + LEAD + "' is the history's lead tag; choose another tag key");
        }
        if (java.util.Set.of(ISSUED, ORIGIN, MODEL, BUILD, SCALE, BACKTEST_MASE).contains(valueField)
                || valueField.startsWith(LOWER) || valueField.startsWith(UPPER)) {
            throw new IllegalArgumentException("field '" + valueField + "' is one of the history's own fields; choose another --field");
        }
    }

    /** The default history measurement of a forecast or series name. */
    public static String defaultMeasurement(String name) {
        return name + "-forecast-history";
    }

    public String measurementFor(String seriesName) {
        return measurement != null ? measurement : defaultMeasurement(seriesName);
    }
}
