package io.jenkins.plugins.influxforecast.influx;

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
        return escape(name, false);
    }

    /** Escapes a tag key, tag value or field key (comma, equals sign, space). */
    public static String key(String k) {
        return escape(k, true);
    }

    private static String escape(String s, boolean equals) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (equals && c == '=')) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append('\\');
            }
            if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
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
        Parser p = new Parser(line);
        return p.parse(h);
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

    private static final class Parser {
        private final String s;
        private final int n;
        private int i;

        Parser(String s) {
            int end = s.length();
            if (end > 0 && s.charAt(end - 1) == '\r') {
                end--;
            }
            this.s = s;
            this.n = end;
        }

        private SyntaxException error(String what) {
            return new SyntaxException(what + " at column " + (Math.min(i, n) + 1));
        }

        boolean parse(Handler h) {
            if (n > 0 && (s.charAt(0) == ' ' || s.charAt(0) == '\t')) {
                throw error("leading whitespace");
            }
            String m = token(false, "measurement");
            if (m.isEmpty()) {
                throw error("missing measurement");
            }
            h.measurement(m);
            while (i < n && s.charAt(i) == ',') {
                i++;
                String k = token(true, "tag key");
                if (k.isEmpty()) {
                    throw error("missing tag key");
                }
                if (i >= n || s.charAt(i) != '=') {
                    throw error("missing '=' after tag key '" + k + "'");
                }
                i++;
                String v = token(true, "tag value");
                if (v.isEmpty()) {
                    throw error("missing value of tag '" + k + "'");
                }
                h.tag(k, v);
            }
            if (i >= n || s.charAt(i) != ' ') {
                throw error("missing fields");
            }
            i++;
            boolean first = true;
            while (first || (i < n && s.charAt(i) == ',')) {
                if (!first) {
                    i++;
                }
                first = false;
                String k = token(true, "field key");
                if (k.isEmpty()) {
                    throw error("missing field key");
                }
                if (i >= n || s.charAt(i) != '=') {
                    throw error("missing '=' after field key '" + k + "'");
                }
                i++;
                h.field(k, fieldValue(k));
            }
            if (i >= n) {
                return false;
            }
            if (s.charAt(i) != ' ') {
                throw error("unexpected '" + s.charAt(i) + "' after the fields");
            }
            i++;
            int start = i;
            if (i < n && s.charAt(i) == '-') {
                i++;
            }
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || (i == start + 1 && s.charAt(start) == '-') || (i < n && s.charAt(i) != ' ')) {
                int end = s.indexOf(' ', start);
                throw error("bad timestamp '" + s.substring(start, end < 0 || end > n ? n : end) + "'");
            }
            if (i < n) {
                throw error("unexpected text after the timestamp");
            }
            try {
                h.timestamp(Long.parseLong(s, start, n, 10));
            } catch (NumberFormatException e) {
                throw error("timestamp out of range '" + s.substring(start, n) + "'");
            }
            return true;
        }

        /** A measurement, key or tag value up to an unescaped separator; unescapes. */
        private String token(boolean isKeyOrTag, String what) {
            StringBuilder sb = null;
            int start = i;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char d = s.charAt(i + 1);
                    if (d == ',' || d == ' ' || (isKeyOrTag && d == '=')) {
                        if (sb == null) {
                            sb = new StringBuilder().append(s, start, i);
                        }
                        sb.append(d);
                        i += 2;
                        continue;
                    }
                }
                if (c == ',' || c == ' ' || (isKeyOrTag && c == '=')) {
                    break;
                }
                if (c == '\n') {
                    throw error("line break in " + what);
                }
                if (sb != null) {
                    sb.append(c);
                }
                i++;
            }
            return sb == null ? s.substring(start, i) : sb.toString();
        }

        private FieldType fieldValue(String key) {
            if (i >= n) {
                throw error("missing value of field '" + key + "'");
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        i += 2;
                    } else if (d == '"') {
                        i++;
                        return FieldType.STRING;
                    } else {
                        i++;
                    }
                }
                throw error("unterminated string value of field '" + key + "'");
            }
            int start = i;
            while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                i++;
            }
            String v = s.substring(start, i);
            switch (v) {
                case "t", "T", "true", "True", "TRUE", "f", "F", "false", "False", "FALSE":
                    return FieldType.BOOLEAN;
                default:
                    break;
            }
            if (v.isEmpty()) {
                throw error("missing value of field '" + key + "'");
            }
            char last = v.charAt(v.length() - 1);
            if (last == 'i' || last == 'u') {
                String digits = v.substring(0, v.length() - 1);
                if (!digits.matches(last == 'i' ? "[-+]?[0-9]+" : "[0-9]+")) {
                    throw error("bad " + (last == 'i' ? "integer" : "unsigned") + " value '" + v + "' of field '" + key + "'");
                }
                try {
                    if (last == 'i') {
                        Long.parseLong(digits);
                    } else {
                        Long.parseUnsignedLong(digits);
                    }
                } catch (NumberFormatException e) {
                    throw error("value '" + v + "' of field '" + key + "' is out of range");
                }
                return last == 'i' ? FieldType.INTEGER : FieldType.UNSIGNED;
            }
            if (!isFloatLiteral(v)) {
                String lower = v.toLowerCase(Locale.ROOT);
                if (lower.contains("nan") || lower.contains("inf")) {
                    throw error("field '" + key + "' is " + v + "; NaN and infinity cannot be stored in InfluxDB");
                }
                throw error("bad value '" + v + "' of field '" + key + "'");
            }
            double d = Double.parseDouble(v);
            if (Double.isInfinite(d)) {
                throw error("field '" + key + "' value " + v + " overflows a 64-bit float");
            }
            return FieldType.FLOAT;
        }

        /** [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)? */
        private static boolean isFloatLiteral(String v) {
            int k = 0;
            int len = v.length();
            if (k < len && (v.charAt(k) == '-' || v.charAt(k) == '+')) {
                k++;
            }
            int digits = 0;
            while (k < len && Character.isDigit(v.charAt(k))) {
                k++;
                digits++;
            }
            if (k < len && v.charAt(k) == '.') {
                k++;
                while (k < len && Character.isDigit(v.charAt(k))) {
                    k++;
                    digits++;
                }
            }
            if (digits == 0) {
                return false;
            }
            if (k < len && (v.charAt(k) == 'e' || v.charAt(k) == 'E')) {
                k++;
                if (k < len && (v.charAt(k) == '-' || v.charAt(k) == '+')) {
                    k++;
                }
                int exp = 0;
                while (k < len && Character.isDigit(v.charAt(k))) {
                    k++;
                    exp++;
                }
                if (exp == 0) {
                    return false;
                }
            }
            return k == len;
        }
    }
}
