package io.jenkins.plugins.influxforecast.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's description as a run log: each forecast and score call puts one line into it (model,
 * validation MASE, FVA; live MASE against the backtest), replacing its own line of an earlier call
 * with the same key and keeping every other line, so the build history reads as a list of runs.
 * A description Jenkins refuses (no permission) is a warning in the log, never a failed step.
 */
final class BuildDescription {

    private BuildDescription() {
    }

    /** Replaces the line starting with {@code key + ": "} (or adds it) in the build's description. */
    static void put(Run<?, ?> run, String key, String text, TaskListener listener) {
        String prefix = key + ": ";
        List<String> lines = new ArrayList<>();
        String current = run.getDescription();
        boolean replaced = false;
        if (current != null && !current.isBlank()) {
            for (String line : current.split("\n")) {
                if (line.startsWith(prefix)) {
                    if (!replaced) {
                        lines.add(prefix + text);
                        replaced = true;
                    }
                } else {
                    lines.add(line);
                }
            }
        }
        if (!replaced) {
            lines.add(prefix + text);
        }
        try {
            run.setDescription(String.join("\n", lines));
        } catch (java.io.IOException | RuntimeException e) {
            listener.getLogger().println(PrefixingStream.PREFIX + "the build description was not set: " + e);
        }
    }
}
