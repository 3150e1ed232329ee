package io.jenkins.plugins.influxforecast.influx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flux text: string literals and column references, escaped so no value can change the query, and
 * the check that a raw Flux query only reads.
 */
public final class Flux {

    /**
     * The packages a query of extract may import: computation, and reading InfluxDB or CSV. Every
     * other package is refused, so that one added to Flux later is refused until someone decided
     * that it only reads: {@code sql} (its {@code from} runs any statement on another database),
     * {@code http}, {@code experimental/http/requests}, the notification senders ({@code slack},
     * {@code pagerduty}, {@code contrib/...}), {@code experimental/mqtt}, {@code kafka},
     * {@code influxdata/influxdb/monitor} (writes statuses), {@code experimental/influxdb} (any API call),
     * {@code influxdata/influxdb/secrets}, {@code socket} and the like.
     */
    static final Set<String> READ_ONLY_PACKAGES = Set.of("array", "bitwise", "csv", "date", "date/boundaries", "dict",
            "experimental", "experimental/aggregate", "experimental/array", "experimental/bitwise",
            "experimental/date/boundaries", "experimental/geo", "experimental/json", "experimental/query",
            "experimental/table", "influxdata/influxdb", "influxdata/influxdb/schema", "influxdata/influxdb/v1",
            "interpolate", "join", "json", "math", "regexp", "runtime", "sampledata", "strings", "system", "timezone",
            "types");

    /** Functions that write, whether called bare ({@code to}) or as a member of an allowed package ({@code experimental.to}). */
    static final Set<String> WRITING_FUNCTIONS = Set.of("to", "wideTo");

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

    /**
     * Checks that a raw Flux query only reads: it imports only {@link #READ_ONLY_PACKAGES}, never
     * names a writing function ({@code to}, and {@code to} or {@code wideTo} of a package, as
     * {@code experimental.to}, {@code influxdb.wideTo}), and uses a package only as
     * {@code name.member}. Decided on the tokens Flux's scanner sees ({@link FluxLexer}): strings
     * and comments do not count, the code inside a string's {@code ${...}} does. A column or record
     * member named {@code to} ({@code r.to}, {@code r["to"]}, {@code {to: 1}}) is no call and passes.
     *
     * @throws IllegalArgumentException naming what was found, where, and what is allowed
     */
    public static void checkReadOnly(String flux) {
        if (flux == null || flux.isBlank()) {
            throw new IllegalArgumentException("flux must not be empty");
        }
        List<FluxLexer.Token> tokens = FluxLexer.tokens(flux);
        Map<String, String> packages = new HashMap<>(); // name in the query -> import path
        for (int k = 0; k < tokens.size(); k++) {
            FluxLexer.Token t = tokens.get(k);
            if (t.kind() == FluxLexer.Kind.KEYWORD && t.text().equals("import")) {
                FluxLexer.Token next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
                String alias = null;
                if (next != null && next.kind() == FluxLexer.Kind.IDENTIFIER) {
                    alias = next.text();
                    next = k + 2 < tokens.size() ? tokens.get(k + 2) : null;
                }
                if (next == null || next.kind() != FluxLexer.Kind.STRING || next.text().contains("${")) {
                    throw new IllegalArgumentException("flux has an import at " + FluxLexer.where(flux, t.offset())
                            + " without a package path in quotes");
                }
                String path = next.text();
                if (!READ_ONLY_PACKAGES.contains(path)) {
                    throw new IllegalArgumentException("flux imports \"" + shown(path) + "\" at " + FluxLexer.where(flux, t.offset())
                            + ", which extract does not allow: extract only reads, and that package may write or send"
                            + " data elsewhere (allowed: " + String.join(", ", new TreeSet<>(READ_ONLY_PACKAGES)) + ")");
                }
                packages.put(alias != null ? alias : path.substring(path.lastIndexOf('/') + 1), path);
            }
        }
        for (int k = 0; k < tokens.size(); k++) {
            FluxLexer.Token t = tokens.get(k);
            if (t.kind() != FluxLexer.Kind.IDENTIFIER) {
                continue;
            }
            FluxLexer.Token before = k > 0 ? tokens.get(k - 1) : null;
            FluxLexer.Token after = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
            boolean member = before != null && before.kind() == FluxLexer.Kind.DOT;
            if (member) {
                FluxLexer.Token owner = k > 1 ? tokens.get(k - 2) : null;
                boolean ofPackage = owner != null && owner.kind() == FluxLexer.Kind.IDENTIFIER
                        && packages.containsKey(owner.text()) && !(k > 2 && tokens.get(k - 3).kind() == FluxLexer.Kind.DOT);
                if (ofPackage && WRITING_FUNCTIONS.contains(t.text())) {
                    throw writes(flux, owner.text() + "." + t.text(), owner.offset());
                }
                continue;
            }
            boolean importAlias = before != null && before.kind() == FluxLexer.Kind.KEYWORD && before.text().equals("import");
            if (importAlias) {
                continue;
            }
            boolean recordKey = after != null && after.kind() == FluxLexer.Kind.COLON;
            if (packages.containsKey(t.text()) && !recordKey
                    && (after == null || after.kind() != FluxLexer.Kind.DOT)) {
                throw new IllegalArgumentException("flux uses the package " + t.text() + " at " + FluxLexer.where(flux, t.offset())
                        + " other than as " + t.text() + ".member; extract only allows calls such as " + t.text() + ".from(...)");
            }
            if (WRITING_FUNCTIONS.contains(t.text()) && !recordKey) {
                throw writes(flux, t.text(), t.offset());
            }
        }
    }

    private static IllegalArgumentException writes(String flux, String function, int offset) {
        return new IllegalArgumentException("flux must only read (extract never writes), but it names " + function + " at "
                + FluxLexer.where(flux, offset) + ", which writes; remove it (the forecast is written by load)");
    }

    private static String shown(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
