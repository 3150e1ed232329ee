/**
 * The forecasting contract: ForecastModel -> FittedModel -> Forecast, and ModelSpec, the parsed
 * form of a spec text. The families live in sub-packages, which import this package; this package
 * imports only series.
 */
package io.jenkins.plugins.influxforecast.model;
