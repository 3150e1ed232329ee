/**
 * The Theta method and the M4 benchmarks (Naive2, SES, Holt, Damped, Comb). May import model,
 * model.ets, model.season and series.
 */
package io.jenkins.plugins.influxforecast.model.theta;
