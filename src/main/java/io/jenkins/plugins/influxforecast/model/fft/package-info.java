/**
 * The FFT model (the Argo job's Darts FFT): trend removal and the strongest frequencies. May import
 * model, model.season and series.
 */
package io.jenkins.plugins.influxforecast.model.fft;
