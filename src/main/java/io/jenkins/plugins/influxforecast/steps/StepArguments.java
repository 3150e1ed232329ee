package io.jenkins.plugins.influxforecast.steps;

import java.util.List;

/**
 * Checks on what a step puts on the engine's command line. Inside {@code container()} the
 * Kubernetes plugin types the command into a shell, and on an ordinary agent Jenkins expands
 * {@code $VAR} in arguments, so a {@code $}, a backquote, a backslash or a line break would not
 * reach the engine as written. Such values belong in a workspace file (e.g. {@code queryFile}).
 */
final class StepArguments {

    private StepArguments() {
    }

    /** Fails, naming the parameter, when {@code value} holds a character the shell would interpret. */
    static void checkShellSafe(String parameter, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String what = switch (c) {
                case '$' -> "a $";
                case '`' -> "a backquote";
                case '\\' -> "a backslash";
                case '\n', '\r' -> "a line break";
                case '\0' -> "a NUL character";
                default -> null;
            };
            if (what != null) {
                throw new IllegalArgumentException(parameter + " must not contain " + what
                        + " (the command line passes through a shell inside container()), got '" + printable(value) + "'"
                        + " - put such text in a workspace file instead");
            }
        }
    }

    /** Checks every argument of an assembled command line. */
    static void checkAll(List<String> argv) {
        for (String a : argv) {
            checkShellSafe("engine argument", a);
        }
    }

    private static String printable(String value) {
        String v = value.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
        return v.length() > 80 ? v.substring(0, 77) + "..." : v;
    }
}
