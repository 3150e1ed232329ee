package io.jenkins.plugins.influxforecast.influx;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * InfluxQL text: quoting of identifiers and string literals (so that any name or tag value, with
 * quotes, backslashes, spaces, commas or newlines, selects exactly itself), duration literals, and
 * the check that a raw query is one read-only SELECT.
 *
 * <p>InfluxQL's scanner reads {@code "..."} and {@code '...'} alike: a backslash escapes {@code \},
 * {@code '}, {@code "} and {@code n} (newline), any other escape is a parse error, and a raw newline
 * ends the literal with an error. So every backslash, the quote character and every newline are
 * escaped, nothing else.
 */
public final class InfluxQl {

    private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,11}(ns|u|µ|ms|s|m|h|d|w)");

    private InfluxQl() {
    }

    /** A double-quoted identifier (measurement, field, tag key, alias). */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an InfluxQL identifier cannot be empty");
        }
        return quote(name, '"');
    }

    /** A single-quoted string literal (tag value, time string). */
    public static String string(String value) {
        return quote(value, '\'');
    }

    private static String quote(String s, char q) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    /** A validated InfluxQL duration literal such as {@code 10m}, {@code 1h}, {@code 7d}. */
    public static String duration(String parameter, String text) {
        String t = text == null ? "" : text.trim();
        if (!DURATION.matcher(t).matches()) {
            throw new IllegalArgumentException(parameter + " must be an InfluxQL duration such as 10m, 1h, 7d"
                    + " (units ns, u, ms, s, m, h, d, w), got '" + text + "'");
        }
        return t;
    }

    public static boolean isDuration(String text) {
        return text != null && DURATION.matcher(text.trim()).matches();
    }

    /**
     * Checks that a raw query is a single SELECT without INTO: extract must never change the
     * database (InfluxDB 1.x runs even a DROP sent by GET, with only a warning).
     */
    public static void checkReadOnlySelect(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        String firstWord = null;
        boolean afterRegexOperator = false;
        int n = query.length();
        int i = 0;
        while (i < n) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && query.charAt(i + 1) == '-') {
                while (i < n && query.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && query.charAt(i + 1) == '*') {
                int end = query.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || (c == '/' && afterRegexOperator)) {
                i = skipQuoted(query, i, c);
                afterRegexOperator = false;
            } else if (c == ';') {
                int j = i + 1;
                if (!onlyCommentsAndSpace(query, j)) {
                    throw new IllegalArgumentException("query must be a single SELECT statement; it has several"
                            + " statements separated by ';'");
                }
                break;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
                    i++;
                }
                String word = query.substring(start, i).toUpperCase(Locale.ROOT);
                if (firstWord == null) {
                    firstWord = word;
                    if (!word.equals("SELECT")) {
                        throw new IllegalArgumentException("query must be a SELECT statement (extract only reads), got one"
                                + " starting with " + query.substring(start, i));
                    }
                } else if (word.equals("INTO")) {
                    throw new IllegalArgumentException("query must not contain INTO: extract only reads");
                }
                afterRegexOperator = false;
            } else {
                afterRegexOperator = (c == '=' || c == '!') && i + 1 < n && query.charAt(i + 1) == '~';
                i += afterRegexOperator ? 2 : 1;
            }
        }
        if (firstWord == null) {
            throw new IllegalArgumentException("query holds no statement");
        }
    }

    private static int skipQuoted(String s, int start, char q) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("query has an unterminated " + (q == '/' ? "regular expression" : "quoted text")
                + " starting at character " + (start + 1));
    }

    private static boolean onlyCommentsAndSpace(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return false;
            }
        }
        return true;
    }
}
