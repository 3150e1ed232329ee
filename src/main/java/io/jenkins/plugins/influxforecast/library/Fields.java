package io.jenkins.plugins.influxforecast.library;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware reading of one YAML mapping. Every error names the place in the file
 * ({@code forecasts[2].horizon}), the value and what is allowed.
 */
final class Fields {

    private final String path;
    private final Map<String, Object> values;

    Fields(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** The mapping at {@code path}; anything else is an error. */
    @SuppressWarnings("unchecked")
    static Fields of(String path, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(path + " must be a mapping (key: value lines), got " + describe(value));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + " has a key that is not text: " + e.getKey());
            }
            copy.put(key, e.getValue());
        }
        return new Fields(path, copy);
    }

    String path() {
        return path;
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Set<String> keys() {
        return values.keySet();
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    /** Refuses keys outside {@code allowed}, listing what is allowed. */
    void allowOnly(Collection<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(at(key) + " is not a known setting; allowed: "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    String string(String key) {
        return text(at(key), values.get(key));
    }

    String string(String key, String defaultValue) {
        String v = string(key);
        return v == null ? defaultValue : v;
    }

    String requiredString(String key) {
        String v = string(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(at(key) + " is required");
        }
        return v;
    }

    Integer integer(String key, int min) {
        return integer(at(key), values.get(key), min);
    }

    int integer(String key, int min, int defaultValue) {
        Integer v = integer(key, min);
        return v == null ? defaultValue : v;
    }

    Fields mapping(String key) {
        Object v = values.get(key);
        return v == null ? null : of(at(key), v);
    }

    /** A mapping of text to text (labels, node selectors, tags). */
    Map<String, String> stringMap(String key) {
        Fields f = mapping(key);
        if (f == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : f.keys()) {
            String v = f.string(k);
            if (v == null) {
                throw new IllegalArgumentException(f.at(k) + " must have a value");
            }
            out.put(k, v);
        }
        return out;
    }

    List<Object> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(at(key) + " must be a list (lines starting with '- '), got " + describe(v));
        }
        return new ArrayList<>(l);
    }

    static String text(String where, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence s) {
            // a Groovy GString from a Jenkinsfile too
            return s.toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new IllegalArgumentException(where + " must be a single value, got " + describe(v));
    }

    static Integer integer(String where, Object v, int min) {
        if (v == null) {
            return null;
        }
        long n;
        if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d{1,10}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new IllegalArgumentException(where + " must be a whole number >= " + min + ", got " + describe(v));
        }
        if (n < min || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + " must be a whole number >= " + min + ", got " + n);
        }
        return (int) n;
    }

    static Double number(String where, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(where + " must be a number, got " + describe(v));
    }

    static Boolean bool(String where, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(where + " must be true or false, got " + describe(v));
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(v);
    }
}
