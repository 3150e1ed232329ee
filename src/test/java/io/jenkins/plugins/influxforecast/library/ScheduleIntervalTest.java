package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleIntervalTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            H */12 * * *          | PT12H
            0 */12 * * *          | PT12H
            H H/6 * * *           | PT6H
            H(0-29) */8 * * *     | PT8H
            15 * * * *            | PT1H
            H * * * *             | PT1H
            H/15 * * * *          | PT15M
            */10 * * * *          | PT10M
            * * * * *             | PT1M
            30 2 * * *            | PT24H
            H H * * *             | PT24H
            0 6 * * 1             | PT168H
            @hourly               | PT1H
            @daily                | PT24H
            @midnight             | PT24H
            @weekly               | PT168H
            """)
    void evenlySpacedSchedulesHaveTheirInterval(String schedule, String interval) {
        assertThat(ScheduleInterval.of(schedule.replace("\\n", "\n"))).contains(Duration.parse(interval));
    }

    @Test
    void commentLinesDoNotCount() {
        assertThat(ScheduleInterval.of("# nightly, after the import\n30 2 * * *")).contains(Duration.ofDays(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            H 6 * * 1-5
            0 6,18 * * *
            H */5 * * *
            H/7 * * * *
            */10 6-18 * * *
            0 0 1 * *
            0 0 * 1 *
            H H(0-11)/2 * * *
            @monthly
            @yearly
            H 6 * * *\\nH 18 * * *
            """)
    void otherSchedulesHaveNone(String schedule) {
        assertThat(ScheduleInterval.of(schedule.replace("\\n", "\n"))).isEmpty();
    }
}
