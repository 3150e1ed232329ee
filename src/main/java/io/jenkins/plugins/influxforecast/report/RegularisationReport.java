package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import io.jenkins.plugins.influxforecast.series.Regularizer;

/** What regularisation changed in one series (see series/Regularizer). */
public record RegularisationReport(
        @SerializedName("points_read") int pointsRead,
        @SerializedName("empty_edge_rows_dropped") int emptyEdgeRowsDropped,
        @SerializedName("duplicates_merged") int duplicatesMerged,
        @SerializedName("off_grid_points_moved") int offGridPointsMoved,
        @SerializedName("gaps_filled") int gapsFilled,
        @SerializedName("points_filled") int pointsFilled,
        @SerializedName("longest_gap") int longestGap,
        @SerializedName("frequency_inferred") boolean frequencyInferred) {

    public static RegularisationReport of(Regularizer.Report r) {
        return new RegularisationReport(r.pointsRead(), r.emptyEdgeRows(), r.duplicatesMerged(), r.offGrid(), r.gaps(),
                r.pointsFilled(), r.longestGap(), r.frequencyInferred());
    }
}
