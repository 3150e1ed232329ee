package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.pipeline.ExitCodes;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: in a run over several series, a series that cannot be forecast fails alone. It is listed
 * in metrics.json and in the log, the others are written, the exit code is 3; no variant is an
 * "internal error". With one series the same faults are a one-line error naming the series and the value.
 */
class OneBadSeriesTest {

    @TempDir
    Path dir;

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static IntToDoubleFunction daily() {
        return i -> 50 + 10 * Math.sin(2 * Math.PI * i / 24) + i % 7;
    }

    /** Rows of one series in InfluxDB 1.x CSV (name,tags,time,value) with RFC 3339 times, which reach any year. */
    private static String table(int table, String host, Instant start, int n, IntToDoubleFunction f) {
        StringBuilder sb = new StringBuilder(table == 0 ? "name,tags,time,value\n" : "");
        for (int i = 0; i < n; i++) {
            sb.append("cpu,host=").append(host).append(',').append(start.plus(i, ChronoUnit.HOURS)).append(',')
                    .append(f.applyAsDouble(i)).append('\n');
        }
        return sb.toString();
    }

    static Stream<Arguments> badSeries() {
        return Stream.of(
                Arguments.of("too short", START, 3, daily(), "naive", "at least 2 must remain for fitting"),
                Arguments.of("year 1", Instant.parse("0001-01-01T00:00:00Z"), 200, daily(), "naive",
                        "forecast time 0001-01-09T08:00:00Z is outside the range InfluxDB stores"),
                Arguments.of("year 9999", Instant.parse("9999-12-01T00:00:00Z"), 200, daily(), "naive",
                        "forecast time 9999-12-09T08:00:00Z is outside the range InfluxDB stores"),
                Arguments.of("values near the largest double", START, 200, (IntToDoubleFunction) i -> i % 2 == 0 ? 1e308 : -1e308,
                        "naive", "numeric overflow"),
                Arguments.of("a model that diverges", START, 200, (IntToDoubleFunction) i -> 1e306 * (1.5 + Math.sin(0.7 * i)),
                        "arima(p=1,d=1,q=0)", "not finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSeries")
    void failsAloneTheOthersAreWrittenExitThree(String label, Instant start, int n, IntToDoubleFunction values, String model,
            String message) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, table(0, "a", START, 200, daily()) + table(1, "b", start, n, values) + table(2, "c", START, 200, daily()));
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", model,
                "--validation", "24");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNSTABLE);
        assertThat(r.out() + r.err()).doesNotContain("internal error");
        assertThat(r.out()).contains("[2/3] cpu{host=b} FAILED: ").contains(message)
                .contains("1 of 3 series failed; see metrics.json");
        RunMetrics m = RunMetrics.read(out.resolve("metrics.json"));
        assertThat(m.summary().failed()).isEqualTo(1);
        assertThat(m.series()).extracting(SeriesReport::ok).containsExactly(true, false, true);
        assertThat(m.series().get(1).error()).contains(message);
        List<String> lp = Files.readAllLines(out.resolve("forecast.lp"));
        assertThat(lp).hasSize(48).allMatch(l -> !l.contains("host=b"));
        assertThat(lp).anyMatch(l -> l.contains("host=a")).anyMatch(l -> l.contains("host=c"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("too short".equals(label) ? "holds out" : message);
    }

    @Test
    void withOneSeriesAnOutOfRangeTimeIsBadInputNamingTheSeriesAndTheValue() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, table(0, "b", Instant.parse("0001-01-01T00:00:00Z"), 200, daily()));
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "naive",
                "--validation", "24");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: series 'cpu' {host=b}: forecast time 0001-01-09T08:00:00Z")
                .doesNotContain("internal error");
        assertThat(out).doesNotExist();
    }

    @Test
    void withOneSeriesAnOverflowIsBadInputNamingTheValues() throws IOException {
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int i = 0; i < 100; i++) {
            csv.append(1_700_000_000L + 3600L * i).append(',').append(i % 2 == 0 ? "1e308" : "-1e308").append('\n');
        }
        Path in = dir.resolve("big.csv");
        Files.writeString(in, csv);
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", dir.resolve("o").toString(), "--model",
                "naive", "--validation", "10");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("series 'big'", "-1.0E308 to 1.0E308", "numeric overflow").doesNotContain("internal error");
    }

    @Test
    void whenEverySeriesFailsTheFirstErrorEndsTheRunAndNothingIsWritten() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, table(0, "a", START, 3, daily()) + table(1, "b", START, 3, daily()));
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "naive",
                "--validation", "24");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).contains("[1/2] cpu{host=a} FAILED", "[2/2] cpu{host=b} FAILED");
        assertThat(r.err()).contains("host=a").contains("at least 2 must remain");
        assertThat(out).doesNotExist();
    }
}
