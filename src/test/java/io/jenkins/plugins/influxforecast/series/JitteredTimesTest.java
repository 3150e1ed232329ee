package io.jenkins.plugins.influxforecast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Readings that arrive a few minutes early or late: the nominal frequency, and a warning for what was moved. */
class JitteredTimesTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** Hourly readings, each up to {@code jitterSeconds} early or late. */
    private static List<Instant> hourly(int n, int jitterSeconds, long seed) {
        Random r = new Random(seed);
        List<Instant> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(T0.plusSeconds(3600L * i + r.nextInt(2 * jitterSeconds + 1) - jitterSeconds));
        }
        return t;
    }

    private static RawSeries raw(List<Instant> times) {
        double[] v = new double[times.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + i % 24;
        }
        return new RawSeries("s", Map.of(), times.toArray(Instant[]::new), v);
    }

    @Test
    void hourlyDataWithMinutesOfJitterIsHourly() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(Frequency.infer(hourly(200, 6 * 60, seed))).as("seed " + seed).isEqualTo(Frequency.parse("1h"));
            assertThat(Frequency.infer(hourly(200, 25 * 60, seed))).as("seed " + seed).isEqualTo(Frequency.parse("1h"));
        }
        // the case reported: spacings all different, the shortest one no step at all
        List<Instant> t = new ArrayList<>(hourly(100, 10 * 60, 7));
        t.set(1, t.get(0).plusSeconds(2848));
        assertThat(Frequency.infer(t)).isEqualTo(Frequency.parse("1h"));
    }

    @Test
    void otherNominalStepsAndExactGridsKeepTheirSpacing() {
        List<Instant> tenMinutes = new ArrayList<>();
        List<Instant> sevenMinutes = new ArrayList<>();
        List<Instant> weekly = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            tenMinutes.add(T0.plusSeconds(600L * i + r.nextInt(61) - 30));
            if (i % 5 != 3) {
                sevenMinutes.add(T0.plusSeconds(420L * i)); // exact, with missing points
            }
            weekly.add(T0.plus(Duration.ofDays(7L * i)).plusSeconds(r.nextInt(7201) - 3600));
        }
        assertThat(Frequency.infer(tenMinutes)).isEqualTo(Frequency.parse("10m"));
        assertThat(Frequency.infer(sevenMinutes)).isEqualTo(Frequency.parse("7m"));
        assertThat(Frequency.infer(weekly)).isEqualTo(Frequency.parse("1w"));
        assertThat(Frequency.nominal(3_590_000)).isEqualTo(Duration.ofHours(1));
        assertThat(Frequency.nominal(2_848_000)).isEqualTo(Duration.ofMinutes(45));
        assertThat(Frequency.nominal(1234)).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void theGridFollowsTheBulkOfThePointsNotTheFirstOnesJitter() {
        List<Instant> t = hourly(100, 5 * 60, 11);
        t.set(0, T0.plusSeconds(17 * 60)); // the first reading 17 minutes late
        Regularizer.Result r = new Regularizer(new Regularizer.Options(null, GapFill.LINEAR, null)).apply(raw(t));
        assertThat(r.series().frequency()).isEqualTo(Frequency.parse("1h"));
        assertThat(r.series().size()).isEqualTo(100);
        assertThat(Duration.between(T0, r.series().start()).abs()).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(r.series().start().getEpochSecond() % 60).isZero();
    }

    @Test
    void movingOrInventingMoreThanFivePercentIsAWarningAndRefusedWithFillFail() {
        RawSeries jittered = raw(hourly(100, 6 * 60, 5));
        Regularizer.Result r = new Regularizer(new Regularizer.Options(null, GapFill.LINEAR, null)).apply(jittered);
        int moved = r.report().offGrid();
        assertThat(moved).isGreaterThan(90);
        assertThat(r.report().warnings()).containsExactly("regularisation to 1h moved " + moved + " and invented 0 of 100 points ("
                + String.format(java.util.Locale.ROOT, "%.1f", (double) moved) + "%, more than 5%)");
        assertThat(r.report().toMap()).containsEntry("warnings", r.report().warnings());
        assertThatThrownBy(() -> new Regularizer(new Regularizer.Options(null, GapFill.FAIL, null)).apply(jittered))
                .hasMessage("series 's': regularisation to 1h moved " + moved + " and invented 0 of 100 points ("
                        + String.format(java.util.Locale.ROOT, "%.1f", (double) moved) + "%, more than 5%) and fill is 'fail'");

        // 6 of 100 points filled: more than 5%, a warning; 5 of 100: none
        List<Instant> exact = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i < 10 || i > 15) {
                exact.add(T0.plusSeconds(3600L * i));
            }
        }
        Regularizer.Result gaps = new Regularizer(new Regularizer.Options(Frequency.parse("1h"), GapFill.LINEAR, 10)).apply(raw(exact));
        assertThat(gaps.report().warnings()).containsExactly("regularisation to 1h moved 0 and invented 6 of 100 points (6.0%, more than 5%)");
        exact.add(T0.plusSeconds(3600L * 12));
        Regularizer.Result fewer = new Regularizer(new Regularizer.Options(Frequency.parse("1h"), GapFill.LINEAR, 10)).apply(raw(exact));
        assertThat(fewer.report().pointsFilled()).isEqualTo(5);
        assertThat(fewer.report().warnings()).isEmpty();
        // a few points off the grid (within 5%) pass even with fill 'fail'
        List<Instant> few = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            few.add(T0.plusSeconds(3600L * i + (i % 25 == 3 ? 120 : 0)));
        }
        Regularizer.Result ok = new Regularizer(new Regularizer.Options(null, GapFill.FAIL, null)).apply(raw(few));
        assertThat(ok.report().offGrid()).isEqualTo(4);
        assertThat(ok.report().warnings()).isEmpty();
    }
}
