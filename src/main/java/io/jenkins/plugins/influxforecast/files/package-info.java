/**
 * Files written safely: output folders committed atomically, clean-up on exit, and JSON through the
 * one configured Gson. Imports nothing of the project.
 */
package io.jenkins.plugins.influxforecast.files;
