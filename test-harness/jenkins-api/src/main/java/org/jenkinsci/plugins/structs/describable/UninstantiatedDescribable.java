package org.jenkinsci.plugins.structs.describable;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shim of structs' {@code UninstantiatedDescribable}: the arguments {@link DescribableModel#uninstantiate2}
 * found (what the Snippet Generator prints), without the symbol and nested-describable support.
 */
public final class UninstantiatedDescribable {

    private final Map<String, ?> arguments;

    public UninstantiatedDescribable(Map<String, ?> arguments) {
        this.arguments = Collections.unmodifiableMap(new TreeMap<>(arguments));
    }

    public Map<String, ?> getArguments() {
        return arguments;
    }

    public Map<String, Object> toMap() {
        return new TreeMap<>(arguments);
    }

    @Override
    public String toString() {
        return arguments.toString();
    }
}
