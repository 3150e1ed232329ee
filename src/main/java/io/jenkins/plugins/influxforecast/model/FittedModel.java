package io.jenkins.plugins.influxforecast.model;

import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.List;
import java.util.Map;

/** A model fitted to one series. Immutable. */
public interface FittedModel {

    /** The spec with the choices made while fitting, e.g. {@code ets(model=AAdN)}. */
    ModelSpec spec();

    /** The series the model was fitted to. */
    TimeSeries series();

    /**
     * Forecasts {@code horizon} steps after the end of the series, with prediction intervals at the
     * given levels in percent (e.g. 80, 95); no levels means point forecasts only.
     */
    Forecast forecast(int horizon, double... levels);

    /** One-step-ahead in-sample fitted values, NaN where the model has none (e.g. the first season). */
    double[] fitted();

    /** Residuals {@code y - fitted}, NaN where there is no fitted value. */
    default double[] residuals() {
        double[] f = fitted();
        TimeSeries y = series();
        double[] r = new double[f.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y.get(i) - f[i];
        }
        return r;
    }

    /** Fitted parameters for metrics.json (numbers, strings or lists; insertion order is kept). */
    Map<String, Object> parameters();

    /** Degradations decided while fitting ("seasonality dropped: ..."), for the log and metrics.json. */
    default List<String> warnings() {
        return List.of();
    }
}
