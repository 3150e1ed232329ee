package io.jenkins.plugins.influxforecast.influx;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits InfluxQL text into the tokens InfluxDB's own scanner sees, so that the read-only check
 * decides on what the server will run, not on what the text looks like.
 *
 * <p>The rules are InfluxDB's (influxql scanner and parser): white space is space, tab, CR and LF
 * only; {@code --} starts a comment up to the line's end and {@code /*} one up to {@code *}{@code /};
 * {@code '...'} is a string and {@code "..."} a quoted identifier, both with the escapes
 * {@code \\ \' \" \n} only and no line break; a bare word directly followed by {@code "} is one
 * quoted identifier (never a keyword); numbers and durations ({@code 10m}) are single tokens.
 * A {@code /} that does not start a comment is a regular expression where no operand precedes it
 * (after {@code SELECT}, {@code FROM}, {@code BY}, a comma, a dot, a parenthesis or an operator;
 * InfluxDB reads a regular expression there or fails to parse the query) and a division after an
 * operand ({@code a/2}, {@code ) / 2}). Inside a regular expression only {@code \/} escapes, and
 * a backslash before any other character is kept without consuming it, as InfluxDB does.
 *
 * <p>Where this reading and InfluxDB's could differ, the query fails to parse on the server as a
 * whole, and InfluxDB runs none of its statements: a regular expression after an operator is a
 * parse error there, and {@code /*} where InfluxDB expects a regular expression is one starting
 * with {@code *}, which never compiles.
 */
final class InfluxQlLexer {

    enum Kind {
        /** A bare word: an identifier or a keyword (the text as written). */
        WORD,
        /** A quoted identifier ({@code "x"}, or {@code ab"x"}). */
        IDENTIFIER,
        STRING,
        /** A number or a duration. */
        NUMBER,
        REGEX,
        /** A bound parameter {@code $name}. */
        PARAMETER,
        LPAREN,
        RPAREN,
        COMMA,
        DOT,
        SEMICOLON,
        /** {@code *}: a wildcard or a multiplication. */
        STAR,
        /** {@code =~} and {@code !~}. */
        REGEX_OPERATOR,
        /** Any other operator or punctuation ({@code + - / % & | ^ = != <> < <= > >= : ::}). */
        OPERATOR
    }

    /** A token: kind, text (decoded for strings, identifiers and regular expressions), 0-based offset. */
    record Token(Kind kind, String text, int offset) {
        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    /** The text cannot be scanned (InfluxDB would not parse it either). */
    static final class LexException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        LexException(String message) {
            super(message);
        }
    }

    private final String s;
    private final int n;
    private int i;
    private final List<Token> tokens = new ArrayList<>();

    private InfluxQlLexer(String text) {
        this.s = text;
        this.n = text.length();
    }

    /** The tokens of the text, without white space and comments. */
    static List<Token> tokens(String text) {
        InfluxQlLexer lexer = new InfluxQlLexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (isLetter(c) || c == '_') {
                word(start);
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                number(start);
            } else {
                switch (c) {
                    case '"' -> add(Kind.IDENTIFIER, quoted('"'), start);
                    case '\'' -> add(Kind.STRING, quoted('\''), start);
                    case '.' -> single(Kind.DOT, start);
                    case '$' -> {
                        i++;
                        while (i < n && isIdentChar(s.charAt(i))) {
                            i++;
                        }
                        add(Kind.PARAMETER, s.substring(start, i), start);
                    }
                    case '-' -> {
                        if (next('-')) {
                            while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                                i++;
                            }
                        } else {
                            single(Kind.OPERATOR, start);
                        }
                    }
                    case '/' -> slash(start);
                    case '*' -> single(Kind.STAR, start);
                    case '+', '%', '&', '|', '^' -> single(Kind.OPERATOR, start);
                    case '=' -> {
                        if (next('~')) {
                            add(Kind.REGEX_OPERATOR, "=~", start);
                        } else {
                            single(Kind.OPERATOR, start);
                        }
                    }
                    case '!' -> {
                        if (next('=')) {
                            add(Kind.OPERATOR, "!=", start);
                        } else if (next('~')) {
                            add(Kind.REGEX_OPERATOR, "!~", start);
                        } else {
                            throw illegal(start);
                        }
                    }
                    case '<' -> {
                        i++;
                        if (i < n && (s.charAt(i) == '=' || s.charAt(i) == '>')) {
                            i++;
                        }
                        add(Kind.OPERATOR, s.substring(start, i), start);
                    }
                    case '>' -> {
                        i++;
                        if (i < n && s.charAt(i) == '=') {
                            i++;
                        }
                        add(Kind.OPERATOR, s.substring(start, i), start);
                    }
                    case ':' -> {
                        i++;
                        if (i < n && s.charAt(i) == ':') {
                            i++;
                        }
                        add(Kind.OPERATOR, s.substring(start, i), start);
                    }
                    case '(' -> single(Kind.LPAREN, start);
                    case ')' -> single(Kind.RPAREN, start);
                    case ',' -> single(Kind.COMMA, start);
                    case ';' -> single(Kind.SEMICOLON, start);
                    case 'π' -> single(Kind.NUMBER, start);
                    default -> throw illegal(start);
                }
            }
        }
    }

    /** Whether the character after the current one is {@code c}; if so both are consumed. */
    private boolean next(char c) {
        if (i + 1 < n && s.charAt(i + 1) == c) {
            i += 2;
            return true;
        }
        return false;
    }

    private void single(Kind kind, int start) {
        i++;
        add(kind, s.substring(start, i), start);
    }

    private void add(Kind kind, String text, int offset) {
        tokens.add(new Token(kind, text, offset));
    }

    private LexException illegal(int at) {
        int cp = s.codePointAt(at);
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                ? String.format("U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
        return new LexException("query has the character " + shown + " at position " + (at + 1)
                + ", which InfluxQL does not allow outside quotes");
    }

    private void word(int start) {
        while (i < n && isIdentChar(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '"') {
            add(Kind.IDENTIFIER, quoted('"'), start); // InfluxDB: the bare part is dropped, never a keyword
            return;
        }
        add(Kind.WORD, s.substring(start, i), start);
    }

    private void number(int start) {
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++; // InfluxDB consumes the dot even when no digit follows
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else if (i < n && (isLetter(s.charAt(i)) || s.charAt(i) == 'µ')) {
            while (i < n && (isLetter(s.charAt(i)) || s.charAt(i) == 'µ' || isDigit(s.charAt(i)))) {
                i++;
            }
        }
        add(Kind.NUMBER, s.substring(start, i), start);
    }

    /** A string or quoted identifier from {@code s[i] == quote}; returns its decoded text. */
    private String quoted(char quote) {
        int start = i;
        i++;
        StringBuilder sb = new StringBuilder();
        String what = quote == '"' ? "quoted identifier" : "string";
        while (true) {
            if (i >= n) {
                throw new LexException("query has an unterminated " + what + " starting at position " + (start + 1));
            }
            char c = s.charAt(i);
            if (c == quote) {
                i++;
                return sb.toString();
            }
            if (c == '\n' || c == '\r') {
                throw new LexException("query has a line break inside the " + what + " starting at position " + (start + 1)
                        + " (write \\n)");
            }
            if (c == '\\') {
                char e = i + 1 < n ? s.charAt(i + 1) : 0;
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case '\\', '"', '\'' -> sb.append(e);
                    default -> throw new LexException("query has the bad escape \\" + (e == 0 ? "" : String.valueOf(e))
                            + " at position " + (i + 1) + " in the " + what + " starting at position " + (start + 1)
                            + " (allowed: \\\\ \\' \\\" \\n)");
                }
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
    }

    private void slash(int start) {
        if (next('*')) {
            int end = s.indexOf("*/", i);
            if (end < 0) {
                throw new LexException("query has an unterminated comment starting at position " + (start + 1));
            }
            i = end + 2;
            return;
        }
        if (operandBefore()) {
            single(Kind.OPERATOR, start); // a division
            return;
        }
        i++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= n) {
                throw new LexException("query has an unterminated regular expression starting at position " + (start + 1));
            }
            char c = s.charAt(i);
            if (c == '/') {
                i++;
                add(Kind.REGEX, sb.toString(), start);
                return;
            }
            if (c == '\n' || c == '\r') {
                throw new LexException("query has a line break inside the regular expression starting at position "
                        + (start + 1));
            }
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '/') {
                sb.append('/');
                i += 2;
            } else {
                sb.append(c); // any other backslash stays, and the character after it is read on its own
                i++;
            }
        }
    }

    /** Whether the last token is an operand, so that a {@code /} after it divides. */
    private boolean operandBefore() {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return switch (last.kind()) {
            case WORD -> !(last.isWord("SELECT") || last.isWord("FROM") || last.isWord("BY"));
            case IDENTIFIER, STRING, NUMBER, REGEX, PARAMETER, RPAREN, STAR -> true;
            default -> false;
        };
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
