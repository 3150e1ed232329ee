package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shim of {@code hudson.EnvVars}: a case-insensitive map of environment variables with Jenkins'
 * override rules (an empty or null value removes the variable; {@code PATH+XYZ} prepends to
 * {@code PATH}) and {@code $VAR} / {@code ${VAR}} / {@code $$} expansion.
 */
public class EnvVars extends TreeMap<String, String> {

    private static final Pattern MACRO = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    public EnvVars(@NonNull Map<String, String> m) {
        this();
        putAll(m);
    }

    public EnvVars(@NonNull EnvVars m) {
        this((Map<String, String>) m);
    }

    public EnvVars(String... keyValuePairs) {
        this();
        if (keyValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException(String.valueOf(keyValuePairs.length));
        }
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
    }

    /** Sets {@code key}: an empty value removes it; {@code PATH+XYZ} prepends the value to PATH. */
    public void override(String key, String value) {
        if (value == null || value.isEmpty()) {
            remove(key);
            return;
        }
        int plus = key.indexOf('+');
        if (plus > 0) {
            String real = key.substring(0, plus);
            String existing = get(real);
            put(real, existing == null ? value : value + java.io.File.pathSeparatorChar + existing);
            return;
        }
        put(key, value);
    }

    public EnvVars overrideAll(Map<String, String> all) {
        for (Map.Entry<String, String> e : all.entrySet()) {
            override(e.getKey(), e.getValue());
        }
        return this;
    }

    /** Like {@link #overrideAll} but each value is first expanded against this environment. */
    public EnvVars overrideExpandingAll(@NonNull Map<String, String> all) {
        for (Map.Entry<String, String> e : all.entrySet()) {
            override(e.getKey(), expand(e.getValue()));
        }
        return this;
    }

    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public String put(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Null value not allowed as an environment variable: " + key);
        }
        return super.put(key, value);
    }

    public void putIfNotNull(String key, String value) {
        if (value != null) {
            put(key, value);
        }
    }

    /**
     * Replaces {@code $NAME} and {@code ${NAME}} with their values (left as they are when not
     * defined) and {@code $$} with {@code $}.
     */
    public String expand(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = MACRO.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            String replacement;
            if (token.equals("$")) {
                replacement = "$";
            } else {
                String key = token.startsWith("{") ? token.substring(1, token.length() - 1) : token;
                String value = get(key);
                replacement = value == null ? m.group() : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final long serialVersionUID = 1L;
}
