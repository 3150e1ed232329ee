package io.jenkins.plugins.influxforecast.steps;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Copies the engine's output into the build log line by line, each line prefixed with
 * {@code [influx-forecast] } and any secret value replaced by {@code ****}. It keeps the last lines
 * (for error messages) and a bounded copy of the whole output (for the engine log file). Not
 * thread-safe: use one per process stream. Never close it (that would close the build log): call
 * {@link #forceEol()} and {@link #flush()} after the process ended.
 */
@SuppressFBWarnings(value = "NP_UNWRITTEN_PUBLIC_OR_PROTECTED_FIELD",
        justification = "out is core's LineTransformationOutputStream.Delegating field, set by its constructor")
final class PrefixingStream extends LineTransformationOutputStream.Delegating {

    static final String PREFIX = "[influx-forecast] ";
    private static final int TAIL_LINES = 50;
    private static final int MAX_KEPT_CHARS = 4_000_000;

    private final List<String> secrets;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder kept;
    private boolean truncated;

    PrefixingStream(OutputStream log, Collection<String> secrets, StringBuilder kept) {
        super(log);
        this.secrets = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                this.secrets.add(s);
            }
        }
        this.secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.kept = kept;
    }

    @Override
    protected void eol(byte[] b, int len) throws IOException {
        String line = trimEOL(new String(b, 0, len, StandardCharsets.UTF_8));
        line = mask(line, secrets);
        synchronized (kept) {
            if (kept.length() + line.length() < MAX_KEPT_CHARS) {
                kept.append(line).append('\n');
            } else if (!truncated) {
                truncated = true;
                kept.append("... (engine output truncated here)\n");
            }
        }
        if (!line.isBlank()) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        out.write((PREFIX + line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The last non-blank lines, oldest first. */
    List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** {@code text} with every occurrence of a secret replaced by {@code ****}. */
    static String mask(String text, Collection<String> secrets) {
        String out = text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "****");
            }
        }
        return out;
    }
}
