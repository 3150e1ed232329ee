package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.pipeline.Commands;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The score step's contract with the engine, its checks and the map it returns. */
class ScoreStepTest {

    /** Binds as a Pipeline does, then runs the cross-field checks as start() does. */
    private static ScoreStep bind(Map<String, Object> args) throws Exception {
        ScoreStep step = PipelineBinding.bind(ScoreStep.class, args);
        step.checkCombination();
        return step;
    }

    @Test
    void everyScoreOptionIsAStepParameterAndBack() {
        StepContract.check(ScoreStep.class, Commands.SCORE, InfluxStepsTest.CONNECTION_STEP_ONLY, Set.of("url"));
    }

    @Test
    void bindsAndPassesEveryValueToTheEngine() throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("url", "http://influx:8086");
        args.put("database", "db");
        args.put("name", "parking");
        args.put("actuals", "forecasts/parking/input.csv");
        args.put("lookback", "14d");
        args.put("leadBuckets", "1,6,24");
        args.put("runs", 3);
        args.put("driftFactor", 2.0);
        args.put("maxLiveMase", 1.2);
        args.put("outputDir", "forecasts/parking/score");
        ScoreStep step = bind(args);
        Map<String, Object> values = new LinkedHashMap<>(step.stepConnection());
        values.putAll(step.engineValues("2024-05-01T00:00:00Z"));
        List<String> argv = Commands.SCORE.toArguments(values);
        assertThat(argv).containsSequence("--name", "parking").containsSequence("--actuals", "forecasts/parking/input.csv")
                .containsSequence("--lookback", "14d").containsSequence("--lead-buckets", "1,6,24").containsSequence("--runs", "3")
                .containsSequence("--drift-factor", "2.0").containsSequence("--max-live-mase", "1.2")
                .containsSequence("--as-of", "2024-05-01T00:00:00Z").containsSequence("--output-dir", "forecasts/parking/score");
    }

    @Test
    void badValuesAndCombinationsAreRefusedWithTheParameter() {
        Map<String, Object> base = Map.of("url", "http://influx:8086", "database", "db", "name", "p", "actuals", "a.csv");
        assertThatThrownBy(() -> bind(with(base, "runs", 0))).hasRootCauseMessage("runs must be >= 1, got 0");
        assertThatThrownBy(() -> bind(with(base, "leadBuckets", "6,1")))
                .hasRootCauseMessage("leadBuckets must be ascending whole numbers >= 1 (e.g. 1,6,24,48), got '6,1'");
        assertThatThrownBy(() -> bind(with(base, "lookback", "a while")))
                .rootCause().hasMessageContaining("lookback must be a duration");
        assertThatThrownBy(() -> bind(with(base, "actualsQuery", "SELECT value FROM t")))
                .hasMessageContaining("give exactly one of actuals");
        Map<String, Object> noName = new HashMap<>(base);
        noName.remove("name");
        assertThatThrownBy(() -> bind(noName)).hasMessageContaining("name is required");
        assertThatThrownBy(() -> bind(with(base, "actuals", "/etc/passwd"))).rootCause().hasMessageContaining("actuals must be a path relative");
    }

    private static Map<String, Object> with(Map<String, Object> base, String k, Object v) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(k, v);
        return m;
    }

    @Test
    void summaryCarriesTheHeadlineFigures() {
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("command", "score");
        score.put("runs_scored", 3L);
        score.put("runs_complete", 1L);
        score.put("live", Map.of("mase", 1.8, "backtest_mase", 0.9, "ratio", 2.0, "drifting", true));
        Map<String, Object> byLead = new LinkedHashMap<>();
        byLead.put("1", Map.of("n", 3L, "mae", 0.5, "mase", 0.4));
        byLead.put("2", Map.of("n", 3L, "mae", 0.7));
        score.put("by_lead", byLead);
        score.put("problems", List.of("drift: x"));
        java.util.LinkedHashMap<String, Object> s = ScoreStep.summarize(score);
        assertThat(s).containsEntry("liveMase", 1.8).containsEntry("backtestMase", 0.9).containsEntry("drifting", true)
                .containsEntry("runsScored", 3L).containsEntry("runsComplete", 1L);
        assertThat(s.get("maseByLead")).isEqualTo(Map.of("1", 0.4, "2", 0.7));
        s.put("outputDir", "score");
        assertThat(ScoreStep.describe(s)).isEqualTo("3 run(s) scored, live MASE 1.800 (backtest 0.900); outputs in score/");
    }
}
