package io.jenkins.plugins.influxforecast.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text form of a model: a name with optional arguments, named ({@code snaive(season=144)},
 * {@code fft(keep=10, trend=poly)}, {@code mstl(seasons=[24,168])}) or positional, where a
 * positional argument is itself a spec ({@code ensemble(ets,theta,arima(d=1))}). Names are
 * case-insensitive and kept in lower case. Keys keep the case they were written in and are looked up
 * case-insensitively, except where a model declares two keys that differ only in case (arima's
 * {@code p} and {@code P}, {@code d} and {@code D}, {@code q} and {@code Q}): those match exactly.
 * Immutable; {@link #toString()} gives the canonical text.
 */
public final class ModelSpec {

    private final String name;
    private final Map<String, String> params;
    private final List<ModelSpec> members;

    private ModelSpec(String name, Map<String, String> params, List<ModelSpec> members) {
        this.name = name;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.members = List.copyOf(members);
    }

    public static ModelSpec of(String name) {
        return new ModelSpec(name.toLowerCase(Locale.ROOT), Map.of(), List.of());
    }

    public static ModelSpec of(String name, Map<String, String> params) {
        return new ModelSpec(name.toLowerCase(Locale.ROOT), params, List.of());
    }

    public static ModelSpec of(String name, Map<String, String> params, List<ModelSpec> members) {
        return new ModelSpec(name.toLowerCase(Locale.ROOT), params, members);
    }

    /** Parses the text form; throws IllegalArgumentException naming the position of a syntax error. */
    public static ModelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("model must not be empty");
        }
        Parser p = new Parser(text);
        ModelSpec spec = p.spec();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("unexpected '" + p.peek() + "'");
        }
        return spec;
    }

    public String name() {
        return name;
    }

    public Map<String, String> params() {
        return params;
    }

    public List<ModelSpec> members() {
        return members;
    }

    public boolean has(String key) {
        return keyOf(key) != null;
    }

    public Optional<String> param(String key) {
        return Optional.ofNullable(raw(key));
    }

    /**
     * The key as written in this spec that {@code key} refers to: the exact key if present, else the
     * only key equal to it ignoring case; null when there is none.
     */
    private String keyOf(String key) {
        if (params.containsKey(key)) {
            return key;
        }
        String found = null;
        for (String k : params.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                if (found != null) {
                    return null; // ambiguous: only exact matches count
                }
                found = k;
            }
        }
        return found;
    }

    private String raw(String key) {
        String k = keyOf(key);
        return k == null ? null : params.get(k);
    }

    /** A copy with one parameter set (replacing a key of exactly the same spelling). */
    public ModelSpec with(String key, Object value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(key, String.valueOf(value));
        return new ModelSpec(name, p, members);
    }

    /** A copy without one parameter. */
    public ModelSpec without(String key) {
        Map<String, String> p = new LinkedHashMap<>(params);
        String existing = keyOf(key);
        if (existing != null) {
            p.remove(existing);
        }
        return new ModelSpec(name, p, members);
    }

    /**
     * Fails unless every parameter is one of {@code allowed} (ignoring case, unless two allowed keys
     * differ only in case); the message lists them. Also fails when two given keys would mean the same
     * allowed key.
     */
    public void allowOnly(String... allowed) {
        Set<String> ok = new TreeSet<>(List.of(allowed));
        Set<String> used = new TreeSet<>();
        for (String k : params.keySet()) {
            String match = null;
            if (ok.contains(k)) {
                match = k;
            } else {
                for (String a : ok) {
                    if (a.equalsIgnoreCase(k)) {
                        match = match == null ? a : "";
                    }
                }
            }
            if (match == null || match.isEmpty()) {
                throw new IllegalArgumentException("model " + name + ": unknown parameter '" + k + "'; allowed: "
                        + (ok.isEmpty() ? "none" : String.join(", ", ok)));
            }
            if (!used.add(match)) {
                throw new IllegalArgumentException("model " + name + ": parameter '" + match + "' given twice");
            }
        }
    }

    /** Fails if positional arguments were given to a model that takes none. */
    public void noMembers() {
        if (!members.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " takes only named parameters (key=value), got '"
                    + members.get(0) + "'");
        }
    }

    public int intParam(String key, int defaultValue, int min, int max) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw badValue(key, v, "an integer from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw badValue(key, v, "an integer from " + min + " to " + max);
        }
    }

    public double doubleParam(String key, double defaultValue, double min, double max) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw badValue(key, v, "a number from " + min + " to " + max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw badValue(key, v, "a number from " + min + " to " + max);
        }
    }

    public boolean boolParam(String key, boolean defaultValue) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> {
                return true;
            }
            case "false", "no", "0", "off" -> {
                return false;
            }
            default -> throw badValue(key, v, "true or false");
        }
    }

    /** A value from a fixed set (case-insensitive); returns it in lower case. */
    public String choiceParam(String key, String defaultValue, String... allowed) {
        String v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        String lower = v.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(lower)) {
                return a;
            }
        }
        throw badValue(key, v, "one of " + String.join(", ", allowed));
    }

    /** A list of integers written {@code [24,168]} or a single integer; empty when absent. */
    public List<Integer> intListParam(String key, int min, int max) {
        String v = raw(key);
        if (v == null) {
            return List.of();
        }
        String body = v.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        List<Integer> out = new ArrayList<>();
        if (body.isBlank()) {
            return out;
        }
        for (String part : body.split(",")) {
            try {
                int n = Integer.parseInt(part.trim());
                if (n < min || n > max) {
                    throw badValue(key, v, "integers from " + min + " to " + max);
                }
                out.add(n);
            } catch (NumberFormatException e) {
                throw badValue(key, v, "a list of integers such as [24,168]");
            }
        }
        return out;
    }

    /** A list of numbers written {@code [0.5,0.25,0.25]} or a single number; empty when absent. */
    public List<Double> doubleListParam(String key, double min, double max) {
        String v = raw(key);
        if (v == null) {
            return List.of();
        }
        String body = v.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        List<Double> out = new ArrayList<>();
        if (body.isBlank()) {
            return out;
        }
        for (String part : body.split(",")) {
            try {
                double d = Double.parseDouble(part.trim());
                if (!(d >= min && d <= max)) {
                    throw badValue(key, v, "numbers from " + min + " to " + max);
                }
                out.add(d);
            } catch (NumberFormatException e) {
                throw badValue(key, v, "a list of numbers such as [0.5,0.3,0.2]");
            }
        }
        return out;
    }

    public IllegalArgumentException badValue(String key, String value, String allowed) {
        return new IllegalArgumentException("model " + name + ": parameter " + key + " must be " + allowed
                + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        if (params.isEmpty() && members.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        boolean first = true;
        for (ModelSpec m : members) {
            if (!first) {
                sb.append(',');
            }
            sb.append(m);
            first = false;
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && s.name.equals(name) && s.params.equals(params) && s.members.equals(members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params, members);
    }

    /** Recursive-descent parser of the text form. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        ModelSpec spec() {
            skipSpace();
            String n = identifier("a model name");
            Map<String, String> params = new LinkedHashMap<>();
            List<ModelSpec> members = new ArrayList<>();
            skipSpace();
            if (!atEnd() && peek() == '(') {
                pos++;
                skipSpace();
                if (!atEnd() && peek() == ')') {
                    pos++;
                    return new ModelSpec(n.toLowerCase(Locale.ROOT), params, members);
                }
                while (true) {
                    skipSpace();
                    int save = pos;
                    String word = identifier("a parameter or a model");
                    skipSpace();
                    if (!atEnd() && peek() == '=') {
                        pos++;
                        String key = word;
                        if (params.containsKey(key)) {
                            throw error("parameter '" + key + "' given twice");
                        }
                        params.put(key, value());
                    } else {
                        pos = save;
                        members.add(spec());
                    }
                    skipSpace();
                    if (atEnd()) {
                        throw error("missing ')'");
                    }
                    char c = peek();
                    pos++;
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')' but found '" + c + "'");
                    }
                }
            }
            return new ModelSpec(n.toLowerCase(Locale.ROOT), params, members);
        }

        String value() {
            skipSpace();
            if (atEnd()) {
                throw error("missing value");
            }
            char c = peek();
            if (c == '[') {
                int start = pos;
                int close = text.indexOf(']', pos);
                if (close < 0) {
                    throw error("missing ']'");
                }
                pos = close + 1;
                return text.substring(start, pos).replace(" ", "");
            }
            if (c == '\'' || c == '"') {
                int close = text.indexOf(c, pos + 1);
                if (close < 0) {
                    throw error("unclosed quote");
                }
                String v = text.substring(pos + 1, close);
                pos = close + 1;
                return v;
            }
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || "._+-".indexOf(peek()) >= 0)) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a value but found '" + c + "'");
            }
            return text.substring(start, pos);
        }

        String identifier(String what) {
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected " + what + (atEnd() ? " but the text ended" : " but found '" + peek() + "'"));
            }
            return text.substring(start, pos);
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("model '" + text + "' is not valid at position " + (pos + 1) + ": " + what);
        }
    }
}
