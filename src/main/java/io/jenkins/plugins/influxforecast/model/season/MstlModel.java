package io.jenkins.plugins.influxforecast.model.season;

import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Forecasting through a seasonal decomposition, R's {@code stlf} idea generalised to several periods:
 * MSTL ({@link Mstl}) removes every seasonal component, a non-seasonal model forecasts the seasonally
 * adjusted series (trend + remainder), and each seasonal component is continued by repeating its
 * last cycle (a seasonal naive forecast per component) and added back, to the point forecast and to
 * the interval bounds alike. This is how cycles far above what seasonal ETS takes (144, 1008) are
 * forecast.
 *
 * <p>Spec: {@code mstl(ets, seasons=[24,168])} or {@code mstl(model=theta)}; {@code stlf} is the same
 * model under R's name. Parameters: the inner model (positional, default {@code ets}; it is given
 * {@code season=none} when it takes a season), {@code seasons=[..]} or {@code season=m|none|auto}
 * (default: the periods {@link Seasonality} finds), {@code swindow=} STL seasonal window for every
 * component (odd, or {@code periodic}; default 11, 15, 19, ... as R), {@code robust=true},
 * {@code iterate=} MSTL passes. Periods without two full cycles are dropped with a warning when
 * detected, and fail when given.
 */
public final class MstlModel implements ForecastModel {

    private final ModelSpec spec;
    private final ModelSpec inner;
    private final ForecastModel innerModel;
    private final Seasonality.Choice choice;
    private final Integer seasonalWindow;
    private final boolean robust;
    private final Integer iterate;

    private MstlModel(ModelSpec spec, Function<ModelSpec, ForecastModel> resolve) {
        spec.allowOnly("model", Seasonality.SEASON, Seasonality.SEASONS, "swindow", "robust", "iterate");
        if (spec.members().size() > 1) {
            throw new IllegalArgumentException("model " + spec.name() + " takes one inner model, got " + spec.members().size());
        }
        if (!spec.members().isEmpty() && spec.has("model")) {
            throw new IllegalArgumentException("model " + spec.name() + ": give the inner model either positionally or as model=, not both");
        }
        this.spec = spec;
        ModelSpec in = !spec.members().isEmpty() ? spec.members().get(0) : ModelSpec.parse(spec.param("model").orElse("ets"));
        if (in.has(Seasonality.SEASON) || in.has(Seasonality.SEASONS)) {
            throw new IllegalArgumentException("model " + spec.name() + ": the inner model " + in
                    + " forecasts the seasonally adjusted series and must not set a season; give season(s) to " + spec.name());
        }
        ForecastModel m;
        ModelSpec used;
        try {
            used = in.with(Seasonality.SEASON, "none");
            m = resolve.apply(used);
        } catch (IllegalArgumentException e) {
            used = in;
            m = resolve.apply(in);
        }
        this.inner = used;
        this.innerModel = m;
        this.choice = Seasonality.choice(spec);
        String sw = spec.param("swindow").orElse(null);
        if (sw == null) {
            seasonalWindow = null;
        } else if (sw.trim().equalsIgnoreCase("periodic")) {
            seasonalWindow = Stl.Options.PERIODIC;
        } else {
            int w = spec.intParam("swindow", 11, 3, 1_000_001);
            if (w % 2 == 0) {
                throw spec.badValue("swindow", sw, "an odd integer >= 3 or periodic");
            }
            seasonalWindow = w;
        }
        this.robust = spec.boolParam("robust", false);
        this.iterate = spec.has("iterate") ? spec.intParam("iterate", 2, 1, 10) : null;
    }

