package io.jenkins.plugins.influxforecast.influx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits Flux text into the tokens Flux's own scanner sees, so that the read-only check of a raw
 * Flux query decides on the code the server runs, not on what the text looks like: nothing that
 * looks like a call inside a string or a comment counts, and nothing inside {@code ${...}} of a
 * string (interpolation is code) escapes the check.
 *
 * <p>The rules are Flux's scanner's: {@code //} starts a comment up to the line's end (there are no
 * block comments); a string is {@code "..."}, may span lines, escapes with a backslash, and runs
 * code between {@code ${} and its matching {@code }}; a {@code /} after an operand (an identifier,
 * a literal, {@code )}, {@code ]} or {@code }}) divides, anywhere else it starts a regular
 * expression. A regular expression takes {@code \/} for a slash and may hold anything else, line
 * breaks included; Flux's scanner takes the longest literal it can, so it ends at the first
 * {@code /} that has no backslash before it. Where no such {@code /} follows, the text is refused:
 * the scanner could end the literal at several places.
 */
final class FluxLexer {

    enum Kind {
        IDENTIFIER,
        /** A reserved word ({@code import}, {@code return}, {@code and}...). */
        KEYWORD,
        STRING,
        REGEX,
        /** A number, duration or date-time (or a part of one). */
        NUMBER,
        DOT,
        COLON,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        LBRACE,
        RBRACE,
        /** Any other operator or punctuation. */
        OTHER
    }

    /** A token: kind, text (the decoded content for strings without interpolation), 0-based offset. */
    record Token(Kind kind, String text, int offset) {
    }

    /** The text cannot be scanned as Flux. */
    static final class LexException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        LexException(String message) {
            super(message);
        }
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "empty", "in", "import", "package", "return",
            "option", "builtin", "testing", "test", "if", "then", "else", "exists");

    private final String s;
    private final int n;
    private int i;
    private final List<Token> tokens = new ArrayList<>();

    private FluxLexer(String text) {
        this.s = text;
        this.n = text.length();
    }

    /** The tokens of the text, those inside string interpolations included, without white space and comments. */
    static List<Token> tokens(String text) {
        FluxLexer lexer = new FluxLexer(text);
        lexer.code(false);
        return lexer.tokens;
    }

    /** Scans code up to the end, or (inside an interpolation) up to its closing brace, which it consumes. */
    private void code(boolean interpolation) {
        int depth = 0;
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                String word = s.substring(start, i);
                add(KEYWORDS.contains(word) ? Kind.KEYWORD : Kind.IDENTIFIER, word, start);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == 'µ')) {
                    i++;
                }
                add(Kind.NUMBER, s.substring(start, i), start);
            } else if (c == '"') {
                string();
            } else if (c == '/') {
                if (i + 1 < n && s.charAt(i + 1) == '/') {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (operandBefore()) {
                    i++;
                    add(Kind.OTHER, "/", start);
                } else {
                    regex();
                }
            } else if (c == '{') {
                depth++;
                single(Kind.LBRACE);
            } else if (c == '}') {
                if (interpolation && depth == 0) {
                    i++;
                    return;
                }
                depth--;
                single(Kind.RBRACE);
            } else {
                switch (c) {
                    case '.' -> single(Kind.DOT);
                    case ':' -> single(Kind.COLON);
                    case '(' -> single(Kind.LPAREN);
                    case ')' -> single(Kind.RPAREN);
                    case '[' -> single(Kind.LBRACKET);
                    case ']' -> single(Kind.RBRACKET);
                    default -> single(Kind.OTHER);
                }
            }
        }
        if (interpolation) {
            throw new LexException("flux has an unterminated ${...} in a string");
        }
    }

    private void single(Kind kind) {
        add(kind, s.substring(i, i + 1), i);
        i++;
    }

    private void add(Kind kind, String text, int offset) {
        tokens.add(new Token(kind, text, offset));
    }

    /** A string from {@code s[i] == '"'}; the code of each {@code ${...}} in it is scanned as code. */
    private void string() {
        int start = i;
        i++;
        StringBuilder sb = new StringBuilder();
        boolean interpolated = false;
        while (true) {
            if (i >= n) {
                throw new LexException("flux has an unterminated string starting at " + where(s, start));
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                add(Kind.STRING, interpolated ? s.substring(start, i) : sb.toString(), start);
                return;
            }
            if (c == '\\' && i + 1 < n) {
                char e = s.charAt(i + 1);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
                i += 2;
            } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
                interpolated = true;
                add(Kind.OTHER, "${", i); // code starts: a / right after it begins a regular expression
                i += 2;
                code(true);
            } else {
                sb.append(c);
                i++;
            }
        }
    }

    private void regex() {
        int start = i;
        int end = -1;
        for (int j = i + 1; j < n; j++) {
            if (s.charAt(j) == '/' && s.charAt(j - 1) != '\\') {
                end = j;
                break;
            }
        }
        if (end < 0) {
            throw new LexException("flux has a regular expression starting at " + where(s, start)
                    + " without a closing / (a / with no backslash before it)");
        }
        i = end + 1;
        add(Kind.REGEX, s.substring(start + 1, end), start);
    }

    /** Whether the last token ends an operand, so that a {@code /} after it divides. */
    private boolean operandBefore() {
        if (tokens.isEmpty()) {
            return false;
        }
        return switch (tokens.get(tokens.size() - 1).kind()) {
            case IDENTIFIER, STRING, REGEX, NUMBER, RPAREN, RBRACKET, RBRACE -> true;
            default -> false;
        };
    }

    /** "line L, column C" of a 0-based offset. */
    static String where(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int k = 0; k < offset && k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
