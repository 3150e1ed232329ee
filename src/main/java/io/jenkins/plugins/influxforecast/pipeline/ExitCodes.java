package io.jenkins.plugins.influxforecast.pipeline;

/** Exit codes of the engine process, which the steps map to build results. */
public final class ExitCodes {

    /** Everything done. */
    public static final int OK = 0;
    /** An unexpected error (a bug or an environment problem): the message says what. */
    public static final int FAILED = 1;
    /** Bad input or bad parameters: the one-line message names the parameter and the value. */
    public static final int BAD_INPUT = 2;
    /** Done, but degraded (some series failed, or a failure the user asked to report as unstable). */
    public static final int UNSTABLE = 3;

    private ExitCodes() {
    }
}
