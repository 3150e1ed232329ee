package io.jenkins.plugins.influxforecast.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.model.ensemble.Combiner;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelSelectorTest {

    private static TimeSeries seasonal(int n, double trend, long seed) {
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

    private static ModelSelector.Options options() {
        return new ModelSelector.Options(Backtester.Plan.of(24, 3, 24), 24, 3, Combiner.MEDIAN, true);
    }

    @Test
    void picksTheModelThatFitsTheData() {
        // a strong trend: drift beats naive and the seasonal naive baseline
        TimeSeries s = seasonal(24 * 10, 2.0, 1);
        ModelSelector.Selection sel = ModelSelector.select(List.of(c("snaive(season=24)"), c("naive"), c("mean"),
                c("arima(p=1,d=0,q=1,P=0,D=1,Q=1,season=24,drift=true)")), "snaive(season=24)", s, options());
        assertThat(sel.winner().label()).contains("arima");
        assertThat(sel.fva()).isGreaterThan(10);
        assertThat(sel.candidates()).hasSize(4);
        assertThat(sel.combinations()).hasSize(2);
        assertThat(sel.windows()).isEqualTo(3);
    }

    @Test
    void fallsBackToTheBaselineWhenNothingBeatsIt() {
        TimeSeries s = seasonal(24 * 10, 0.0, 2);
        ModelSelector.Selection sel = ModelSelector.select(List.of(c("snaive(season=24)"), c("naive"), c("mean")),
                "snaive(season=24)", s, options());
        assertThat(sel.winner().label()).isEqualTo("snaive(season=24)");
        assertThat(sel.fva()).isEqualTo(0.0);
        assertThat(sel.notes()).anyMatch(n -> n.contains("no candidate beat the baseline"));
    }

    @Test
    void aCandidateThatThrowsIsSkippedAndReported() {
        ForecastModel broken = new ForecastModel() {
            @Override
            public ModelSpec spec() {
                return ModelSpec.parse("broken");
            }

            @Override
            public FittedModel fit(TimeSeries series) {
                throw new IllegalStateException("optimizer exploded");
            }
        };
        TimeSeries s = seasonal(24 * 10, 0.5, 3);
        ModelSelector.Selection sel = ModelSelector.select(List.of(c("snaive(season=24)"), new ModelSelector.Candidate("broken", broken),
                c("drift")), "snaive(season=24)", s, options());
        ModelSelector.Score b = sel.candidates().get(1);
        assertThat(b.ok()).isFalse();
        assertThat(b.error()).isEqualTo("optimizer exploded");
        assertThat(sel.notes()).anyMatch(n -> n.contains("broken skipped: optimizer exploded"));
        assertThat(sel.winner().label()).isNotEqualTo("broken");
    }

    @Test
    void combinationScoresComeFromTheMembersWindowForecasts() {
        TimeSeries s = seasonal(24 * 10, 0.3, 4);
        ModelSelector.Options o = new ModelSelector.Options(Backtester.Plan.of(24, 2, 24), 24, 2, Combiner.MEAN, false);
        ModelSelector.Selection sel = ModelSelector.select(List.of(c("snaive(season=24)"), c("naive"), c("mean")), "snaive(season=24)", s, o);
        assertThat(sel.combinations()).hasSize(1);
        ModelSelector.Score combo = sel.combinations().get(0);
        // the members are the two best candidates (the baseline may be one)
        List<String> best = sel.candidates().stream().sorted(java.util.Comparator.comparingDouble(ModelSelector.Score::mase))
                .limit(2).map(ModelSelector.Score::label).toList();
        assertThat(combo.members()).containsExactlyElementsOf(best);
        // recompute by hand: the mean of their forecasts on each window
        List<Backtester.Window> w = Backtester.windows(s, o.plan());
        double sum = 0;
        for (Backtester.Window win : w) {
            double[] a = Models.create(best.get(0)).fit(win.train()).forecast(24).mean();
            double[] b = Models.create(best.get(1)).fit(win.train()).forecast(24).mean();
            double[] avg = new double[24];
            for (int j = 0; j < 24; j++) {
                avg[j] = 0.5 * (a[j] + b[j]);
            }
            sum += Metrics.mase(win.actual(), avg, win.train().values(), 24);
        }
        assertThat(combo.mase()).isCloseTo(sum / w.size(), within(1e-12));
    }

    @Test
    void theOwaCriterionIsMaseAndSmapeRelativeToTheBaselineAndShrinkFavoursCombinations() {
        TimeSeries s = seasonal(24 * 10, 0.3, 5);
        List<ModelSelector.Candidate> cands = List.of(c("snaive(season=24)"), c("naive"), c("drift"), c("mean"));
        ModelSelector.Options owa = new ModelSelector.Options(Backtester.Plan.of(24, 3, 24), 24, 3, Combiner.MEAN, false,
                ModelSelector.Weighting.INVERSE_ERROR, 0, ModelSelector.Criterion.OWA);
        ModelSelector.Selection sel = ModelSelector.select(cands, "snaive(season=24)", s, owa);
        ModelSelector.Score base = sel.baseline();
        assertThat(base.criterion()).isEqualTo(1.0);
        for (ModelSelector.Score sc : sel.candidates()) {
            assertThat(sc.criterion()).isCloseTo(0.5 * (sc.mase() / base.mase() + sc.smape() / base.smape()), within(1e-12));
        }
        // the winner has the lowest criterion of all, and no combination is preferred without shrink
        double best = sel.ranking().get(0).criterion();
        assertThat(sel.winner().criterion()).isEqualTo(best);
        // with shrink, a combination wins when its discounted criterion is below the best single model's
        double bestSingle = sel.candidates().stream().filter(ModelSelector.Score::ok).mapToDouble(ModelSelector.Score::criterion).min()
                .orElseThrow();
        double bestCombo = sel.combinations().stream().mapToDouble(ModelSelector.Score::criterion).min().orElseThrow();
        double needed = 1 - bestSingle / bestCombo; // the shrink at which the best combination ties
        ModelSelector.Options more = new ModelSelector.Options(owa.plan(), 24, 3, Combiner.MEAN, false,
                ModelSelector.Weighting.INVERSE_ERROR, Math.min(0.99, Math.max(0, needed) + 0.01), ModelSelector.Criterion.OWA);
        ModelSelector.Selection shrunk = ModelSelector.select(cands, "snaive(season=24)", s, more);
        assertThat(shrunk.winner().members()).hasSizeGreaterThan(1);
        // the winner heads the ranking that auto refits in order, even where a single model scores lower
        assertThat(shrunk.ranking().get(0)).isSameAs(shrunk.winner());
        if (needed > 0.01) {
            ModelSelector.Options less = new ModelSelector.Options(owa.plan(), 24, 3, Combiner.MEAN, false,
                    ModelSelector.Weighting.INVERSE_ERROR, needed - 0.01, ModelSelector.Criterion.OWA);
            assertThat(ModelSelector.select(cands, "snaive(season=24)", s, less).winner().members()).isEmpty();
        }
        assertThatThrownBy(() -> new ModelSelector.Options(owa.plan(), 24, 3, Combiner.MEDIAN, false,
                ModelSelector.Weighting.INVERSE_ERROR, 0, ModelSelector.Criterion.OWA)).hasMessageContaining("mean combinations");
    }

    @Test
    void combinerMedianAndMean() {
        assertThat(Combiner.MEDIAN.combine(new double[] {5, 1, 3}, 3)).isEqualTo(3.0);
        assertThat(Combiner.MEDIAN.combine(new double[] {4, 1, 3, 10}, 4)).isEqualTo(3.5);
        assertThat(Combiner.MEAN.combine(new double[] {5, 1, 3}, 3)).isEqualTo(3.0);
        assertThat(Combiner.weightedMean(new double[] {5, 1, 3}, new double[] {2, 1, 1}, 3)).isEqualTo(3.5);
    }
}
