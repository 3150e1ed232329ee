/**
 * Time series: the immutable TimeSeries, frequencies, readers of CSV and line protocol input,
 * regularisation and filters. May import lineprotocol only.
 */
package io.jenkins.plugins.influxforecast.series;
