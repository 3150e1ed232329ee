/**
 * The outputs of a forecast: the metrics.json records, forecast CSV and line protocol, PNG plots and
 * the HTML report. May import model, evaluate, lineprotocol, files and series.
 */
package io.jenkins.plugins.influxforecast.report;
