package io.jenkins.plugins.influxforecast.catalog;

import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.model.arima.Arima;
import io.jenkins.plugins.influxforecast.model.ensemble.Ensemble;
import io.jenkins.plugins.influxforecast.model.ets.EtsModel;
import io.jenkins.plugins.influxforecast.model.fft.FftModel;
import io.jenkins.plugins.influxforecast.model.naive.LagWalk;
import io.jenkins.plugins.influxforecast.model.naive.WindowMean;
import io.jenkins.plugins.influxforecast.model.season.MstlModel;
import io.jenkins.plugins.influxforecast.model.theta.M4Benchmarks;
import io.jenkins.plugins.influxforecast.model.theta.ThetaModel;
import io.jenkins.plugins.influxforecast.select.AutoModel;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry of model names: turns a {@link ModelSpec} into a {@link ForecastModel}. Each family
 * registers its names here; an unknown name fails with the list of known ones. Composite models
 * (ensemble, mstl, auto) receive {@link #create(ModelSpec)} as their resolver, so no family imports
 * the registry.
 */
public final class Models {

    private static final Map<String, Function<ModelSpec, ForecastModel>> FACTORIES = new TreeMap<>();

    static {
        register("naive", LagWalk::naive);
        register("snaive", LagWalk::seasonalNaive);
        register("drift", LagWalk::drift);
        register("mean", WindowMean::mean);
        register("movingaverage", WindowMean::movingAverage);
        // engine I: exponential smoothing, Theta, the M4 benchmarks
        register("ets", EtsModel::ets);
        register("holtwinters", EtsModel::holtWinters);
        register("theta", ThetaModel::create);
        register("naive2", M4Benchmarks::naive2);
        register("ses", M4Benchmarks::ses);
        register("holt", M4Benchmarks::holt);
        register("damped", M4Benchmarks::damped);
        register("comb", M4Benchmarks::comb);
        register("mstl", spec -> MstlModel.create(spec, Models::create));
        register("stlf", spec -> MstlModel.create(spec, Models::create));
        register("fft", FftModel::create);
        // engine II: ARIMA
        register("arima", Arima::create);
        register("autoarima", Arima::autoarima);
        // engine II: combinations and the automatic choice
        register("ensemble", spec -> Ensemble.create(spec, Models::create));
        register("auto", spec -> AutoModel.create(spec, Models::create));
    }

    private Models() {
    }

    private static void register(String name, Function<ModelSpec, ForecastModel> factory) {
        if (FACTORIES.put(name, factory) != null) {
            throw new IllegalStateException("model name registered twice: " + name);
        }
    }

    /**
     * The most models one spec may name, members of ensembles and candidates of auto included (each
     * is fitted once per backtest window): {@code ensemble(...)} of hundreds of members, or nested
     * ensembles, would not finish in a build.
     */
    public static final int MAX_MODELS = 50;

    /** Parses and builds a model; the spec is validated here, before any data is read. */
    public static ForecastModel create(String text) {
        return create(ModelSpec.parse(text));
    }

    public static ForecastModel create(ModelSpec spec) {
        int count = count(spec);
        if (count > MAX_MODELS) {
            throw new IllegalArgumentException("model " + io.jenkins.plugins.influxforecast.series.Echo.quote(spec.toString())
                    + " names " + count + " models (ensemble members and auto candidates counted), above the maximum " + MAX_MODELS);
        }
        Function<ModelSpec, ForecastModel> f = FACTORIES.get(spec.name());
        if (f == null) {
            throw new IllegalArgumentException("unknown model '" + spec.name() + "'; allowed: " + String.join(", ", FACTORIES.keySet()));
        }
        return f.apply(spec);
    }

    private static int count(ModelSpec spec) {
        int n = 1;
        for (ModelSpec m : spec.members()) {
            n += count(m);
        }
        return n;
    }

    /** Known model names, sorted. */
    public static java.util.Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }
}
