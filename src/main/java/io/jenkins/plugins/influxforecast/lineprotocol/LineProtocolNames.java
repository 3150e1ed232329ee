package io.jenkins.plugins.influxforecast.lineprotocol;

import java.util.Locale;

/**
 * The one check of measurement, tag and field names, used by {@code forecast} (before it writes
 * anything) and by {@code load} (for every line of its file): a name passes when line protocol
 * carries it as given, so that InfluxDB stores exactly that name, and InfluxDB accepts it.
 *
 * <p>InfluxDB reads a name by pairing each backslash with the character after it (so a backslash
 * never ends a name) and then replacing {@code \,} and {@code \ } (and in keys and tag values
 * {@code \=}) by the character alone; every other backslash stays. A name is carried when its
 * escaped form, read that way, gives the name back: {@code c:\\dir} and {@code a\b} are, a
 * trailing backslash or one before a space, comma or equals sign is not. Refused as well: an
 * empty name or tag value (line protocol has no empty tag value: a series without that tag is
 * written without it), a line break, NUL, a byte-order mark, text that is not Unicode (a lone
 * surrogate), a measurement starting with {@code #} (a comment line) or with white space that the
 * escaping does not protect (a tab: InfluxDB skips it), and the keys InfluxDB reserves
 * ({@code time}; {@code _measurement}, {@code _field} as tag keys).
 */
public final class LineProtocolNames {

    /** InfluxDB's limit on a series key plus a field key ({@code models.MaxKeyLength}). */
    public static final int MAX_KEY_BYTES = 65_535;

    private LineProtocolNames() {
    }

    public static void checkMeasurement(String name) {
        check("measurement", name, name, false);
        if (name.charAt(0) == '#') {
            throw new IllegalArgumentException("measurement '" + shown(name) + "' starts with '#': line protocol would make"
                    + " each of its lines a comment, and InfluxDB would skip them");
        }
        if (name.charAt(0) == '\t') {
            throw new IllegalArgumentException("measurement '" + shown(name) + "' starts with a tab, which InfluxDB skips at"
                    + " the start of a line");
        }
    }

    public static void checkTagKey(String key) {
        check("tag key", key, key, true);
        String lower = key.toLowerCase(Locale.ROOT);
        if (key.equals("time") || lower.equals("_measurement") || lower.equals("_field")) {
            throw new IllegalArgumentException("tag key '" + key + "' is reserved by InfluxDB; rename it");
        }
    }

    public static void checkTagValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("tag '" + shown(key) + "' has an empty value; line protocol has none (write"
                    + " the series without that tag)");
        }
        check("value of tag '" + shown(key) + "'", value, value, true);
    }

    public static void checkFieldKey(String key) {
        check("field key", key, key, true);
        if (key.equals("time")) {
            throw new IllegalArgumentException("field key 'time' is reserved by InfluxDB; rename it");
        }
    }

    /**
     * The size InfluxDB checks against {@link #MAX_KEY_BYTES} for each field of a point: its
     * escaped series key, 4 bytes of separator and its escaped field key.
     */
    public static void checkKeySize(int seriesKeyBytes, int fieldKeyBytes, String fieldKey) {
        long size = (long) seriesKeyBytes + 4 + fieldKeyBytes;
        if (size > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the series key with field '" + shown(fieldKey) + "' is " + size
                    + " bytes; InfluxDB allows at most " + MAX_KEY_BYTES);
        }
    }

    private static void check(String what, String name, String shown, boolean equalsToo) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String bad = switch (c) {
                case '\n', '\r' -> "a line break";
                case 0 -> "a NUL character";
                case '\uFEFF' -> "a byte-order mark (U+FEFF)";
                default -> Character.isSurrogate(c) && !validSurrogate(name, i) ? "a lone surrogate (not Unicode)" : null;
            };
            if (bad != null) {
                throw new IllegalArgumentException(what + " '" + shown(shown) + "' contains " + bad
                        + ", which line protocol cannot carry as given");
            }
        }
        String escaped = LineProtocolWriter.escapeUnchecked(name, equalsToo);
        if (escaped.endsWith("\\")) {
            throw new IllegalArgumentException(what + " '" + shown(shown) + "' ends with a backslash, which InfluxDB refuses"
                    + " (\"invalid tag format\")");
        }
        if (!name.equals(read(escaped, equalsToo))) {
            throw new IllegalArgumentException(what + " '" + shown(shown) + "' has a backslash that InfluxDB would read as an"
                    + " escape (before a space, comma" + (equalsToo ? ", equals sign" : "") + " or at the end), so it would"
                    + " store another name; line protocol cannot carry it");
        }
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * How InfluxDB reads {@code raw} followed by a separator: the token up to the first separator
     * that no backslash pairs with, with {@code \,}, {@code \ } (and {@code \=}) replaced. Returns
     * null when the token ends before {@code raw} does (a separator inside, or a backslash at the
     * end that pairs with the separator after it).
     */
    static String read(String raw, boolean equalsToo) {
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\') {
                if (i + 1 >= raw.length()) {
                    return null; // pairs with the separator that follows
                }
                i += 2;
            } else if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                return null;
            } else {
                i++;
            }
        }
        return unescape(raw, equalsToo);
    }

    /** InfluxDB's unescaping of a name: each escape code replaced in turn, left to right. */
    public static String unescape(String raw, boolean equalsToo) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        String out = raw.replace("\\,", ",").replace("\\ ", " ");
        return equalsToo ? out.replace("\\=", "=") : out;
    }

    private static String shown(String s) {
        String t = s.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
