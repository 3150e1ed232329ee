package io.jenkins.plugins.influxforecast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void isImmutable() {
        double[] v = {1, 2, 3};
        Map<String, String> tags = new HashMap<>(Map.of("host", "a"));
        TimeSeries s = TimeSeries.of("cpu", tags, start, Frequency.parse("1h"), v);
        v[0] = 99;
        tags.put("host", "b");
        s.values()[1] = 99;
        assertThat(s.values()).containsExactly(1, 2, 3);
        assertThat(s.tags()).containsEntry("host", "a");
        assertThatThrownBy(() -> s.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void slicesKeepTimesAligned() {
        TimeSeries s = TimeSeries.of("cpu", start, Frequency.parse("1h"), 1, 2, 3, 4, 5);
        TimeSeries tail = s.tail(2);
        assertThat(tail.values()).containsExactly(4, 5);
        assertThat(tail.start()).isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
        assertThat(s.end()).isEqualTo(Instant.parse("2026-01-01T04:00:00Z"));
        assertThat(s.head(2).values()).containsExactly(1, 2);
        assertThat(s.time(5)).isEqualTo(Instant.parse("2026-01-01T05:00:00Z"));
        assertThatThrownBy(() -> s.slice(3, 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.withValues(1, 2)).hasMessageContaining("needs 5 values");
    }
}
