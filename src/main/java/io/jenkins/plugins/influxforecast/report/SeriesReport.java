package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;

/**
 * One series of a run in metrics.json. A series that was forecast has every field but
 * {@code error}; a series that failed has its name, tags, status and error only.
 *
 * @param degradations what the engine did differently from what was asked, typed (empty: nothing)
 */
public record SeriesReport(
        String name,
        Map<String, String> tags,
        Status status,
        Integer points,
        String frequency,
        String start,
        String end,
        RegularisationReport regularisation,
        Integer smoothing,
        ValidationReport validation,
        ModelReport model,
        ForecastSpan forecast,
        List<Degradation> degradations,
        String error) {

    /** Whether the series was forecast. */
    public enum Status {
        @SerializedName("ok") OK,
        @SerializedName("failed") FAILED
    }

    public SeriesReport {
        tags = tags == null ? Map.of() : tags;
        degradations = degradations == null ? null : degradations.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** A series that could not be forecast, with the reason. */
    public static SeriesReport failed(String name, Map<String, String> tags, String error) {
        return new SeriesReport(name, tags, Status.FAILED, null, null, null, null, null, null, null, null, null, null, error);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** The series as the log names it: {@code name} or {@code name{k=v}}. */
    public String label() {
        return tags.isEmpty() ? name : name + tags;
    }

    /** The degradations (never null; empty for a failed series or a file written before they existed). */
    public List<Degradation> degradationList() {
        return degradations == null ? List.of() : degradations;
    }

    /** Whether a model of the fallback chain replaced the requested one, in validation or forecast. */
    public boolean fellBack() {
        return degradationList().stream().anyMatch(d -> d.kind() == Degradation.Kind.FALLBACK_USED)
                || model != null && model.replaced() != null && !model.replaced().isEmpty();
    }
}
