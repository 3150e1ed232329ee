/**
 * The three stages (extract, forecast, load) as plain Java: a request record in, a result record out,
 * one code path for the command line and the steps, and the option definitions both faces share. May
 * import every engine package and influx; never Jenkins.
 */
package io.jenkins.plugins.influxforecast.pipeline;
