package io.jenkins.plugins.influxforecast.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine command ({@code forecast}, {@code extract}, {@code load}) and its options. The command
 * line is built from it, and a step turns its parameters into arguments with {@link #toArguments}.
 */
public record CommandDef(String name, String description, List<OptionDef> options) {

    public CommandDef {
        options = List.copyOf(options);
    }

    public Optional<OptionDef> option(String optionName) {
        return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
    }

    /** The values with every absent option that has a default set to that default. */
    public Map<String, Object> withDefaults(Map<String, ?> values) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(values);
        for (OptionDef o : options) {
            if (o.defaultValue() != null && out.get(o.name()) == null) {
                out.put(o.name(), o.defaultValue());
            }
        }
        return out;
    }

    /**
     * The command-line arguments for the given parameter values (keyed by step parameter name):
     * the command name, then {@code --option value} for every non-null value, repeated for lists,
     * in the order of the definitions. Unknown names are an error, so a step cannot drift from the
     * command line.
     */
    public List<String> toArguments(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (option(key).isEmpty()) {
                throw new IllegalArgumentException("command " + name + " has no option '" + key + "'");
            }
        }
        List<String> args = new ArrayList<>();
        args.add(name);
        for (OptionDef o : options) {
            Object v = values.get(o.name());
            if (v == null) {
                if (o.required()) {
                    throw new IllegalArgumentException(o.name() + " is required");
                }
                continue;
            }
            switch (o.type()) {
                case LIST -> {
                    Collection<?> items = v instanceof Collection<?> c ? c : List.of(v);
                    for (Object item : items) {
                        args.add(o.cli());
                        args.add(String.valueOf(item));
                    }
                }
                case BOOLEAN -> {
                    if (Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(String.valueOf(v))) {
                        args.add(o.cli());
                    }
                }
                default -> {
                    args.add(o.cli());
                    args.add(String.valueOf(v));
                }
            }
        }
        return args;
    }
}
