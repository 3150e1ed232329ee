package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.influx.SeriesQuery.TagFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesQueryTest {

    @Test
    void rendersTheArgoPipelinesQueryShape() {
        SeriesQuery q = new SeriesQuery("parkingplace", "spaces", List.of(TagFilter.parse("name=P+R Noord")), "mean", "10m",
                null, null, 4038, List.of());
        assertThat(q.toInfluxQl()).isEqualTo("SELECT mean(\"spaces\") AS \"value\" FROM \"parkingplace\" WHERE (\"name\" ="
                + " 'P+R Noord') GROUP BY time(10m) fill(none) ORDER BY time DESC LIMIT 4038");
    }

    @Test
    void severalValuesOfOneKeyAreAlternativesAndKeysAllApply() {
        SeriesQuery q = new SeriesQuery("m", "v", List.of(TagFilter.parse("a=1"), TagFilter.parse("b=x=y"),
                TagFilter.parse("a=2")), null, null, "2024-05-01", "30d", null, List.of("host", "dc"));
        assertThat(q.toInfluxQl()).isEqualTo("SELECT \"v\" AS \"value\" FROM \"m\" WHERE (\"a\" = '1' OR \"a\" = '2') AND"
                + " (\"b\" = 'x=y') AND time >= '2024-05-01T00:00:00Z' AND time < now() - 30d GROUP BY \"host\", \"dc\"");
    }

    @Test
    void injectionAttemptsStayInsideTheirLiterals() {
        SeriesQuery q = new SeriesQuery("m\" WHERE 1=1 --", "f", List.of(new TagFilter("k", "x' OR 1=1 --")), null, null,
                null, "now", null, List.of());
        assertThat(q.toInfluxQl()).isEqualTo("SELECT \"f\" AS \"value\" FROM \"m\\\" WHERE 1=1 --\" WHERE (\"k\" = 'x\\' OR 1=1"
                + " --') AND time < now()");
        InfluxQl.checkReadOnly(q.toInfluxQl());
    }

    @Test
    void fluxRendering() {
        SeriesQuery q = new SeriesQuery("cpu", "usage", List.of(new TagFilter("host", "a\"b${x}")), "mean", "1h", "7d",
                null, 100, List.of("host"));
        assertThat(q.toFlux("my \"bucket\"")).isEqualTo("""
                from(bucket: "my \\"bucket\\"")
                  |> range(start: -7d)
                  |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage")
                  |> filter(fn: (r) => r["host"] == "a\\"b\\${x}")
                  |> group(columns: ["_measurement", "_field", "host"])
                  |> aggregateWindow(every: 1h, fn: mean, createEmpty: false, timeSrc: "_start")
                  |> sort(columns: ["_time"])
                  |> tail(n: 100)
                """);
        SeriesQuery raw = new SeriesQuery("cpu", "usage", List.of(), null, null, "2024-01-01T00:00:00Z",
                "2024-02-01T00:00:00Z", null, List.of());
        assertThat(raw.toFlux("b")).contains("range(start: 2024-01-01T00:00:00Z, stop: 2024-02-01T00:00:00Z)")
                .doesNotContain("aggregateWindow");
    }

    @Test
    void badParametersNameThemselves() {
        assertThatThrownBy(() -> new SeriesQuery(null, "v", null, null, null, null, null, null, null))
                .hasMessageContaining("measurement is required");
        assertThatThrownBy(() -> new SeriesQuery("m", "v", null, "avg", "1h", null, null, null, null))
                .hasMessage("aggregate must be one of mean, median, mode, sum, count, min, max, first, last, spread, stddev,"
                        + " got 'avg'");
        assertThatThrownBy(() -> new SeriesQuery("m", "v", null, "mean", null, null, null, null, null))
                .hasMessage("window is required with aggregate 'mean' (e.g. 10m, 1h)");
        assertThatThrownBy(() -> new SeriesQuery("m", "v", null, null, "1h", null, null, null, null))
                .hasMessage("window '1h' needs an aggregate (e.g. mean)");
        assertThatThrownBy(() -> new SeriesQuery("m", "v", null, null, null, null, null, 0, null))
                .hasMessage("last must be >= 1, got 0");
        assertThatThrownBy(() -> new SeriesQuery("m", "v", null, null, null, "yesterday", null, null, null))
                .hasMessageContaining("start must be an instant").hasMessageContaining("got 'yesterday'");
        assertThatThrownBy(() -> TagFilter.parse("novalue")).hasMessage("tag filter must be key=value, got 'novalue'");
    }
}
