package io.jenkins.plugins.influxforecast.steps;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log kept in memory (test double of Jenkins' listener). */
public final class CapturingListener implements TaskListener {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean closed;
    private final PrintStream logger = new PrintStream(bytes, true, StandardCharsets.UTF_8) {
        @Override
        public void close() {
            closed = true;
            super.close();
        }
    };

    @Override
    public PrintStream getLogger() {
        return logger;
    }

    /** Everything logged so far. */
    public String log() {
        logger.flush();
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether anyone closed the build log (a step must never do that). */
    public boolean wasClosed() {
        return closed;
    }

    private static final long serialVersionUID = 1L;
}
