package io.jenkins.plugins.influxforecast.pipeline;

import java.util.function.Consumer;

/**
 * How the three stages word their log: plain lines, and warnings behind one prefix, so a reader
 * (or a grep over a build log) finds the warnings of extract, forecast and load alike.
 */
public final class StageLog {

    /** The prefix of a warning line, as influx/ writes its retry warnings too. */
    public static final String WARNING = "WARNING: ";

    private StageLog() {
    }

    public static void warning(Consumer<String> log, String text) {
        log.accept(WARNING + text);
    }
}
