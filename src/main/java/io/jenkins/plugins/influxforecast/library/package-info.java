/**
 * The shared library's controller-side logic: reading forecasts.yaml, planning the jobs and the
 * Kubernetes pods that run them. Plain Java, tested with JUnit; may import pipeline, catalog (to check model specs), model, series and
 * influx (the shard definition).
 */
package io.jenkins.plugins.influxforecast.library;
