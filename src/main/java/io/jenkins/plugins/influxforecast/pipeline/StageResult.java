package io.jenkins.plugins.influxforecast.pipeline;

/**
 * What the three stages (extract, forecast, load) share in their results: the exit code the command
 * line ends with ({@link ExitCodes}). Each stage is called the same way, {@code run(request, log)}
 * with its log lines going to a {@code Consumer<String>}, writes its summary file ({@code
 * extract-summary.json}, {@code metrics.json}, {@code load-summary.json}) also on failure where it can,
 * and throws on failure: IllegalArgumentException for bad input (exit 2), other exceptions for
 * failures (exit 1).
 */
public interface StageResult {

    /** {@link ExitCodes#OK}, or {@link ExitCodes#UNSTABLE} when the stage finished degraded. */
    int exitCode();
}
