package io.jenkins.plugins.influxforecast.model.ensemble;

import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ensemble(ets,theta,arima, combine=median)}: the median (default) or mean of the members'
 * forecasts, the M4 lesson that combinations beat their members. Interval bounds are combined the
 * same way, quantile by quantile (quantile averaging, Lichtendahl, Grushka-Cockayne and Winkler 2013).
 * {@code weights=[0.5,0.3,0.2]} (with {@code combine=mean}) weights the members, one positive weight
 * per member in order; {@code auto} writes the inverse-error weights of its backtest this way.
 * A member that fails to fit is left out with a warning (the others' weights are scaled up); at
 * least one must fit.
 */
public final class Ensemble implements ForecastModel {

    private final ModelSpec spec;
    private final List<ForecastModel> members;
    private final Combiner combine;
    private final double[] weights; // null: equal

    private Ensemble(ModelSpec spec, List<ForecastModel> members, Combiner combine, double[] weights) {
        this.spec = spec;
        this.members = members;
        this.combine = combine;
        this.weights = weights;
    }

    /** @param resolve builds each member from its spec (the model catalog) */
    public static Ensemble create(ModelSpec spec, Function<ModelSpec, ForecastModel> resolve) {
        spec.allowOnly("combine", "weights");
        if (spec.members().size() < 2) {
            throw new IllegalArgumentException("model ensemble needs at least two member models, e.g. ensemble(ets,theta,arima); got "
                    + spec.members().size());
        }
        Combiner c = Combiner.valueOf(spec.choiceParam("combine", "median", "median", "mean").toUpperCase(Locale.ROOT));
        double[] w = weights(spec, c);
        List<ForecastModel> ms = new ArrayList<>();
        for (ModelSpec m : spec.members()) {
            ms.add(resolve.apply(m));
        }
        return new Ensemble(spec, ms, c, w);
    }

    /** The weights of {@code weights=[..]}: one positive number per member, with combine=mean; null when absent. */
    private static double[] weights(ModelSpec spec, Combiner c) {
        if (!spec.has("weights")) {
            return null;
        }
        List<Double> w = spec.doubleListParam("weights", Double.MIN_VALUE, Double.MAX_VALUE);
        if (w.size() != spec.members().size()) {
            throw spec.badValue("weights", spec.param("weights").orElse(""), "one positive weight per member ("
                    + spec.members().size() + ")");
        }
        if (c != Combiner.MEAN) {
            throw spec.badValue("weights", spec.param("weights").orElse(""), "given with combine=mean only");
        }
        return w.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** An ensemble of already-built models (used by {@code auto}). */
    public static Ensemble of(ModelSpec spec, List<ForecastModel> members, Combiner combine) {
        return new Ensemble(spec, List.copyOf(members), combine, null);
    }

    /** A weighted mean of already-built models, one positive weight per member (used by {@code auto}). */
    public static Ensemble weighted(ModelSpec spec, List<ForecastModel> members, double[] weights) {
        if (weights.length != members.size()) {
            throw new IllegalArgumentException("ensemble needs one weight per member: " + members.size() + " members, "
                    + weights.length + " weights");
        }
        for (double w : weights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("ensemble weights must be positive and finite, got " + w);
            }
        }
        return new Ensemble(spec, List.copyOf(members), Combiner.MEAN, weights.clone());
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        List<FittedModel> fits = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RuntimeException first = null;
        for (int i = 0; i < members.size(); i++) {
            ForecastModel m = members.get(i);
            try {
                fits.add(m.fit(series));
                kept.add(weights == null ? 1.0 : weights[i]);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
                warnings.add("ensemble member " + m.spec() + " left out: " + e.getMessage());
            }
        }
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("no member of " + spec + " could be fitted: " + first.getMessage(), first);
        }
        List<ModelSpec> resolved = new ArrayList<>();
        for (FittedModel f : fits) {
            resolved.add(f.spec());
        }
        ModelSpec fittedSpec = ModelSpec.of(spec.name(), spec.params(), resolved);
        double[] w = weights == null ? null : kept.stream().mapToDouble(Double::doubleValue).toArray();
        if (w != null && fits.size() < members.size()) {
            fittedSpec = fittedSpec.with("weights", weightsText(w));
        }
        return new Fitted(fittedSpec, series, fits, combine, w, warnings);
    }

    /** Weights as a spec value, e.g. {@code [0.5,0.3,0.2]}, scaled to sum to one. */
    public static String weightsText(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4g", w[i] / sum));
        }
        return sb.append(']').toString();
    }

    /** The fitted ensemble: members' forecasts combined step by step. */
    static final class Fitted implements FittedModel {
        private final ModelSpec spec;
        private final TimeSeries series;
        private final List<FittedModel> fits;
        private final Combiner combine;
        private final double[] weights; // null: equal
        private final List<String> warnings;

        Fitted(ModelSpec spec, TimeSeries series, List<FittedModel> fits, Combiner combine, double[] weights, List<String> warnings) {
            this.spec = spec;
            this.series = series;
            this.fits = List.copyOf(fits);
            this.combine = combine;
            this.weights = weights;
            this.warnings = new ArrayList<>(warnings);
            for (FittedModel f : fits) {
                for (String w : f.warnings()) {
                    this.warnings.add(f.spec() + ": " + w);
                }
            }
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public TimeSeries series() {
            return series;
        }

        @Override
        public Forecast forecast(int horizon, double... levels) {
            List<Forecast> fcs = new ArrayList<>();
            for (FittedModel f : fits) {
                fcs.add(f.forecast(horizon, levels));
            }
            int k = fcs.size();
            double[] vals = new double[k];
            double[] mean = new double[horizon];
            for (int j = 0; j < horizon; j++) {
                for (int i = 0; i < k; i++) {
                    vals[i] = fcs.get(i).mean(j);
                }
                mean[j] = weights != null ? Combiner.weightedMean(vals, weights, k) : combine.combine(vals, k);
            }
            Forecast out = Forecast.of(spec.toString(), series, mean);
            for (double level : levels) {
                List<Forecast> with = new ArrayList<>();
                List<Integer> withIndex = new ArrayList<>();
                for (int i = 0; i < fcs.size(); i++) {
                    Forecast f = fcs.get(i);
                    if (f.hasIntervals() && contains(f.levels(), level)) {
                        with.add(f);
                        withIndex.add(i);
                    }
                }
                if (with.isEmpty()) {
                    continue;
                }
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                double[] lv = new double[with.size()];
                double[] hv = new double[with.size()];
                List<double[]> lows = new ArrayList<>();
                List<double[]> highs = new ArrayList<>();
                double[] wv = new double[with.size()];
                for (int i = 0; i < with.size(); i++) {
                    Forecast f = with.get(i);
                    lows.add(f.lower(level));
                    highs.add(f.upper(level));
                    wv[i] = weights == null ? 1 : weights[withIndex.get(i)];
                }
                for (int j = 0; j < horizon; j++) {
                    for (int i = 0; i < with.size(); i++) {
                        lv[i] = lows.get(i)[j];
                        hv[i] = highs.get(i)[j];
                    }
                    // the combined bounds always enclose the combined forecast
                    double l = weights != null ? Combiner.weightedMean(lv, wv, with.size()) : combine.combine(lv, with.size());
                    double u = weights != null ? Combiner.weightedMean(hv, wv, with.size()) : combine.combine(hv, with.size());
                    lo[j] = Math.min(l, mean[j]);
                    hi[j] = Math.max(u, mean[j]);
                }
                out = out.withInterval(level, lo, hi);
            }
            return out;
        }

        private static boolean contains(double[] a, double v) {
            for (double x : a) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public double[] fitted() {
            int n = series.size();
            double[] out = new double[n];
            List<double[]> all = new ArrayList<>();
            for (FittedModel f : fits) {
                all.add(f.fitted());
            }
            double[] vals = new double[all.size()];
            double[] wv = new double[all.size()];
            for (int t = 0; t < n; t++) {
                int c = 0;
                for (int i = 0; i < all.size(); i++) {
                    double[] a = all.get(i);
                    if (Double.isFinite(a[t])) {
                        wv[c] = weights == null ? 1 : weights[i];
                        vals[c++] = a[t];
                    }
                }
                out[t] = c == 0 ? Double.NaN : weights != null ? Combiner.weightedMean(vals, wv, c) : combine.combine(vals, c);
            }
            return out;
        }


        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("combine", combine.name().toLowerCase(Locale.ROOT));
            if (weights != null) {
                double sum = 0;
                for (double w : weights) {
                    sum += w;
                }
                List<Double> w = new ArrayList<>();
                for (double v : weights) {
                    w.add(v / sum);
                }
                p.put("weights", w);
            }
            List<Map<String, Object>> ms = new ArrayList<>();
            for (FittedModel f : fits) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("spec", f.spec().toString());
                m.put("parameters", f.parameters());
                ms.add(m);
            }
            p.put("members", ms);
            return p;
        }

        @Override
        public List<String> warnings() {
            return List.copyOf(warnings);
        }
    }
}
