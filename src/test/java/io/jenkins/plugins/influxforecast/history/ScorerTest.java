package io.jenkins.plugins.influxforecast.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Scoring, lead buckets, missed slots and the accuracy lines on small hand-made histories. */
class ScorerTest {

    static final long H = 3600L * 1_000_000_000L;
    static final Map<String, String> SITE = Map.of("site", "a");

    /** A run issued at hour {@code origin} with the given forecasts for leads 1..n, 80% bounds +-1, scale 2, backtest 0.5. */
    static List<HistoryPoint> run(long origin, double... forecasts) {
        List<HistoryPoint> out = new ArrayList<>();
        for (int i = 0; i < forecasts.length; i++) {
            out.add(new HistoryPoint(SITE, i + 1, (origin + i + 1) * H, forecasts[i],
                    Map.of("80", new double[] {forecasts[i] - 1, forecasts[i] + 1}), origin * 3600, origin * 3600, "ets", 7, 2.0, 0.5));
        }
        return out;
    }

    static ActualSeries actuals(double... values) {
        TreeMap<Long, Double> m = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(i * H, values[i]);
        }
        return new ActualSeries("x", Map.of(), m);
    }

    @Test
    void scoresEachRunAndLeadBucketByHand() {
        // actuals at hours 0..5; run issued at hour 1 forecasts hours 2..5 (leads 1..4)
        ActualSeries a = actuals(0, 10, 12, 11, 15, 20);
        List<HistoryPoint> points = run(1, 11, 13, 11, 16);
        LiveAccuracy acc = new Scorer(LeadBuckets.parse("auto"), 5, 1.5, null).score("x", points, List.of(a), 5 * H);
        assertThat(acc.runs()).hasSize(1);
        RunScore r = acc.runs().get(0);
        assertThat(r.complete()).isTrue();
        // errors f - a: -1, 2, -4, -4
        Score all = r.all();
        assertThat(all.n()).isEqualTo(4);
        assertThat(all.mae()).isCloseTo(11.0 / 4, within(1e-12));
        assertThat(all.rmse()).isCloseTo(Math.sqrt((1 + 4 + 16 + 16) / 4.0), within(1e-12));
        assertThat(all.bias()).isCloseTo(-7.0 / 4, within(1e-12));
        assertThat(all.mase()).isCloseTo(11.0 / 4 / 2.0, within(1e-12));
        assertThat(all.coverage()).containsEntry("80", 0.25); // only |e| <= 1
        assertThat(r.byLead().keySet()).containsExactly("1", "2", "3-4");
        assertThat(r.byLead().get("3-4").mae()).isEqualTo(4.0);
        assertThat(acc.byLead().get("3-4").mase()).isEqualTo(2.0);
        // drift: live MASE 1.375 against backtest 0.5: ratio 2.75 > 1.5
        assertThat(acc.drift()).singleElement().satisfies(d -> {
            assertThat(d.drifting()).isTrue();
            assertThat(d.ratio()).isCloseTo(2.75, within(1e-12));
        });
        assertThat(acc.problems()).singleElement().asString().startsWith("drift: x {site=a} live MASE 1.375");
        assertThat(new Scorer(LeadBuckets.parse("auto"), 5, 3, null).score("x", points, List.of(a), 5 * H).unstable()).isFalse();
        assertThat(new Scorer(LeadBuckets.parse("auto"), 5, 3, 1.0).score("x", points, List.of(a), 5 * H).problems())
                .containsExactly("live MASE 1.375 > maxLiveMase 1.000");
    }

    @Test
    void incompleteRunsAreScoredButLeftOutOfTheDriftAndLaterRunsIgnored() {
        ActualSeries a = actuals(0, 10, 12, 11, 15, 20);
        List<HistoryPoint> points = new ArrayList<>(run(1, 11, 13, 11, 16));
        points.addAll(run(3, 30, 30, 30)); // targets 4, 5, 6: 6 has not passed at hour 5
        points.addAll(run(9, 1, 2)); // issued after the time scored as of
        LiveAccuracy acc = new Scorer(LeadBuckets.parse("1,2"), 1, 100, null).score("x", points, List.of(a), 5 * H);
        assertThat(acc.runs()).extracting(RunScore::issued).containsExactly(3600L, 3 * 3600L);
        RunScore late = acc.runs().get(1);
        assertThat(late.complete()).isFalse();
        assertThat(late.all().n()).isEqualTo(2);
        assertThat(late.byLead().keySet()).containsExactly("1", "2");
        assertThat(acc.drift()).singleElement().satisfies(d -> assertThat(d.runs()).isEqualTo(1));
        assertThat(acc.liveMase()).isCloseTo(11.0 / 4 / 2.0, within(1e-12));
    }

    @Test
    void aSeriesWithoutActualsIsAWarningNotAScore() {
        ActualSeries other = new ActualSeries("x", Map.of("site", "b"), new TreeMap<>(Map.of(2 * H, 1.0)));
        LiveAccuracy acc = new Scorer(LeadBuckets.parse("auto"), 5, 1.5, null).score("x", run(1, 1, 2), List.of(other), 5 * H);
        assertThat(acc.runs()).isEmpty();
        assertThat(acc.warnings()).containsExactly("no actuals match the series x {site=a}, so its runs cannot be scored");
        assertThat(Double.isNaN(acc.liveMase())).isTrue();
    }

    @Test
    void leadBucketsDoubleOrFollowTheGivenBounds() {
        LeadBuckets auto = LeadBuckets.parse("auto");
        assertThat(auto.upTo(20)).extracting(LeadBuckets.Bucket::label).containsExactly("1", "2", "3-4", "5-8", "9-16", "17-32");
        LeadBuckets given = LeadBuckets.parse("1, 6,24");
        assertThat(given.upTo(30)).extracting(LeadBuckets.Bucket::label).containsExactly("1", "2-6", "7-24", "25+");
        assertThat(given.bucketOf(24).label()).isEqualTo("7-24");
        assertThatThrownBy(() -> LeadBuckets.parse("6,1")).hasMessage("leadBuckets must be ascending whole numbers >= 1 (e.g. 1,6,24,48), got '6,1'");
        assertThatThrownBy(() -> LeadBuckets.parse("1,x")).hasMessageContaining("got '1,x'");
        assertThatThrownBy(() -> auto.bucketOf(0)).hasMessage("lead must be >= 1 step ahead, got 0");
    }

    @Test
    void missedSlotsAreTheHolesBetweenTheFirstRunAndNow() {
        long day = 86_400L;
        Instant asOf = Instant.ofEpochSecond(10 * day + 3600);
        // runs at 12h slots: day 7 00:00, 07 12:30 (a late run still fills its slot), 09 00:00, 10 00:00 (this one)
        List<Long> issued = List.of(7 * day, 7 * day + 12 * 3600 + 1800, 9 * day, 10 * day);
        List<Instant> missed = MissedRuns.find(issued, asOf, Duration.ofHours(12), Duration.ofDays(30), 10);
        assertThat(missed).containsExactly(Instant.ofEpochSecond(9 * day + 12 * 3600), Instant.ofEpochSecond(8 * day + 12 * 3600),
                Instant.ofEpochSecond(8 * day));
        assertThat(MissedRuns.find(issued, asOf, Duration.ofHours(12), Duration.ofDays(30), 2)).hasSize(2);
        assertThat(MissedRuns.find(issued, asOf, Duration.ofHours(12), Duration.ofHours(36), 10))
                .containsExactly(Instant.ofEpochSecond(9 * day + 12 * 3600));
        assertThat(MissedRuns.find(List.of(), asOf, Duration.ofHours(12), Duration.ofDays(30), 10)).isEmpty();
        assertThatThrownBy(() -> MissedRuns.find(issued, asOf, Duration.ZERO, Duration.ofDays(1), 1)).hasMessageStartingWith("every must be > 0");
    }

    @Test
    void accuracyLinesHoldOnePointPerRunAndBucketAtTheIssueTime() throws Exception {
        ActualSeries a = actuals(0, 10, 12, 11, 15, 20);
        LiveAccuracy acc = new Scorer(LeadBuckets.parse("auto"), 5, 1.5, null).score("x", run(1, 11, 13, 11, 16), List.of(a), 5 * H);
        StringWriter w = new StringWriter();
        assertThat(AccuracyLines.write(w, acc, "x-accuracy", LeadBuckets.parse("auto"))).isEqualTo(4);
        String[] lines = w.toString().split("\n");
        assertThat(lines[0]).isEqualTo("x-accuracy,lead=all,site=a n=4.0,mae=2.75,rmse=3.0413812651491097,mase=1.375,bias=-1.75,"
                + "coverage_80=0.25,backtest_mase=0.5,model=\"ets\",build=7.0,origin=3600.0,complete=true 3600000000000");
        assertThat(lines[3]).startsWith("x-accuracy,lead=3-4,site=a n=2.0,mae=4.0,").contains("lead_from=3.0,lead_to=4.0 3600000000000");
    }
}
