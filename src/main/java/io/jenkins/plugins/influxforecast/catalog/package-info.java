/**
 * The model catalog: turns a spec text such as {@code ets(season=24)} into a model. It sits above
 * every model family and the automatic choice, and hands itself to composite models (ensemble, mstl,
 * auto) as their resolver, so no family imports it. May import model, its families, and select.
 */
package io.jenkins.plugins.influxforecast.catalog;
