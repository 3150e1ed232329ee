/**
 * ARIMA and seasonal ARIMA: differencing tests, CSS and exact (Kalman) likelihoods, the stepwise
 * search of auto.arima, Box-Cox and harmonic regressors. May import model, model.optim, model.season
 * and series.
 */
package io.jenkins.plugins.influxforecast.model.arima;
