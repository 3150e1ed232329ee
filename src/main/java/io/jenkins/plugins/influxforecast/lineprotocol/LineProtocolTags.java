package io.jenkins.plugins.influxforecast.lineprotocol;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a tag set in line-protocol form, as InfluxDB 1.x puts it in the {@code tags} column of
 * its CSV ({@code host=a,name=P+R\ Noord}), the way InfluxDB reads a tag set: a backslash pairs
 * with the character after it, {@code \,}, {@code \=} and {@code \ } stand for the character alone
 * and every other backslash stays ({@code c:\\dir} is {@code c:\\dir}). A tag with an empty value
 * ({@code host=}, InfluxDB's answer for a GROUP BY tag that the points lack) is no tag.
 */
public final class LineProtocolTags {

    private LineProtocolTags() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> tags = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return tags;
        }
        int start = 0;
        int equals = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == '=' && equals < 0) {
                equals = i;
            } else if (c == ',') {
                put(tags, text, start, equals, i);
                start = i + 1;
                equals = -1;
            }
        }
        return tags;
    }

    private static void put(Map<String, String> tags, String text, int start, int equals, int end) {
        if (equals < 0) {
            throw new IllegalArgumentException("tag set '" + text + "' has a tag without '=' ('" + text.substring(start, end)
                    + "')");
        }
        if (equals == start) {
            throw new IllegalArgumentException("tag set '" + text + "' has an empty tag key");
        }
        String value = LineProtocolNames.unescape(text.substring(equals + 1, end), true);
        if (!value.isEmpty()) {
            tags.put(LineProtocolNames.unescape(text.substring(start, equals), true), value);
        }
    }
}
