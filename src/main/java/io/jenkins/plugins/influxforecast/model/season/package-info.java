/**
 * Seasonality: detection, classical and STL decompositions, and the MSTL model, whose inner model
 * comes from a resolver. May import model and series.
 */
package io.jenkins.plugins.influxforecast.model.season;
