package io.jenkins.plugins.influxforecast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegularizerTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static RawSeries raw(long[] minutes, double[] values) {
        Instant[] t = new Instant[minutes.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0.plusSeconds(60 * minutes[i]);
        }
        return new RawSeries("s", Map.of(), t, values);
    }

    private static Regularizer reg(GapFill fill, Integer maxGap) {
        return new Regularizer(new Regularizer.Options(null, fill, maxGap));
    }

    @Test
    void sortsMergesDuplicatesAndFillsLinearly() {
        Regularizer.Result r = reg(GapFill.LINEAR, null).apply(raw(
                new long[] {40, 0, 10, 10, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200},
                new double[] {4, 0, 1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
        TimeSeries s = r.series();
        assertThat(s.frequency()).isEqualTo(Frequency.parse("10m"));
        assertThat(s.start()).isEqualTo(T0);
        // 10 -> mean(1, 3) = 2; 20 and 30 missing -> 2 + (4-2)/3 steps
        assertThat(s.values()).startsWith(0, 2, 2 + 2.0 / 3, 2 + 4.0 / 3, 4, 5);
        assertThat(r.report().duplicatesMerged()).isEqualTo(1);
        assertThat(r.report().gaps()).isEqualTo(1);
        assertThat(r.report().pointsFilled()).isEqualTo(2);
        assertThat(r.report().frequencyInferred()).isTrue();
    }

    @Test
    void previousValueFill() {
        TimeSeries s = reg(GapFill.PREVIOUS, null).apply(raw(new long[] {0, 10, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 230},
                new double[] {1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})).series();
        assertThat(s.values()).startsWith(1, 2, 2, 2, 5);
    }

    @Test
    void dropsEmptyBucketsAtBothEnds() {
        Regularizer.Result r = reg(GapFill.LINEAR, null).apply(raw(new long[] {0, 10, 20, 30, 40},
                new double[] {Double.NaN, 1, 2, 3, Double.NaN}));
        assertThat(r.series().values()).containsExactly(1, 2, 3);
        assertThat(r.series().start()).isEqualTo(T0.plusSeconds(600));
        assertThat(r.report().emptyEdgeRows()).isEqualTo(2);
    }

    @Test
    void putsOffGridPointsOnTheGrid() {
        Regularizer.Result r = new Regularizer(new Regularizer.Options(Frequency.parse("10m"), GapFill.LINEAR, null))
                .apply(raw(new long[] {0, 11, 19, 30}, new double[] {1, 2, 3, 4}));
        assertThat(r.series().values()).containsExactly(1, 2, 3, 4);
        assertThat(r.report().offGrid()).isEqualTo(2);
    }

    @Test
    void gapsLongerThanMaxGapOrFillFailAreErrors() {
        RawSeries gappy = raw(new long[] {0, 10, 60, 70}, new double[] {1, 2, 3, 4});
        assertThatThrownBy(() -> new Regularizer(new Regularizer.Options(Frequency.parse("10m"), GapFill.LINEAR, 3)).apply(gappy))
                .hasMessageContaining("gap of 4 point(s)").hasMessageContaining("max-gap 3").hasMessageContaining("2026-11-01T00:20:00Z");
        assertThatThrownBy(() -> new Regularizer(new Regularizer.Options(Frequency.parse("10m"), GapFill.FAIL, 100)).apply(gappy))
                .hasMessageContaining("fill is 'fail'");
        assertThat(new Regularizer(new Regularizer.Options(Frequency.parse("10m"), GapFill.LINEAR, 4)).apply(gappy).series().size()).isEqualTo(8);
        assertThatThrownBy(() -> reg(GapFill.LINEAR, null).apply(raw(new long[] {0, 10}, new double[] {Double.NaN, Double.NaN})))
                .hasMessageContaining("has no values");
    }

    @Test
    void theReportCountsWhatWasChangedAndNamesItForMetricsJson() {
        // 0 and 10 twice (one empty), 21:40 off the grid, 30 missing, empty rows at both ends
        RawSeries r = new RawSeries("s", Map.of("host", "a"), new Instant[] {T0.minusSeconds(600), T0, T0.plusSeconds(600),
            T0.plusSeconds(600), T0.plusSeconds(1300), T0.plusSeconds(2400), T0.plusSeconds(3000)},
            new double[] {Double.NaN, 1, 2, Double.NaN, 3, 5, Double.NaN});
        Regularizer.Result res = new Regularizer(new Regularizer.Options(Frequency.parse("10m"), GapFill.LINEAR, 5)).apply(r);
        assertThat(res.series().values()).containsExactly(1, 2, 3, 4, 5);
        assertThat(res.series().tags()).containsEntry("host", "a");
        Regularizer.Report rep = res.report();
        assertThat(rep.pointsRead()).isEqualTo(7);
        assertThat(rep.emptyEdgeRows()).isEqualTo(2);
        assertThat(rep.duplicatesMerged()).isEqualTo(1);
        assertThat(rep.offGrid()).isEqualTo(1);
        assertThat(rep.gaps()).isEqualTo(1);
        assertThat(rep.pointsFilled()).isEqualTo(1);
        assertThat(rep.longestGap()).isEqualTo(1);
        assertThat(rep.frequencyInferred()).isFalse();
        assertThat(rep.toMap()).containsExactly(Map.entry("points_read", 7), Map.entry("empty_edge_rows_dropped", 2),
                Map.entry("duplicates_merged", 1), Map.entry("off_grid_points_moved", 1), Map.entry("gaps_filled", 1),
                Map.entry("points_filled", 1), Map.entry("longest_gap", 1), Map.entry("frequency_inferred", false),
                Map.entry("warnings", java.util.List.of("regularisation to 10m moved 1 and invented 1 of 5 points (40.0%, more than 5%)")));
    }

    @Test
    void twoPointsThatLandInOneSlotAreAveragedAndCounted() {
        Regularizer.Result r = new Regularizer(new Regularizer.Options(Frequency.parse("10m"), GapFill.LINEAR, null))
                .apply(raw(new long[] {0, 9, 11, 20}, new double[] {1, 2, 4, 5}));
        assertThat(r.series().values()).containsExactly(1, 3, 5);
        assertThat(r.report().duplicatesMerged()).isEqualTo(1);
        assertThat(r.report().offGrid()).isEqualTo(2);
    }

    @Test
    void theDefaultMaxGapIsATenthOfTheSeriesAndAtLeastOne() {
        long[] t = new long[40];
        double[] v = new double[40];
        int k = 0;
        for (int i = 0; i < 45; i++) {
            if (i < 20 || i >= 25) {
                t[k] = 10L * i;
                v[k++] = i;
            }
        }
        // 45 points, 5 missing: allowed up to 4 by default, so refused
        assertThatThrownBy(() -> reg(GapFill.LINEAR, null).apply(raw(t, v)))
                .hasMessage("series 's' has a gap of 5 point(s) (50m) from 2026-11-01T03:20:00Z to 2026-11-01T04:00:00Z, longer than"
                        + " max-gap 4");
        assertThat(reg(GapFill.LINEAR, 5).apply(raw(t, v)).series().size()).isEqualTo(45);
        // three points with one missing: a tenth would be 0, one is allowed
        assertThat(reg(GapFill.LINEAR, null).apply(raw(new long[] {0, 10, 30}, new double[] {1, 2, 4})).series().values())
                .containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> new Regularizer(new Regularizer.Options(null, GapFill.LINEAR, -1))).hasMessage("max-gap must be >= 0, got -1");
    }

    @Test
    void tooFewPointsOrAnAbsurdGridAreErrors() {
        assertThatThrownBy(() -> reg(GapFill.LINEAR, null).apply(raw(new long[] {0, 10}, new double[] {1, Double.NaN})))
                .hasMessage("series 's' has 1 point(s); at least 2 are needed to infer the frequency (or give --frequency)");
        assertThatThrownBy(() -> new Regularizer(new Regularizer.Options(Frequency.parse("1ms"), GapFill.LINEAR, null))
                .apply(raw(new long[] {0, 60 * 24 * 7}, new double[] {1, 2})))
                .hasMessage("series 's' would have 604800001 points at frequency 1ms; is the frequency right?");
    }

    @Test
    void theGridOfJitteredTimesIsRoundedToTheMinuteSecondOrMillisecond() {
        // hourly, every reading 1 min 30.5 s late except the first, which is on time: the grid moves to the bulk
        Instant[] hourly = new Instant[10];
        Instant[] minutely = new Instant[10];
        Instant[] fast = new Instant[10];
        for (int i = 0; i < 10; i++) {
            hourly[i] = T0.plusSeconds(3600L * i + (i == 0 ? 0 : 90)).plusMillis(i == 0 ? 0 : 500);
            minutely[i] = T0.plusSeconds(60L * i + (i == 0 ? 0 : 7)).plusMillis(i == 0 ? 0 : 300);
            fast[i] = T0.plusMillis(1000L * i + (i == 0 ? 0 : 123));
        }
        assertThat(Regularizer.origin(java.util.List.of(hourly), Frequency.parse("1h"))).isEqualTo(T0.plusSeconds(120));
        assertThat(Regularizer.origin(java.util.List.of(minutely), Frequency.parse("1m"))).isEqualTo(T0.plusSeconds(7));
        assertThat(Regularizer.origin(java.util.List.of(fast), Frequency.parse("1s"))).isEqualTo(T0.plusMillis(123));
        // on the grid of the first point: the first point
        Instant odd = T0.plusMillis(4321);
        assertThat(Regularizer.origin(java.util.List.of(odd, odd.plusSeconds(3600)), Frequency.parse("1h"))).isEqualTo(odd);
        // calendar frequencies keep the first point
        assertThat(Regularizer.origin(java.util.List.of(hourly), Frequency.parse("1mo"))).isEqualTo(T0);
    }

    @Test
    void filtersSmoothWithoutLookingAhead() {
        TimeSeries s = TimeSeries.ofValues("x", 1, 2, 3, 4, 100);
        assertThat(Filters.movingAverage(s, 3).values()).containsExactly(1, 1.5, 2, 3, 107.0 / 3);
        assertThat(Filters.movingAverage(s, 1)).isSameAs(s);
        assertThatThrownBy(() -> Filters.movingAverage(s, -1)).hasMessageContaining("smoothing must be >= 0");
        assertThatThrownBy(() -> Filters.movingAverage(s, 6)).hasMessageContaining("longer than the series");
    }

    @Test
    void shuffledRowsGiveTheSameSeriesAsSortedOnes() {
        int n = 5_000;
        long[] minutes = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            minutes[i] = 10L * i;
            values[i] = Math.sin(i / 10.0) + i;
        }
        TimeSeries sorted = reg(GapFill.LINEAR, null).apply(raw(minutes, values)).series();
        java.util.Random random = new java.util.Random(3);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long m = minutes[i];
            minutes[i] = minutes[j];
            minutes[j] = m;
            double v = values[i];
            values[i] = values[j];
            values[j] = v;
        }
        assertThat(Regularizer.sortedOrder(new long[] {3, 1, 2, 1}, 4)).containsExactly(1, 3, 2, 0);
        assertThat(Regularizer.sortedOrder(new long[] {1, 1, 2}, 3)).isNull();
        Regularizer.Result shuffled = reg(GapFill.LINEAR, null).apply(raw(minutes, values));
        assertThat(shuffled.series()).isEqualTo(sorted);
        assertThat(shuffled.report().duplicatesMerged()).isZero();
        assertThat(shuffled.report().frequencyInferred()).isTrue();
    }

    @Test
    void monthlyTimesAreInferredAndPlacedOnTheCalendarGrid() {
        Instant[] t = new Instant[24];
        double[] v = new double[24];
        for (int i = 0; i < 24; i++) {
            t[i] = java.time.ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC).plusMonths(i).toInstant();
            v[i] = i;
        }
        t[5] = t[5].plusSeconds(3600); // an hour off the grid: moved onto it
        Regularizer.Result r = reg(GapFill.LINEAR, null).apply(new RawSeries("m", Map.of(), t, v));
        assertThat(r.series().frequency()).isEqualTo(Frequency.ofMonths(1));
        assertThat(r.series().size()).isEqualTo(24);
        assertThat(r.series().get(5)).isEqualTo(5);
        assertThat(r.report().offGrid()).isEqualTo(1);
    }

    @Test
    void spansOfCenturiesDoNotOverflowTheNanosecondArithmetic() {
        // 1700 to 2200: more nanoseconds apart than a long holds
        Instant origin = Instant.parse("1700-01-01T00:00:00Z");
        java.time.Duration step = java.time.Duration.ofDays(36_524);
        Instant[] t = new Instant[6];
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            t[i] = origin.plus(step.multipliedBy(i));
            v[i] = i;
        }
        Regularizer.Result given = new Regularizer(new Regularizer.Options(Frequency.of(step), GapFill.LINEAR, null))
                .apply(new RawSeries("c", Map.of(), t, v));
        assertThat(given.series().values()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(given.report().offGrid()).isZero();
        Regularizer.Result inferred = reg(GapFill.LINEAR, null).apply(new RawSeries("c", Map.of(), t, v));
        assertThat(inferred.series().frequency()).isEqualTo(Frequency.of(step));
        assertThat(inferred.series().size()).isEqualTo(6);
    }
}
