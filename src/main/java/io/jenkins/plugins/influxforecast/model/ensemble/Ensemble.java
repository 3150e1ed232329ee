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
 * A member that fails to fit is left out with a warning; at least one must fit.
 */
public final class Ensemble implements ForecastModel {

    private final ModelSpec spec;
    private final List<ForecastModel> members;
    private final Combiner combine;

    private Ensemble(ModelSpec spec, List<ForecastModel> members, Combiner combine) {
        this.spec = spec;
        this.members = members;
        this.combine = combine;
    }

    /** @param resolve builds each member from its spec (the model catalog) */
    public static Ensemble create(ModelSpec spec, Function<ModelSpec, ForecastModel> resolve) {
        spec.allowOnly("combine");
        if (spec.members().size() < 2) {
            throw new IllegalArgumentException("model ensemble needs at least two member models, e.g. ensemble(ets,theta,arima); got "
                    + spec.members().size());
        }
        Combiner c = Combiner.valueOf(spec.choiceParam("combine", "median", "median", "mean").toUpperCase(Locale.ROOT));
        List<ForecastModel> ms = new ArrayList<>();
        for (ModelSpec m : spec.members()) {
            ms.add(resolve.apply(m));
        }
        return new Ensemble(spec, ms, c);
    }

    /** An ensemble of already-built models (used by {@code auto}). */
    public static Ensemble of(ModelSpec spec, List<ForecastModel> members, Combiner combine) {
        return new Ensemble(spec, List.copyOf(members), combine);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        List<FittedModel> fits = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RuntimeException first = null;
        for (ForecastModel m : members) {
            try {
                fits.add(m.fit(series));
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
        return new Fitted(fittedSpec, series, fits, combine, warnings);
    }

    /** The fitted ensemble: members' forecasts combined step by step. */
    static final class Fitted implements FittedModel {
        private final ModelSpec spec;
        private final TimeSeries series;
        private final List<FittedModel> fits;
        private final Combiner combine;
        private final List<String> warnings;

        Fitted(ModelSpec spec, TimeSeries series, List<FittedModel> fits, Combiner combine, List<String> warnings) {
            this.spec = spec;
            this.series = series;
            this.fits = List.copyOf(fits);
            this.combine = combine;
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
                mean[j] = combine.combine(vals, k);
            }
            Forecast out = Forecast.of(spec.toString(), series, mean);
            for (double level : levels) {
                List<Forecast> with = new ArrayList<>();
                for (Forecast f : fcs) {
                    if (f.hasIntervals() && contains(f.levels(), level)) {
                        with.add(f);
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
                for (Forecast f : with) {
                    lows.add(f.lower(level));
                    highs.add(f.upper(level));
                }
                for (int j = 0; j < horizon; j++) {
                    for (int i = 0; i < with.size(); i++) {
                        lv[i] = lows.get(i)[j];
                        hv[i] = highs.get(i)[j];
                    }
                    // the combined bounds always enclose the combined forecast
                    lo[j] = Math.min(combine.combine(lv, with.size()), mean[j]);
                    hi[j] = Math.max(combine.combine(hv, with.size()), mean[j]);
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
            for (int t = 0; t < n; t++) {
                int c = 0;
                for (double[] a : all) {
                    if (Double.isFinite(a[t])) {
                        vals[c++] = a[t];
                    }
                }
                out[t] = c == 0 ? Double.NaN : combine.combine(vals, c);
            }
            return out;
        }


        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("combine", combine.name().toLowerCase(Locale.ROOT));
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
