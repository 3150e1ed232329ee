package io.jenkins.plugins.influxforecast.cli;

import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The progress of a run over many series on a terminal: one status line on stderr, rewritten in
 * place ({@code [120/414] 9.8 series/s, 30 s left; H120}), at most ten times a second. Used only
 * when stderr is a terminal; otherwise the runner logs one line per series.
 */
final class TerminalProgress implements ForecastRunner.Progress {

    /** Forces the choice: {@code terminal} or {@code lines}; anything else detects. */
    static final String ENV = "INFLUX_FORECAST_PROGRESS";

    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintStream err;
    private final int width;
    private long last;
    private boolean shown;

    TerminalProgress(PrintStream err, int width) {
        this.err = err;
        this.width = Math.max(20, width);
    }

    @Override
    public void update(String status) {
        long now = System.nanoTime();
        if (shown && now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        shown = true;
        String s = status.length() > width - 1 ? status.substring(0, width - 1) : status;
        err.print("\r" + s + "\u001b[K");
        err.flush();
    }

    @Override
    public void clear() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }

    /** The terminal's width from {@code COLUMNS}, else 100. */
    static int width(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "100").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /**
     * Whether stderr is a terminal: {@value #ENV} decides when set to {@code terminal} or {@code lines};
     * {@code TERM=dumb} says no; else, on Linux, where file descriptor 2 points (a /dev/pts or /dev/tty
     * device), and elsewhere whether the JVM has a console.
     */
    static boolean stderrIsTerminal(Map<String, String> env, Path fd2) {
        String forced = env.getOrDefault(ENV, "").trim();
        if (forced.equals("terminal")) {
            return true;
        }
        if (forced.equals("lines") || "dumb".equals(env.get("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
