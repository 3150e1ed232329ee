/**
 * The Jenkins face: the Pipeline steps, the global InfluxDB server configuration, credentials, and
 * the launch of the engine jar as its own process on the agent. The only package that imports Jenkins.
 */
package io.jenkins.plugins.influxforecast.steps;
