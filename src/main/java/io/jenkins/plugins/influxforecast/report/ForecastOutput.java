package io.jenkins.plugins.influxforecast.report;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.TimeSeries;

/**
 * What the writers need of one series' run: the history (regularised and smoothed, validation part
 * included), the forecast of the validation part (null when there is none) and the future forecast.
 *
 * @param history            the whole series the model saw
 * @param validationSize     how many trailing points of the history were held out (0: none)
 * @param validationForecast the forecast of those points from the model fitted without them, or null
 * @param future             the forecast after the end of the history
 */
public record ForecastOutput(TimeSeries history, int validationSize, Forecast validationForecast, Forecast future) {
}
