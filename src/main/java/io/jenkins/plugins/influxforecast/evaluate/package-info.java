/**
 * Accuracy measures (MAE, RMSE, sMAPE, MASE, MSIS) and the sanity check of a forecast. Pure
 * functions over arrays and forecasts; may import model and series only.
 */
package io.jenkins.plugins.influxforecast.evaluate;