    /** @param resolve builds the inner model from its spec (the model catalog) */
    public static MstlModel create(ModelSpec spec, Function<ModelSpec, ForecastModel> resolve) {
        return new MstlModel(spec, resolve);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        double[] y = series.values();
        int n = y.length;
        List<String> warnings = new ArrayList<>();
        List<Integer> periods;
        if (choice.explicit()) {
            periods = choice.periods();
            for (int m : periods) {
                if (!(m < n / 2.0)) {
                    throw new IllegalArgumentException("series '" + series.label() + "' too short for " + spec.name() + " with period " + m
                            + ": " + n + " points, need at least " + (2 * m + 1));
                }
            }
        } else {
            periods = new ArrayList<>(Seasonality.detect(y, series.frequency().candidatePeriods(), null));
            for (int m : Mstl.droppedPeriods(n, periods)) {
                warnings.add(String.format(Locale.ROOT, "seasonality %d dropped: only %.1f periods of data", m, (double) n / m));
            }
        }
        int[] usable = Mstl.usablePeriods(n, periods);
        if (usable.length == 0) {
            if (!choice.explicit() && !series.frequency().candidatePeriods().isEmpty()) {
                warnings.add("no seasonal period found (candidates " + series.frequency().candidatePeriods()
                        + "); the inner model forecasts the series itself");
            }
            FittedModel f = innerModel.fit(series);
            return new Fitted(spec.with(Seasonality.SEASON, "none"), series, null, f, warnings);
        }
        int[] windows = null;
        if (seasonalWindow != null) {
            windows = new int[usable.length];
            Arrays.fill(windows, seasonalWindow);
        }
        Decomposition d = Mstl.decompose(y, usable, windows, iterate != null ? iterate : (usable.length > 1 ? 2 : 1), robust);
        FittedModel f = innerModel.fit(series.withValues(d.adjusted()));
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < usable.length; i++) {
            sb.append(i > 0 ? "," : "").append(usable[i]);
        }
        ModelSpec resolved = spec.without(Seasonality.SEASON).without(Seasonality.SEASONS).with(Seasonality.SEASONS, sb.append(']'));
        return new Fitted(resolved, series, d, f, warnings);
    }

    /** The fitted wrapper: the decomposition and the inner model's fit. */
    public static final class Fitted implements FittedModel {
        private final ModelSpec spec;
        private final TimeSeries series;
        private final Decomposition decomposition;
        private final FittedModel inner;
        private final List<String> warnings;

        Fitted(ModelSpec spec, TimeSeries series, Decomposition decomposition, FittedModel inner, List<String> warnings) {
            this.spec = spec;
            this.series = series;
            this.decomposition = decomposition;
            this.inner = inner;
            List<String> w = new ArrayList<>(warnings);
            w.addAll(inner.warnings());
            this.warnings = List.copyOf(w);
        }

        /** The MSTL decomposition, or null when no seasonal period was used. */
        public Decomposition decomposition() {
            return decomposition;
        }

        /** The inner model fitted to the seasonally adjusted series. */
        public FittedModel inner() {
            return inner;
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
            Forecast f = inner.forecast(horizon, levels);
            if (decomposition == null) {
                return f.withModel(spec.toString());
            }
            double[] s = decomposition.seasonalForecast(horizon);
            double[] mean = f.mean();
            for (int i = 0; i < horizon; i++) {
                mean[i] += s[i];
            }
            Forecast out = Forecast.of(spec.toString(), series, mean);
            for (double level : f.levels()) {
                double[] lo = f.lower(level);
                double[] hi = f.upper(level);
                for (int i = 0; i < horizon; i++) {
                    lo[i] += s[i];
                    hi[i] += s[i];
                }
                out = out.withInterval(level, lo, hi);
            }
            return out;
        }

        @Override
        public double[] fitted() {
            double[] f = inner.fitted();
            if (decomposition != null) {
                double[] s = decomposition.seasonalTotal();
                for (int i = 0; i < f.length; i++) {
                    f[i] += s[i];
                }
            }
            return f;
        }


        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            if (decomposition != null) {
                p.put("seasons", Arrays.stream(decomposition.periods()).boxed().toList());
            } else {
                p.put("seasons", List.of());
            }
            p.put("model", inner.spec().toString());
            p.put("inner", inner.parameters());
            return p;
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }
    }
}
