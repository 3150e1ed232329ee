package io.jenkins.plugins.influxforecast.influx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * InfluxQL text: quoting of identifiers and string literals (so that any name or tag value, with
 * quotes, backslashes, spaces, commas or newlines, selects exactly itself), duration literals, and
 * the check that a raw query is one statement that only reads.
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
     * Checks that a raw query is exactly one statement that only reads: a SELECT without INTO, or a
     * SHOW. Decided on the tokens InfluxDB's scanner sees ({@link InfluxQlLexer}), so that no
     * statement or INTO can hide in a string, a quoted identifier, a regular expression or a
     * comment, nor hide itself from InfluxDB as one; extract must never change the database
     * (InfluxDB 1.x runs even a DROP sent by GET, with only a warning).
     *
     * @throws IllegalArgumentException naming what was found and what is allowed
     */
    public static void checkReadOnly(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        List<InfluxQlLexer.Token> tokens = InfluxQlLexer.tokens(query);
        List<List<InfluxQlLexer.Token>> statements = new ArrayList<>();
        List<InfluxQlLexer.Token> current = new ArrayList<>();
        for (InfluxQlLexer.Token t : tokens) {
            if (t.kind() == InfluxQlLexer.Kind.SEMICOLON) {
                if (!current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("query holds no statement");
        }
        if (statements.size() > 1) {
            InfluxQlLexer.Token second = statements.get(1).get(0);
            throw new IllegalArgumentException("query must be one statement (extract only reads), got " + statements.size()
                    + " separated by ';', the second starting at position " + (second.offset() + 1) + " with "
                    + shown(second));
        }
        List<InfluxQlLexer.Token> statement = statements.get(0);
        InfluxQlLexer.Token first = statement.get(0);
        if (!first.isWord("SELECT") && !first.isWord("SHOW")) {
            throw new IllegalArgumentException("query must be a SELECT or a SHOW statement (extract only reads), got one"
                    + " starting with " + shown(first));
        }
        for (InfluxQlLexer.Token t : statement) {
            // INTO"x" is one quoted identifier to InfluxDB; refused all the same, as nobody means it as a name
            if (t.isWord("INTO") || (t.kind() == InfluxQlLexer.Kind.IDENTIFIER
                    && query.regionMatches(true, t.offset(), "INTO\"", 0, 5))) {
                throw new IllegalArgumentException("query must not contain INTO (extract only reads; SELECT ... INTO writes),"
                        + " found at position " + (t.offset() + 1));
            }
        }
    }

    private static String shown(InfluxQlLexer.Token t) {
        String text = t.text().length() > 40 ? t.text().substring(0, 40) + "..." : t.text();
        return switch (t.kind()) {
            case WORD -> text;
            case IDENTIFIER -> "the quoted identifier \"" + text + "\"";
            case STRING -> "a string";
            case REGEX -> "a regular expression";
            default -> "'" + text + "'";
        };
    }
}
