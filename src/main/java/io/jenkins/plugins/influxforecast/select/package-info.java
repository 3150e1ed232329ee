/**
 * The automatic choice ({@code auto}): rolling-origin backtests, the selector that ranks candidates
 * and combinations, and the calibration of intervals from backtest errors. May import model, its
 * ensemble package, evaluate and series; candidates come from a resolver.
 */
package io.jenkins.plugins.influxforecast.select;
