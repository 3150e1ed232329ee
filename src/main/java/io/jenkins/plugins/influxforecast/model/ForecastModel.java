package io.jenkins.plugins.influxforecast.model;

import io.jenkins.plugins.influxforecast.series.TimeSeries;

/**
 * A forecasting method with its hyper-parameters, validated in the constructor. Stateless and
 * reusable: {@link #fit} may be called on many series, from many threads.
 */
public interface ForecastModel {

    /** The spec this model was made from, e.g. {@code snaive(season=24)}. */
    ModelSpec spec();

    /**
     * Fits the model to a regular series without gaps. Throws IllegalArgumentException when the
     * series cannot be used (too short, non-finite values), with a message that says what is needed.
     */
    FittedModel fit(TimeSeries series);

    /**
     * This model for a forecast of {@code steps} steps. Most models are the same whatever the horizon;
     * a model that tunes itself on backtests (auto) plans them for the horizon it will forecast.
     */
    default ForecastModel forHorizon(int steps) {
        return this;
    }
}
