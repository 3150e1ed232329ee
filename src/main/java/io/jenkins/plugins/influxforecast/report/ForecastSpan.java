package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/** The future forecast of one series: its length, first and last time (ISO-8601) and interval levels. */
public record ForecastSpan(int points, String start, String end,
        @SerializedName("interval_levels") List<Double> intervalLevels) {
}
