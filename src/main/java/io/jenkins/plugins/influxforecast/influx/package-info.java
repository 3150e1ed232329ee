/**
 * InfluxDB 1.x, 2.x and 3.x sources and sinks: HTTP, query building with escaping, retries, TLS,
 * proxies, credentials. The only package that speaks HTTP. May import lineprotocol and files.
 */
package io.jenkins.plugins.influxforecast.influx;
