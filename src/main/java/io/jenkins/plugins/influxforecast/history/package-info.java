/**
 * Forecast history and live accuracy: the layout of the history measurement (one point per forecast
 * step and run, keyed by lead), the scoring of past runs against the actuals that arrived (MAE, RMSE,
 * MASE, bias, interval coverage per run and lead bucket), drift against the backtest, the accuracy
 * points and the history plot. Plain Java over records and files: no Jenkins, no HTTP (reading and
 * writing InfluxDB stays in influx). May import report, evaluate, model, series, lineprotocol and files.
 */
package io.jenkins.plugins.influxforecast.history;
