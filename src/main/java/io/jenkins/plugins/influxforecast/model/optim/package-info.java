/**
 * Numerical kernels (Nelder-Mead, BFGS, least squares, polynomial roots) for the model families.
 * Imports nothing of the project.
 */
package io.jenkins.plugins.influxforecast.model.optim;
