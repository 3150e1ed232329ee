package io.jenkins.plugins.influxforecast.lineprotocol;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a tag set in line-protocol form, as InfluxDB 1.x puts it in the {@code tags} column of
 * its CSV: {@code host=a,name=P+R\ Noord}, where backslash escapes a comma, an equals sign or a space.
 */
public final class LineProtocolTags {

    private LineProtocolTags() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> tags = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return tags;
        }
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder cur = key;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == ',' || next == '=' || next == ' ' || next == '\\') {
                    cur.append(next);
                    i++;
                    continue;
                }
                cur.append(c);
            } else if (c == '=' && cur == key) {
                cur = value;
            } else if (c == ',') {
                put(tags, key, value, text);
                key.setLength(0);
                value.setLength(0);
                cur = key;
            } else {
                cur.append(c);
            }
        }
        put(tags, key, value, text);
        return tags;
    }

    private static void put(Map<String, String> tags, StringBuilder key, StringBuilder value, String text) {
        if (key.length() == 0) {
            throw new IllegalArgumentException("tag set '" + text + "' has an empty tag key");
        }
        tags.put(key.toString(), value.toString());
    }
}
