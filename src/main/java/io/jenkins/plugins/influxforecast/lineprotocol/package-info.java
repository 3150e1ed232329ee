/**
 * Everything InfluxDB line protocol: writing and escaping, scanning and validating, timestamp
 * precision, and the one validator of measurement, tag and field names that forecast and load share.
 * Imports nothing of the project.
 */
package io.jenkins.plugins.influxforecast.lineprotocol;
