package io.jenkins.plugins.influxforecast.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * score.json: what a score run found, in the snake_case of metrics.json. Unknown values (a MASE
 * without a scale) are left out rather than written as null.
 */
public final class ScoreJson {

    private ScoreJson() {
    }

    public static Map<String, Object> toMap(LiveAccuracy a, String historyMeasurement, String accuracyMeasurement, Scorer scorer,
            int pointsRead) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "score");
        m.put("status", a.unstable() ? "unstable" : "ok");
        m.put("as_of", Instant.ofEpochSecond(0, a.asOf()).toString());
        m.put("history_measurement", historyMeasurement);
        m.put("accuracy_measurement", accuracyMeasurement);
        m.put("history_points", pointsRead);
        m.put("runs_scored", a.runs().size());
        m.put("runs_complete", a.runs().stream().filter(RunScore::complete).count());
        Map<String, Object> live = new LinkedHashMap<>();
        putFinite(live, "mase", a.liveMase());
        putFinite(live, "backtest_mase", a.backtestMase());
        if (Double.isFinite(a.liveMase()) && a.backtestMase() > 0) {
            live.put("ratio", a.liveMase() / a.backtestMase());
        }
        live.put("runs_compared", scorer.runs());
        live.put("drift_factor", scorer.driftFactor());
        if (scorer.maxLiveMase() != null) {
            live.put("max_live_mase", scorer.maxLiveMase());
        }
        live.put("drifting", a.drift().stream().anyMatch(Drift::drifting));
        m.put("live", live);
        m.put("problems", a.problems());
        m.put("warnings", a.warnings());
        Map<String, Object> byLead = new LinkedHashMap<>();
        a.byLead().forEach((k, s) -> byLead.put(k, score(s)));
        m.put("by_lead", byLead);
        List<Object> drift = new ArrayList<>();
        for (Drift d : a.drift()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("series", d.series());
            x.put("tags", d.tags());
            x.put("runs", d.runs());
            putFinite(x, "live_mase", d.liveMase());
            putFinite(x, "backtest_mase", d.backtestMase());
            putFinite(x, "ratio", d.ratio());
            x.put("drifting", d.drifting());
            drift.add(x);
        }
        m.put("drift", drift);
        List<Object> runs = new ArrayList<>();
        for (RunScore r : a.runs()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("series", r.series());
            x.put("tags", r.tags());
            x.put("issued", Instant.ofEpochSecond(r.issued()).toString());
            x.put("origin", Instant.ofEpochSecond(r.origin()).toString());
            if (r.model() != null) {
                x.put("model", r.model());
            }
            if (r.build() != null) {
                x.put("build", r.build());
            }
            putFinite(x, "backtest_mase", r.backtestMase());
            x.put("points", r.points());
            x.put("complete", r.complete());
            x.put("score", score(r.all()));
            Map<String, Object> lead = new LinkedHashMap<>();
            r.byLead().forEach((k, s) -> lead.put(k, score(s)));
            x.put("by_lead", lead);
            runs.add(x);
        }
        m.put("runs", runs);
        return m;
    }

    static Map<String, Object> score(Score s) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("n", s.n());
        x.put("mae", s.mae());
        x.put("rmse", s.rmse());
        putFinite(x, "mase", s.mase());
        x.put("bias", s.bias());
        if (!s.coverage().isEmpty()) {
            x.put("coverage", s.coverage());
        }
        return x;
    }

    private static void putFinite(Map<String, Object> m, String key, double v) {
        if (Double.isFinite(v)) {
            m.put(key, v);
        }
    }
}
