package io.jenkins.plugins.influxforecast.pipeline;

import java.util.Objects;

/**
 * One option of an engine command, defined once for both faces: the command line
 * ({@code --output-dir}) and the Pipeline step ({@code outputDir}). Secrets are never options: they
 * reach the engine through environment variables only.
 *
 * @param name         the step parameter name (camelCase)
 * @param cli          the command-line option ({@code --kebab-case})
 * @param type         the value type
 * @param defaultValue the default as text, or null when there is none (or it is computed)
 * @param required     whether the option must be given
 * @param help         one sentence of help, shared by --help, help-*.html and vars/*.txt
 */
public record OptionDef(String name, String cli, Type type, String defaultValue, boolean required, String help) {

    /** Value types; LIST options repeat on the command line and are lists in a step. */
    public enum Type { STRING, INT, DOUBLE, BOOLEAN, LIST }

    public OptionDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cli, "cli");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        if (!cli.startsWith("--")) {
            throw new IllegalArgumentException("command-line option must start with --: " + cli);
        }
    }

    public static OptionDef required(String name, String cli, Type type, String help) {
        return new OptionDef(name, cli, type, null, true, help);
    }

    public static OptionDef optional(String name, String cli, Type type, String defaultValue, String help) {
        return new OptionDef(name, cli, type, defaultValue, false, help);
    }
}
