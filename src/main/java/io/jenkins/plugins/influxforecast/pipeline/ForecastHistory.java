package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.history.HistoryLayout;
import io.jenkins.plugins.influxforecast.history.HistoryLines;
import io.jenkins.plugins.influxforecast.report.ForecastOutput;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The forecast's side of the history: appends the history points to forecast.lp (so one load writes
 * the latest forecast and its history), and reads a score run's verdict for metrics.json.
 */
final class ForecastHistory {

    private ForecastHistory() {
    }

    /** The history layout of a request: issued at asOf, or now when the run names no asOf. */
    static HistoryLayout layout(ForecastRequest req) {
        Instant issued = req.asOf() != null ? req.asOf() : Instant.ofEpochSecond(Instant.now().getEpochSecond());
        return new HistoryLayout(req.historyMeasurement(), req.field(), req.tags(), issued, req.build());
    }

    static int append(Path lp, List<ForecastOutput> outputs, ForecastRequest req) throws IOException {
        HistoryLayout layout = layout(req);
        try (Writer w = Files.newBufferedWriter(lp, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            return HistoryLines.write(w, outputs, layout);
        }
    }

    static String measurements(List<ForecastOutput> outputs, ForecastRequest req) {
        TreeSet<String> names = new TreeSet<>();
        for (ForecastOutput o : outputs) {
            names.add(req.historyMeasurement() != null ? req.historyMeasurement() : HistoryLayout.defaultMeasurement(o.history().name()));
        }
        return String.join(", ", names);
    }

    /** The newest {@code max} missed runs a score.json lists (score --every), newest first. */
    static List<Instant> missedRuns(Path scoreJson, int max) throws IOException {
        Map<String, Object> score = Json.read(scoreJson);
        List<Instant> out = new java.util.ArrayList<>();
        if (score.get("missed_runs") instanceof List<?> missed) {
            for (Object m : missed) {
                if (out.size() < max) {
                    out.add(Instant.parse(String.valueOf(m)));
                }
            }
        }
        return out;
    }

    /** The live part of a score run's score.json for metrics.json: verdict, drift and accuracy by lead. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> live(Path scoreJson, java.util.function.Consumer<String> log) throws IOException {
        if (!Files.isRegularFile(scoreJson)) {
            throw new IllegalArgumentException("liveAccuracy '" + scoreJson + "' does not exist (the score.json of a score run)");
        }
        Map<String, Object> score = Json.read(scoreJson);
        if (!"score".equals(score.get("command"))) {
            throw new IllegalArgumentException("liveAccuracy '" + scoreJson + "' is not the score.json of a score run");
        }
        Map<String, Object> live = new LinkedHashMap<>();
        for (String key : List.of("as_of", "history_measurement", "accuracy_measurement", "runs_scored", "runs_complete", "live",
                "problems", "drift", "by_lead")) {
            if (score.containsKey(key)) {
                live.put(key, score.get(key));
            }
        }
        for (Object p : (List<Object>) score.getOrDefault("problems", List.of())) {
            log.accept("warning: live accuracy: " + p);
        }
        return live;
    }
}
