package io.jenkins.plugins.influxforecast.steps;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalisation and checks shared by the steps' setters; every message names the parameter. */
final class StepValues {

    private static final Pattern TAG = Pattern.compile("[^=,\\s]+=[^,]+");

    /**
     * The word that switches an optional setting off ({@code levels}, {@code modelTag},
     * {@code installedEngine}). A blank value never does: in the Snippet Generator an empty field binds
     * {@code ""}, and it must mean the default.
     */
    static final String NONE = "none";

    private StepValues() {
    }

    /** Trimmed text, or null for null/blank (meaning: the default). */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return v.isEmpty() ? null : v;
    }

    /** Trimmed text safe for the command line, or null. */
    static String arg(String parameter, String value) {
        String v = text(value);
        StepArguments.checkShellSafe(parameter, v);
        return v;
    }

    /** A workspace-relative path: not absolute, no {@code ..}. */
    static String relativePath(String parameter, String value) {
        String v = arg(parameter, value);
        if (v == null) {
            return null;
        }
        if (v.startsWith("/") || v.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException(parameter + " must be a path relative to the workspace, got '" + v + "'");
        }
        for (String part : v.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException(parameter + " must stay inside the workspace (no '..'), got '" + v + "'");
            }
        }
        return v;
    }

    static Integer atLeast(String parameter, Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(parameter + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static Double positive(String parameter, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            throw new IllegalArgumentException(parameter + " must be a number > 0, got " + value);
        }
        return value;
    }

    /** One of the allowed words (case-insensitive), lower-cased, or null. */
    static String choice(String parameter, String value, String... allowed) {
        String v = arg(parameter, value);
        if (v == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException(parameter + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    /**
     * The entries of a list parameter: each element trimmed, an element holding several lines split
     * into one entry per line (the Snippet Generator's text area sends all lines as one element),
     * blank entries dropped; null when nothing is left.
     */
    static List<String> lines(String parameter, Collection<?> values) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : values) {
            if (o == null) {
                continue;
            }
            for (String line : o.toString().split("\\R")) {
                String t = arg(parameter, line);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code key=value} tags (see {@link #lines}); null for none. */
    static List<String> tags(String parameter, Collection<?> values) {
        List<String> out = lines(parameter, values);
        if (out != null) {
            for (String t : out) {
                if (!TAG.matcher(t).matches()) {
                    throw new IllegalArgumentException(parameter + " entries must be key=value, got '" + t + "'");
                }
            }
        }
        return out;
    }

    /** A list parameter as the Snippet Generator's text area shows it: one entry per line. */
    static String asLines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    /** An ISO-8601 instant or offset date-time ({@code 2024-05-01T12:00:00Z}), normalised to UTC. */
    static String instant(String parameter, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v).toString();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant().toString();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(parameter + " must be an ISO-8601 time such as 2024-05-01T12:00:00Z, got '" + v + "'");
            }
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
