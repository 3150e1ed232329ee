package io.jenkins.plugins.influxforecast.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.evaluate.ForecastCheck;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.select.Calibration;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleAndAutoTest {

    private static TimeSeries hourly(int n, double trend, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 50 + trend * t + 10 * Math.sin(2 * Math.PI * t / 24) + rnd.nextGaussian();
        }
        return TimeSeries.of("s", Instant.parse("2024-01-01T00:00:00Z"), Frequency.parse("1h"), y);
    }

    @Test
    void ensembleTakesTheMedianOrMeanOfItsMembers() {
        TimeSeries s = hourly(24 * 6, 0.2, 1);
        Forecast a = Models.create("naive").fit(s).forecast(5, 95);
        Forecast b = Models.create("mean").fit(s).forecast(5, 95);
        Forecast c = Models.create("drift").fit(s).forecast(5, 95);
        Forecast med = Models.create("ensemble(naive,mean,drift)").fit(s).forecast(5, 95);
        Forecast avg = Models.create("ensemble(naive,mean,drift,combine=mean)").fit(s).forecast(5, 95);
        for (int j = 0; j < 5; j++) {
            double[] v = {a.mean(j), b.mean(j), c.mean(j)};
            java.util.Arrays.sort(v);
            assertThat(med.mean(j)).isCloseTo(v[1], within(1e-12));
            assertThat(avg.mean(j)).isCloseTo((v[0] + v[1] + v[2]) / 3, within(1e-12));
            assertThat(med.lower(95)[j]).isLessThanOrEqualTo(med.mean(j));
            assertThat(med.upper(95)[j]).isGreaterThanOrEqualTo(med.mean(j));
        }
        assertThat(ForecastCheck.problem(med, false)).isNull();
    }

    @Test
    void ensembleNeedsTwoMembersAndValidatesThem() {
        assertThatThrownBy(() -> Models.create("ensemble(naive)")).hasMessageContaining("at least two member models");
        assertThatThrownBy(() -> Models.create("ensemble(naive,nosuch)")).hasMessageContaining("unknown model 'nosuch'");
        assertThatThrownBy(() -> Models.create("ensemble(naive,mean,combine=max)")).hasMessageContaining("median, mean");
    }

    @Test
    void ensembleLeavesOutAMemberThatFails() {
        TimeSeries s = hourly(30, 0, 2);
        FittedModel f = Models.create("ensemble(naive,arima(p=1,D=1,Q=1,season=24))").fit(s);
        assertThat(f.warnings()).anyMatch(w -> w.contains("left out"));
        assertThat(f.forecast(3).mean(0)).isEqualTo(s.get(29));
    }

    @Test
    void autoReportsCandidatesWinnerAndValueAdded() {
        TimeSeries s = hourly(24 * 12, 1.5, 3);
        FittedModel f = Models.create("auto(naive,drift,arima(p=1,D=1,Q=1,season=24,drift=true),horizon=24,windows=3)").fit(s);
        Map<String, Object> p = f.parameters();
        assertThat(p).containsKeys("selected", "baseline", "fva_percent", "candidates", "combinations", "backtest", "time_ms",
                "model_parameters");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cands = (List<Map<String, Object>>) p.get("candidates");
        assertThat(cands).extracting(m -> m.get("model")).containsExactly("snaive(season=24)", "naive", "drift",
                "arima(p=1,D=1,Q=1,season=24,drift=true)");
        assertThat((Double) p.get("fva_percent")).isGreaterThan(0);
        assertThat(p.get("selected").toString()).doesNotContain("snaive");
        Forecast fc = f.forecast(24, 80, 95);
        assertThat(ForecastCheck.problem(fc, false)).isNull();
    }

    @Test
    void autoFallsBackToSeasonalNaiveWhenNothingBeatsIt() {
        TimeSeries s = hourly(24 * 10, 0, 4);
        FittedModel f = Models.create("auto(mean,naive,horizon=24)").fit(s);
        assertThat(f.parameters().get("selected")).isEqualTo("snaive(season=24)");
        assertThat(f.spec().toString()).isEqualTo("snaive(season=24)");
        assertThat(f.warnings()).anyMatch(w -> w.contains("no candidate beat the baseline"));
    }

    @Test
    void autoCalibratesIntervalsForAWinnerWithout() {
        double[][] errors = {{1, -2, 3}, {-1, 2, -3}};
        double[] se = Calibration.standardErrors(errors, 5);
        assertThat(se[0]).isGreaterThan(0.9).isLessThan(1.2);
        for (int j = 1; j < 5; j++) {
            assertThat(se[j]).isGreaterThanOrEqualTo(se[j - 1]);
        }
        assertThat(se[2]).isCloseTo(3.0, within(0.3));
    }

    @Test
    void autoOnAShortSeriesStillForecasts() {
        TimeSeries s = hourly(20, 0, 5);
        FittedModel f = Models.create("auto").fit(s);
        assertThat(f.warnings()).anyMatch(w -> w.contains("season 24 dropped"));
        assertThat(f.forecast(5, 95).horizon()).isEqualTo(5);
        assertThatThrownBy(() -> Models.create("auto").fit(hourly(2, 0, 6))).hasMessageContaining("need at least 3");
        assertThatThrownBy(() -> Models.create("auto(windows=0)")).hasMessageContaining("windows must be an integer from 1");
    }

    @Test
    void defaultCandidatesAddTheSeasonalNaiveOfEachLongerPeriod() {
        AutoModel auto = AutoModel.create(ModelSpec.parse("auto"), Models::create);
        Frequency hourly = Frequency.parse("1h");
        List<String> three = auto.candidates(24, hourly, 24 * 7 * 3).stream().map(ModelSpec::toString).toList();
        assertThat(three.get(0)).isEqualTo("snaive(season=24)");
        assertThat(three).contains("snaive(season=168)", "mstl(theta,seasons=[24,168])");
        // fewer than two weeks: neither the weekly seasonal naive nor the two-season decomposition
        List<String> ten = auto.candidates(24, hourly, 24 * 10).stream().map(ModelSpec::toString).toList();
        assertThat(ten).noneMatch(c -> c.contains("168"));
        // given candidates replace the defaults
        assertThat(AutoModel.create(ModelSpec.parse("auto(naive,theta)"), Models::create).candidates(24, hourly, 24 * 7 * 3))
                .extracting(ModelSpec::toString).containsExactly("snaive(season=24)", "naive", "theta");
    }

    @Test
    void autoFindsTheWeeklyPatternOfHourlyData() {
        // every weekday has its own daily profile: the same hour a week before is the best forecast
        Random rnd = new Random(7);
        double[][] profile = new double[7][24];
        for (double[] day : profile) {
            for (int hr = 0; hr < 24; hr++) {
                day[hr] = 20 * rnd.nextDouble();
            }
        }
        double[] y = new double[24 * 7 * 6];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + profile[(t / 24) % 7][t % 24] + 0.3 * rnd.nextGaussian();
        }
        TimeSeries s = TimeSeries.of("s", Instant.parse("2024-01-01T00:00:00Z"), Frequency.parse("1h"), y);
        FittedModel f = Models.create("auto(horizon=48)").fit(s);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cands = (List<Map<String, Object>>) f.parameters().get("candidates");
        @SuppressWarnings("unchecked")
        double base = (Double) ((Map<String, Object>) f.parameters().get("baseline")).get("mase");
        assertThat(cands).filteredOn(c -> c.get("model").equals("snaive(season=168)")).singleElement()
                .satisfies(c -> assertThat((Double) c.get("mase")).isLessThan(base / 5));
        assertThat(f.parameters().get("selected").toString()).contains("168");
        double[] fc = f.forecast(48).mean();
        double err = 0;
        for (int j = 0; j < 48; j++) {
            int t = y.length + j;
            err += Math.abs(fc[j] - (100 + profile[(t / 24) % 7][t % 24]));
        }
        assertThat(err / 48).isLessThan(1.0);
    }

    @Test
    void autoScoresInverseErrorWeightedCombinationsOfUpToThreeBestByDefault() {
        TimeSeries s = hourly(24 * 12, 0.5, 8);
        FittedModel f = Models.create("auto(naive,drift,mean,movingaverage(window=12),theta,horizon=24)").fit(s);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> combos = (List<Map<String, Object>>) f.parameters().get("combinations");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cands = (List<Map<String, Object>>) f.parameters().get("candidates");
        // six candidates (the baseline among them): the best 2 and 3, each member weighted by 1 / its score
        assertThat(combos).hasSize(2);
        String three = combos.get(1).get("model").toString();
        assertThat(three).startsWith("inverse-error weighted mean of ");
        String[] members = three.substring("inverse-error weighted mean of ".length()).split(", ");
        assertThat(members).hasSize(3);
        @SuppressWarnings("unchecked")
        List<Double> w = (List<Double>) combos.get(1).get("weights");
        double[] inv = new double[3];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            String m = members[i];
            double score = cands.stream().filter(c -> c.get("model").equals(m)).mapToDouble(c -> (Double) c.get("score")).findFirst()
                    .orElseThrow();
            inv[i] = 1 / score;
            sum += inv[i];
        }
        for (int i = 0; i < 3; i++) {
            assertThat(w.get(i)).isCloseTo(inv[i] / sum, within(1e-12));
        }
        // the baseline scores 1 on M4's measure relative to itself
        @SuppressWarnings("unchecked")
        Map<String, Object> base = (Map<String, Object>) f.parameters().get("baseline");
        assertThat((Double) base.get("score")).isEqualTo(1.0);
        FittedModel five = Models.create("auto(naive,drift,mean,movingaverage(window=12),theta,horizon=24,ensemble=5,weights=equal)")
                .fit(s);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> c5 = (List<Map<String, Object>>) five.parameters().get("combinations");
        assertThat(c5).hasSize(4);
        assertThat(c5.get(3).get("model").toString()).startsWith("mean of ").doesNotContain("weighted");
        assertThat(c5.get(3)).doesNotContainKey("weights");
        FittedModel two = Models.create("auto(naive,drift,mean,movingaverage(window=12),theta,horizon=24,ensemble=2)").fit(s);
        assertThat((List<?>) two.parameters().get("combinations")).hasSize(1);
        FittedModel median = Models.create("auto(naive,drift,mean,horizon=24,combine=median)").fit(s);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mc = (List<Map<String, Object>>) median.parameters().get("combinations");
        assertThat(mc).isNotEmpty().allSatisfy(c -> assertThat(c.get("model").toString()).startsWith("median of "));
    }

    @Test
    void autoValidatesItsSelectionParameters() {
        assertThatThrownBy(() -> Models.create("auto(combine=median,weights=inverse)")).hasMessageContaining("weights")
                .hasMessageContaining("equal with combine=median");
        assertThatThrownBy(() -> Models.create("auto(shrink=0.9)")).hasMessageContaining("shrink must be a number from 0.0 to 0.5");
        assertThatThrownBy(() -> Models.create("auto(select=rmse)")).hasMessageContaining("select must be one of owa, mase");
        assertThatThrownBy(() -> Models.create("auto(weights=heavy)")).hasMessageContaining("weights must be one of inverse, equal");
    }

    @Test
    void aWinningWeightedCombinationIsRefittedWithItsWeights() {
        TimeSeries s = hourly(24 * 12, 0.5, 8);
        // shrink at its maximum: a combination that is nearly as good as the best single model wins
        FittedModel f = Models.create("auto(naive,drift,theta,horizon=24,shrink=0.5)").fit(s);
        assertThat(f.spec().name()).isEqualTo("ensemble");
        assertThat(f.spec().param("weights")).isPresent();
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) f.parameters().get("model_parameters");
        @SuppressWarnings("unchecked")
        List<Double> w = (List<Double>) inner.get("weights");
        assertThat(w.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
        // the refitted ensemble's forecast is the weighted mean of its members' forecasts
        ModelSpec spec = f.spec();
        double[] mean = f.forecast(5).mean();
        double[] expect = new double[5];
        for (int i = 0; i < spec.members().size(); i++) {
            double[] m = Models.create(spec.members().get(i).toString()).fit(s).forecast(5).mean();
            for (int j = 0; j < 5; j++) {
                expect[j] += w.get(i) * m[j];
            }
        }
        for (int j = 0; j < 5; j++) {
            assertThat(mean[j]).isCloseTo(expect[j], within(1e-9));
        }
        FittedModel none = Models.create("auto(naive,drift,theta,horizon=24,shrink=0)").fit(s);
        assertThat(none.parameters().get("backtest").toString()).contains("shrink=0.0").contains("select=owa");
    }

    @Test
    void aWeightedEnsembleTakesTheWeightedMeanAndRescalesWhenAMemberFails() {
        TimeSeries s = hourly(24 * 5, 0.2, 3);
        Forecast a = Models.create("naive").fit(s).forecast(4, 95);
        Forecast b = Models.create("drift").fit(s).forecast(4, 95);
        Forecast w = Models.create("ensemble(naive,drift,combine=mean,weights=[3,1])").fit(s).forecast(4, 95);
        for (int j = 0; j < 4; j++) {
            assertThat(w.mean(j)).isCloseTo(0.75 * a.mean(j) + 0.25 * b.mean(j), within(1e-12));
            assertThat(w.upper(95)[j]).isCloseTo(0.75 * a.upper(95)[j] + 0.25 * b.upper(95)[j], within(1e-12));
        }
        assertThatThrownBy(() -> Models.create("ensemble(naive,drift,combine=mean,weights=[1])"))
                .hasMessageContaining("one positive weight per member (2)");
        assertThatThrownBy(() -> Models.create("ensemble(naive,drift,weights=[1,2])")).hasMessageContaining("combine=mean only");
        assertThatThrownBy(() -> Models.create("ensemble(naive,drift,combine=mean,weights=[1,-2])")).hasMessageContaining("weights");
        // a member that cannot fit (seasonal naive needs a full period) is left out; the other keeps all the weight
        FittedModel left = Models.create("ensemble(naive,snaive(season=1000),combine=mean,weights=[1,3])").fit(s);
        assertThat(left.warnings()).anyMatch(x -> x.contains("left out"));
        assertThat(left.forecast(3).mean(0)).isEqualTo(a.mean(0));
        assertThat(left.spec().param("weights")).contains("[1.000]");
    }

    @Test
    void weeklyDataWithoutASeasonStillGetsItsYearlyCycleAsCandidates() {
        Frequency weekly = Frequency.parse("1w");
        List<String> plain = AutoModel.create(ModelSpec.parse("auto(season=none)"), Models::create).candidates(1, weekly, 200).stream()
                .map(ModelSpec::toString).toList();
        assertThat(plain.get(0)).isEqualTo("naive");
        assertThat(plain).contains("mstl(theta,seasons=[52])", "snaive(season=52)", "arima(season=none)")
                .noneMatch(c -> c.contains("fourier"));
        // one year only: no yearly candidates
        assertThat(AutoModel.create(ModelSpec.parse("auto(season=none)"), Models::create).candidates(1, weekly, 80))
                .extracting(ModelSpec::toString).noneMatch(c -> c.contains("52"));
        // the harmonic regression on the yearly cycle with effort=full, or when asked for
        assertThat(AutoModel.create(ModelSpec.parse("auto(season=none,effort=full)"), Models::create).candidates(1, weekly, 200))
                .extracting(ModelSpec::toString).contains("arima(fourier=[52.17857142857143])");
        assertThat(AutoModel.create(ModelSpec.parse("auto(season=none,fourier=[26])"), Models::create).candidates(1, weekly, 200))
                .extracting(ModelSpec::toString).contains("arima(fourier=[26])");
    }
}
