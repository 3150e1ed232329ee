package io.jenkins.plugins.influxforecast.report;

import com.google.gson.annotations.SerializedName;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumMap;
import java.util.function.Function;

/**
 * The run at a glance, computed from the series reports.
 *
 * @param series            series read
 * @param succeeded         series forecast
 * @param failed            series that could not be forecast
 * @param model             the forecasting model, or {@code several} when the series differ
 * @param pointsForecast    forecast points over all series
 * @param validation        the mean of each validation score over the scored series (null: none scored)
 * @param fallback          series where a model of the fallback chain replaced the requested one
 * @param models            forecasting model family (the spec without parameters, e.g. {@code ensemble(arima,theta)})
 *                          to the number of series it forecast, most used first
 * @param validationMedian  the median of each validation score (null: none scored)
 * @param degradations      degradation kind (its name, e.g. {@code SEASON_DROPPED}) to the number of series that had it
 */
public record RunSummary(
        int series,
        int succeeded,
        int failed,
        String model,
        @SerializedName("points_forecast") long pointsForecast,
        Scores validation,
        int fallback,
        Map<String, Integer> models,
        @SerializedName("validation_median") Scores validationMedian,
        Map<String, Integer> degradations) {

    /** Sums up the reports of a run. */
    public static RunSummary of(List<SeriesReport> reports) {
        int ok = 0;
        int fallback = 0;
        long points = 0;
        String model = null;
        Map<String, Integer> models = new LinkedHashMap<>();
        Map<Degradation.Kind, Integer> kinds = new EnumMap<>(Degradation.Kind.class);
        List<Scores> scored = new ArrayList<>();
        for (SeriesReport r : reports) {
            if (!r.ok()) {
                continue;
            }
            ok++;
            String spec = r.model().spec();
            model = model == null ? spec : model.equals(spec) ? model : "several";
            models.merge(family(ModelSpec.parse(spec)), 1, Integer::sum);
            points += r.forecast().points();
            if (r.fellBack()) {
                fallback++;
            }
            r.degradationList().stream().map(Degradation::kind).distinct().forEach(k -> kinds.merge(k, 1, Integer::sum));
            if (r.validation() != null && r.validation().metrics() != null) {
                scored.add(r.validation().metrics());
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        models.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return new RunSummary(reports.size(), ok, reports.size() - ok, model, points,
                scored.isEmpty() ? null : combine(scored, RunSummary::mean), fallback, sorted,
                scored.isEmpty() ? null : combine(scored, RunSummary::median), names(kinds));
    }

    /**
     * A spec without its parameters, members in alphabetical order (a combination does not depend on
     * their order): {@code ensemble(arima,mstl(theta))}, {@code ets}.
     */
    public static String family(ModelSpec spec) {
        if (spec.members().isEmpty()) {
            return spec.name();
        }
        return spec.name() + "(" + String.join(",", spec.members().stream().map(RunSummary::family).sorted().toList()) + ")";
    }

    private static Map<String, Integer> names(Map<Degradation.Kind, Integer> kinds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        kinds.forEach((k, n) -> out.put(k.name(), n));
        return out;
    }

    private static Scores combine(List<Scores> all, Function<double[], Double> f) {
        return new Scores(f.apply(values(all, Scores::mae)), f.apply(values(all, Scores::rmse)), f.apply(values(all, Scores::mape)),
                f.apply(values(all, Scores::smape)), f.apply(values(all, Scores::mase)));
    }

    private static double[] values(List<Scores> all, Function<Scores, Double> metric) {
        return all.stream().map(metric).mapToDouble(d -> d == null ? Double.NaN : d).toArray();
    }

    /** The mean; NaN (null in the file) as soon as one series has no value, as a sum would give. */
    private static Double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        double m = s / v.length;
        return Double.isFinite(m) ? m : null;
    }

    /** The median of the series that have a value; null when none has. */
    private static Double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) {
            return null;
        }
        int n = f.length;
        return n % 2 == 1 ? f[n / 2] : (f[n / 2 - 1] + f[n / 2]) / 2;
    }
}
