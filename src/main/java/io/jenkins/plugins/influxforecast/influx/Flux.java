package io.jenkins.plugins.influxforecast.influx;

/** Flux text: string literals and column references, escaped so no value can change the query. */
public final class Flux {

    private Flux() {
    }

    /**
     * A double-quoted Flux string: backslash, double quote and {@code $} (string interpolation
     * {@code ${...}}) are escaped, as are newline, carriage return and tab.
     */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '$' -> sb.append("\\$");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A column reference {@code r["key"]}. */
    public static String column(String key) {
        return "r[" + string(key) + "]";
    }
}
