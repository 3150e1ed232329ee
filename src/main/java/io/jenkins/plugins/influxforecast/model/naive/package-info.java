/**
 * The simple benchmarks: naive, seasonal naive, drift, mean and moving average. May import model and
 * series.
 */
package io.jenkins.plugins.influxforecast.model.naive;
