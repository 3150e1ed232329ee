/**
 * Exponential smoothing state-space models (ETS, Holt, Holt-Winters): the kernels, the estimator and
 * the automatic choice among ETS types. May import model, model.optim, model.season and series.
 */
package io.jenkins.plugins.influxforecast.model.ets;
