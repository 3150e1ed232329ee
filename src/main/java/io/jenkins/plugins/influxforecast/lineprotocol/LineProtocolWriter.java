package io.jenkins.plugins.influxforecast.lineprotocol;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Formats InfluxDB line protocol: {@code measurement,tag=v field=1.5 1700000000000000000}, escaping
 * as the protocol specifies (measurement: comma and space; tag keys, tag values and field keys:
 * comma, equals sign and space). A name that line protocol cannot carry as given is an error
 * naming it ({@link LineProtocolNames}, the check {@code load} applies too).
 */
public final class LineProtocolWriter {

    private LineProtocolWriter() {
    }

    /** An escaped measurement; refused unless line protocol carries it as given ({@link LineProtocolNames}). */
    public static String escapeMeasurement(String s) {
        LineProtocolNames.checkMeasurement(s);
        return escapeUnchecked(s, false);
    }

    /** An escaped tag key; refused unless line protocol carries it as given. */
    public static String escapeKey(String s) {
        LineProtocolNames.checkTagKey(s);
        return escapeUnchecked(s, true);
    }

    /** An escaped field key; refused unless line protocol carries it as given. */
    public static String escapeFieldKey(String s) {
        LineProtocolNames.checkFieldKey(s);
        return escapeUnchecked(s, true);
    }

    /** An escaped tag value; refused unless line protocol carries it as given (empty values included). */
    public static String escapeTagValue(String key, String s) {
        LineProtocolNames.checkTagValue(key, s);
        return escapeUnchecked(s, true);
    }

    /**
     * The line protocol's escaping alone, without the checks above: a backslash before comma and
     * space, and with {@code equalsToo} (keys and tag values) before the equals sign. For text that
     * InfluxDB itself returned (tags of an extracted series); returns {@code s} itself when nothing
     * needs escaping.
     */
    public static String escapeUnchecked(String s, boolean equalsToo) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
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

    /** A float field value: plain decimal notation, never an exponent; NaN and infinity are refused. */
    public static String formatFloat(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("line protocol cannot carry " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The measurement and sorted tag set, the series key shared by all lines of one series. */
    public static String seriesKey(String measurement, Map<String, String> tags) {
        StringBuilder sb = new StringBuilder(escapeMeasurement(measurement));
        new java.util.TreeMap<>(tags).forEach((k, v) -> sb.append(',').append(escapeKey(k)).append('=').append(escapeTagValue(k, v)));
        return sb.toString();
    }

    /** A string field value in double quotes, with the quote and the backslash escaped; no line break. */
    public static String formatString(String key, String v) {
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("field '" + key + "' value contains a newline; line protocol cannot carry it");
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * One line: series key, fields in the given order, nanosecond timestamp. A {@link Double} (or any
     * other number) is a float field, a {@link String} a string field, a {@link Boolean} a boolean field.
     */
    public static String line(String seriesKey, Map<String, ?> fields, long epochNanos) {
        StringBuilder sb = new StringBuilder(seriesKey).append(' ');
        boolean first = true;
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            sb.append(escapeFieldKey(f.getKey())).append('=');
            Object v = f.getValue();
            if (v instanceof Number n) {
                sb.append(formatFloat(n.doubleValue()));
            } else if (v instanceof String s) {
                sb.append(formatString(f.getKey(), s));
            } else if (v instanceof Boolean b) {
                sb.append(b);
            } else {
                throw new IllegalArgumentException("field '" + f.getKey() + "' has no value");
            }
            first = false;
        }
        return sb.append(' ').append(epochNanos).toString();
    }
}
