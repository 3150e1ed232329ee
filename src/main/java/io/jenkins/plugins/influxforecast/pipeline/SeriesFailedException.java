package io.jenkins.plugins.influxforecast.pipeline;

/**
 * A series that could not be forecast for a reason in its data or the model (the model cannot be
 * estimated on it, the forecast overflows), not in the request and not a bug. It ends a run over one
 * series, or over several when every one fails, with exit code {@link ExitCodes#FAILED} and a message
 * that names the series.
 */
public final class SeriesFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SeriesFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
