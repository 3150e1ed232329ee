package io.jenkins.plugins.influxforecast.steps;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hudson.FilePath;
import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.report.Scores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forecast's quality gate: validation MASE and sMAPE against {@code maxMase} and
 * {@code maxSmape}. Its verdict is written as {@code quality-gate.json} beside the forecast, where
 * {@code influxLoad} reads it: PENDING while the forecast runs (so a failed forecast never leaves a
 * loadable verdict behind), then NONE (no gate), PASSED or FAILED.
 */
record QualityGate(String status, List<String> reasons, boolean failOnGate) {

    static final String FILE = "quality-gate.json";
    static final String PENDING = "PENDING";
    static final String NONE = "NONE";
    static final String PASSED = "PASSED";
    static final String FAILED = "FAILED";


    boolean failed() {
        return FAILED.equals(status);
    }

    boolean configured() {
        return !NONE.equals(status);
    }

    /**
     * The verdict on a forecast's validation scores (the mean over its series, as metrics.json's
     * summary has them); null scores (no validation part) fail a configured gate.
     */
    static QualityGate evaluate(Scores validation, Double maxMase, Double maxSmape, boolean failOnGate) {
        if (maxMase == null && maxSmape == null) {
            return new QualityGate(NONE, List.of(), failOnGate);
        }
        List<String> reasons = new ArrayList<>();
        boolean ok = true;
        ok &= check(validation == null ? null : validation.mase(), "MASE", "maxMase", maxMase, reasons);
        ok &= check(validation == null ? null : validation.smape(), "sMAPE", "maxSmape", maxSmape, reasons);
        return new QualityGate(ok ? PASSED : FAILED, reasons, failOnGate);
    }

    private static boolean check(Double value, String label, String parameter, Double max, List<String> reasons) {
        if (max == null) {
            return true;
        }
        if (value == null || Double.isNaN(value)) {
            reasons.add("validation " + label + " is not available, so " + parameter + " cannot be checked");
            return false;
        }
        boolean pass = value <= max;
        reasons.add(String.format(Locale.ROOT, "validation %s %.4g %s %s %.4g", label, value, pass ? "<=" : ">", parameter, max));
        return pass;
    }

    void write(FilePath outputDir) throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("reasons", reasons);
        m.put("buildResult", failed() ? (failOnGate ? "FAILURE" : "UNSTABLE") : null);
        outputDir.child(FILE).write(Json.toJson(m), "UTF-8");
    }

    static void markPending(FilePath outputDir) throws IOException, InterruptedException {
        outputDir.mkdirs();
        new QualityGate(PENDING, List.of("the forecast has not finished"), false).write(outputDir);
    }

    /** The verdict stored beside a forecast file, or null when there is none. */
    static String readStatus(FilePath gateFile) throws IOException, InterruptedException {
        if (!gateFile.exists()) {
            return null;
        }
        try (java.io.Reader r = new java.io.InputStreamReader(gateFile.read(), java.nio.charset.StandardCharsets.UTF_8)) {
            JsonObject o = JsonParser.parseReader(r).getAsJsonObject();
            return o.has("status") ? o.get("status").getAsString() : PENDING;
        } catch (RuntimeException e) {
            return PENDING;
        }
    }
}
