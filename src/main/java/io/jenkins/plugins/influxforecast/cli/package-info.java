/**
 * The command line ({@code extract}, {@code forecast}, {@code load}, {@code demo}, {@code version}): parses
 * arguments into the requests of {@code pipeline} and maps failures to exit codes. May import pipeline
 * and influx; never Jenkins.
 */
package io.jenkins.plugins.influxforecast.cli;
