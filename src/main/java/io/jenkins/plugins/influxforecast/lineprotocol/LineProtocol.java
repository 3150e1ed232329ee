package io.jenkins.plugins.influxforecast.lineprotocol;

import java.util.Locale;
import java.util.Map;

/**
 * InfluxDB line protocol: escaping, and a strict parser of one line used to validate a file before
 * anything is sent. Grammar (InfluxDB 1.x/2.x/3.x alike):
 * {@code measurement[,tagKey=tagValue...] fieldKey=fieldValue[,...] [timestamp]}; in the
 * measurement a backslash escapes comma and space, in keys and tag values also {@code =}; field
 * values are floats ({@code 1}, {@code -1.5e3}), integers ({@code 1i}), unsigned ({@code 1u}),
 * booleans ({@code t true TRUE f false...}) or double-quoted strings ({@code \"} and {@code \\}).
 */
public final class LineProtocol {

    /** Field value types; InfluxDB refuses a point whose field type differs from the stored one. */
    public enum FieldType {
        FLOAT, INTEGER, UNSIGNED, BOOLEAN, STRING;

        String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private LineProtocol() {
    }

    /** Escapes a measurement name (comma, space). */
    public static String measurement(String name) {
        return io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter.escapeUnchecked(name, false);
    }

    /** Escapes a tag key, tag value or field key (comma, equals sign, space). */
    public static String key(String k) {
        return io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter.escapeUnchecked(k, true);
    }

    /** {@code k=v,k2=v2} in the map's order, escaped; empty for no tags. */
    public static String tagSet(Map<String, String> tags) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(key(e.getKey())).append('=').append(key(e.getValue()));
        }
        return sb.toString();
    }

    /** Receives the parts of a line as the parser finds them. */
    public interface Handler {
        void measurement(String measurement);

        void tag(String key, String value);

        void field(String key, FieldType type);

        void timestamp(long timestamp);
    }

    /** A line that does not parse; the message says what and where (1-based column). */
    public static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Parses one line (without its line break); a line that is empty or starts with {@code #} is
     * not a point and must be skipped by the caller. Returns false when the line has no timestamp.
     */
    public static boolean parse(String line, Handler h) {
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LineScanner s = new LineScanner();
        s.scan(bytes, 0, bytes.length);
        h.measurement(s.measurement());
        for (int t = 0; t < s.tagCount; t++) {
            h.tag(s.text(s.tagKeyStart[t], s.tagKeyEnd[t], true), s.text(s.tagValueStart[t], s.tagValueEnd[t], true));
        }
        for (int f = 0; f < s.fieldCount; f++) {
            h.field(s.fieldKey(f), s.fieldTypes[f]);
        }
        if (s.hasTimestamp) {
            h.timestamp(s.timestamp);
        }
        return s.hasTimestamp;
    }

    /** Whether a line is blank or a comment (not a point). */
    public static boolean isSkippable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
