package io.jenkins.plugins.influxforecast.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ensemble.Combiner;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * auto keeps the window forecasts of the first few models of its ranking from the selection (what
 * backtest.png draws), so the windows are not fitted a second time: they are the very forecasts that
 * were scored, of the model that is used and of the next one.
 */
class AutoBacktestWindowsTest {

    private static TimeSeries hourly(int n, double trend, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 50 + trend * t + 10 * Math.sin(2 * Math.PI * t / 24) + rnd.nextGaussian();
        }
        return TimeSeries.of("s", Instant.parse("2024-01-01T00:00:00Z"), Frequency.parse("1h"), y);
    }

    private static ModelSelector.Candidate c(String spec) {
        return new ModelSelector.Candidate(spec, Models.create(spec));
    }

    @Test
    void theSelectionKeepsTheWindowForecastsOfTheFirstThreeOfTheRankingOnly() {
        TimeSeries s = hourly(24 * 10, 1.0, 1);
        ModelSelector.Options o = new ModelSelector.Options(Backtester.Plan.of(24, 3, 24), 24, 3, Combiner.MEAN, false);
        List<ModelSelector.Candidate> cands = List.of(c("snaive(season=24)"), c("naive"), c("drift"), c("mean"), c("theta(season=24)"));
        ModelSelector.Selection sel = ModelSelector.select(cands, "snaive(season=24)", s, o);

        List<ModelSelector.Score> ranking = sel.ranking();
        assertThat(sel.leaders()).extracting(ModelSelector.WindowForecasts::label)
                .containsExactly(ranking.get(0).label(), ranking.get(1).label(), ranking.get(2).label());
        assertThat(sel.leaders().get(0).label()).isEqualTo(sel.winner().label());
        assertThat(sel.windowForecasts(ranking.get(3).label())).isEmpty();
        List<Backtester.Window> windows = Backtester.windows(s, o.plan());
        for (ModelSelector.WindowForecasts w : sel.leaders()) {
            ModelSelector.Score score = ranking.stream().filter(r -> r.label().equals(w.label())).findFirst().orElseThrow();
            assertThat(w.windows()).hasSize(3).extracting(Backtester.WindowResult::origin)
                    .containsExactly(windows.get(0).origin(), windows.get(1).origin(), windows.get(2).origin());
            // the windows' MASE average to the leaderboard's score
            assertThat(w.windows().stream().mapToDouble(Backtester.WindowResult::mase).average().orElseThrow())
                    .isCloseTo(score.mase(), within(1e-12));
            if (score.members().isEmpty()) {
                // a candidate's window forecasts are its fits on the windows' training data
                List<Backtester.WindowResult> again = Backtester.run(Models.create(w.label()), windows, 24);
                for (int i = 0; i < 3; i++) {
                    assertThat(w.windows().get(i).forecast().mean()).containsExactly(again.get(i).forecast().mean());
                }
            }
        }
    }

    @Test
    void aFitByAutoCarriesTheBacktestOfTheModelItUsesAndOfTheRunnerUp() {
        TimeSeries s = hourly(24 * 12, 1.5, 3);
        FittedModel f = Models.create("auto(naive,drift,theta(season=24),horizon=24,windows=4)").fit(s);
        AutoModel.Backtest b = AutoModel.backtest(f).orElseThrow();
        Map<String, Object> p = f.parameters();
        assertThat(b.chosen().label()).isEqualTo(p.get("selected"));
        assertThat(b.chosen().windows()).hasSize(4);
        assertThat(b.runnerUp()).isNotNull();
        assertThat(b.runnerUp().label()).isNotEqualTo(b.chosen().label());
        assertThat(b.runnerUp().windows()).extracting(Backtester.WindowResult::origin)
                .containsExactlyElementsOf(b.chosen().windows().stream().map(Backtester.WindowResult::origin).toList());
        // each mean MASE is the one on auto's leaderboard, and the runner-up ranks right after the chosen model
        List<Map<String, Object>> board = new ArrayList<>();
        for (String key : List.of("candidates", "combinations")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) p.get(key);
            board.addAll(rows);
        }
        assertThat(meanMase(b.chosen())).isCloseTo(maseOf(board, b.chosen().label()), within(1e-12));
        assertThat(meanMase(b.runnerUp())).isCloseTo(maseOf(board, b.runnerUp().label()), within(1e-12));
        for (Map<String, Object> row : board) {
            if (row.get("score") instanceof Double score && !row.get("model").equals(b.chosen().label())) {
                assertThat(score).isGreaterThanOrEqualTo(scoreOf(board, b.runnerUp().label()));
            }
        }
    }

    @Test
    void anotherModelHasNoBacktest() {
        TimeSeries s = hourly(24 * 12, 1.5, 3);
        assertThat(AutoModel.backtest(Models.create("theta(season=24)").fit(s))).isEmpty();
        assertThat(AutoModel.backtest(Models.create("ensemble(naive,drift)").fit(s))).isEmpty();
    }

    private static double meanMase(ModelSelector.WindowForecasts w) {
        return w.windows().stream().mapToDouble(Backtester.WindowResult::mase).average().orElseThrow();
    }

    private static double maseOf(List<Map<String, Object>> board, String label) {
        return (Double) board.stream().filter(r -> r.get("model").equals(label)).findFirst().orElseThrow().get("mase");
    }

    private static double scoreOf(List<Map<String, Object>> board, String label) {
        return (Double) board.stream().filter(r -> r.get("model").equals(label)).findFirst().orElseThrow().get("score");
    }
}
