package io.jenkins.plugins.influxforecast.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.influxforecast.files.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <function>-parameters.json}: what a step call resolved (its engine options, asOf, the
 * engine version, the build and how it ended), written beside its outputs for every build, failed
 * ones too, so a run can be understood and repeated from the archived artifacts. Never holds a
 * secret: secrets are not options.
 */
final class StepRecord {


    private StepRecord() {
    }

    static void write(FilePath file, String function, Run<?, ?> run, String engineVersion, String asOf,
                      Map<String, Object> engineValues, String status, TaskListener listener) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", function);
        m.put("build", run.getExternalizableId());
        m.put("buildNumber", run.getNumber());
        m.put("buildStart", Instant.ofEpochMilli(run.getStartTimeInMillis()).toString());
        m.put("asOf", asOf);
        m.put("engineVersion", engineVersion);
        m.put("status", status);
        m.put("parameters", engineValues);
        try {
            file.write(Json.toJson(m), "UTF-8");
        } catch (IOException | InterruptedException e) {
            listener.getLogger().println(PrefixingStream.PREFIX + "could not write " + file.getRemote() + ": " + e);
        }
    }
}
