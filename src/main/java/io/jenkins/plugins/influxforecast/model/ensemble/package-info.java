/**
 * Combinations of models: the ensemble model and the combiner of forecasts that it and the
 * automatic choice use. Members are built through a resolver given by the catalog; may import model
 * and series.
 */
package io.jenkins.plugins.influxforecast.model.ensemble;
