package io.jenkins.plugins.influxforecast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrequencyTest {

    @ParameterizedTest
    @CsvSource({"10m,PT10M", "10min,PT10M", "30s,PT30S", "1h,PT1H", "H,PT1H", "D,PT24H", "1d,PT24H", "W,PT168H",
        "2w,PT336H", "PT10M,PT10M", "P1D,PT24H", "15T,PT15M", "500ms,PT0.5S", "1 h,PT1H", "4H,PT4H"})
    void parsesFixedDurations(String text, String iso) {
        Frequency f = Frequency.parse(text);
        assertThat(f.isCalendar()).isFalse();
        assertThat(f.nominalDuration()).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource({"1mo,1", "MS,1", "M,1", "month,1", "P1M,1", "1q,3", "QS,3", "P3M,3", "1y,12", "YS,12", "A,12", "P1Y,12", "6mo,6"})
    void parsesCalendarFrequencies(String text, int months) {
        Frequency f = Frequency.parse(text);
        assertThat(f.isCalendar()).isTrue();
        assertThat(f.months()).isEqualTo(months);
    }

    @Test
    void calendarMonthsStepByTheCalendar() {
        Frequency f = Frequency.parse("1mo");
        Instant jan31 = Instant.parse("2024-01-31T00:00:00Z");
        assertThat(f.plus(jan31, 1)).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(f.plus(jan31, 2)).isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
        Instant jan1 = Instant.parse("2023-01-01T00:00:00Z");
        assertThat(Frequency.parse("1q").plus(jan1, 1)).isEqualTo(Instant.parse("2023-04-01T00:00:00Z"));
        assertThat(Frequency.parse("1y").plus(jan1, 2)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(f.position(jan1, Instant.parse("2023-03-01T00:00:00Z"))).isEqualTo(2.0);
    }

    @Test
    void rejectsNonsenseWithTheAllowedForms() {
        assertThatThrownBy(() -> Frequency.parse("10 parsecs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10 parsecs'").hasMessageContaining("10m");
        assertThatThrownBy(() -> Frequency.parse("0m")).hasMessageContaining("'0m'");
        assertThatThrownBy(() -> Frequency.parse("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Frequency.parse("P-1D")).hasMessageContaining("P-1D");
    }

    @Test
    void infersTheMostCommonSpacingDespiteGapsAndDuplicates() {
        List<Instant> t = new ArrayList<>();
        Instant s = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            if (i != 17 && i != 18) {
                t.add(s.plus(Duration.ofMinutes(10L * i)));
            }
        }
        t.add(s); // duplicate
        assertThat(Frequency.infer(t)).isEqualTo(Frequency.parse("10m"));
    }

    @Test
    void infersCalendarMonths() {
        List<Instant> t = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            t.add(Frequency.ofMonths(1).plus(Instant.parse("2020-01-01T00:00:00Z"), i));
        }
        assertThat(Frequency.infer(t)).isEqualTo(Frequency.ofMonths(1));
        assertThatThrownBy(() -> Frequency.infer(List.of(Instant.EPOCH))).hasMessageContaining("give --frequency");
    }

    @Test
    void candidatePeriodsFollowTheFrequency() {
        assertThat(Frequency.parse("10m").candidatePeriods()).containsExactly(144, 1008);
        assertThat(Frequency.parse("30m").candidatePeriods()).containsExactly(48, 336);
        assertThat(Frequency.parse("1h").candidatePeriods()).containsExactly(24, 168);
        assertThat(Frequency.parse("1d").candidatePeriods()).containsExactly(7, 365);
        assertThat(Frequency.parse("1w").candidatePeriods()).containsExactly(52);
        assertThat(Frequency.parse("1mo").candidatePeriods()).containsExactly(12);
        assertThat(Frequency.parse("7m").candidatePeriods()).containsExactly(1440);
        assertThat(Frequency.parse("11m").candidatePeriods()).isEmpty();
        assertThat(Frequency.parse("11m").defaultSeason()).isEqualTo(1);
    }

    @Test
    void canonicalTextAndFloor() {
        assertThat(Frequency.parse("60min")).hasToString("1h");
        assertThat(Frequency.parse("PT10M")).hasToString("10m");
        assertThat(Frequency.parse("QS")).hasToString("1q");
        assertThat(Frequency.parse("10m").floor(Instant.parse("2026-11-28T15:57:12Z"))).isEqualTo(Instant.parse("2026-11-28T15:50:00Z"));
        assertThat(Frequency.parse("1q").floor(Instant.parse("2026-11-28T15:57:12Z"))).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    }
}
