package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.pipeline.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * forecast --backfill: the missed runs that a score.json lists are forecast as of their own time,
 * from the data up to it, and their history points are written beside this run's.
 */
class BackfillTest {

    @TempDir
    Path dir;

    static final Instant AS_OF = Instant.parse("2024-05-30T00:00:00Z");

    Path input() throws Exception {
        StringBuilder csv = new StringBuilder("time,value\n");
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; !t.isAfter(AS_OF); i++, t = t.plusSeconds(3600)) {
            csv.append(t).append(',').append(10 + 5 * Math.sin(2 * Math.PI * i / 24) + (i % 7) * 0.1).append('\n');
        }
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv);
        return in;
    }

    @Test
    void missedRunsAreForecastFromTheDataUpToTheirTime() throws Exception {
        Path in = input();
        Path score = dir.resolve("score.json");
        Files.writeString(score, "{\"command\": \"score\", \"missed_runs\": [\"2024-05-29T12:00:00Z\", \"2024-05-29T00:00:00Z\","
                + " \"2024-05-28T12:00:00Z\"]}");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", dir.resolve("out").toString(),
                "--model", "snaive(season=24)", "--horizon", "24", "--validation", "48", "--as-of", AS_OF.toString(), "--history",
                "--live-accuracy", score.toString(), "--backfill", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("backfill as of 2024-05-29T12:00:00Z: 24 history point(s) of 1 series")
                .contains("backfill as of 2024-05-29T00:00:00Z: 24 history point(s)").doesNotContain("2024-05-28T12:00:00Z");
        List<String> history = Files.readAllLines(dir.resolve("out/forecast.lp")).stream().filter(l -> l.startsWith("in-forecast-history")).toList();
        assertThat(history).hasSize(3 * 24);
        long noon = Instant.parse("2024-05-29T12:00:00Z").getEpochSecond();
        List<String> missed = history.stream().filter(l -> l.contains(",issued=" + noon + ".0,")).toList();
        assertThat(missed).hasSize(24);
        // the data up to the missed run's time: its origin is that time, its first target one hour later
        assertThat(missed.get(0)).startsWith("in-forecast-history,lead=1 ").contains(",origin=" + noon + ".0,")
                .endsWith(" " + (noon + 3600) + "000000000");
        // the latest forecast itself is this run's only
        assertThat(Files.readAllLines(dir.resolve("out/forecast.lp")).stream().filter(l -> l.startsWith("in-prediction"))).hasSize(24);
    }

    @Test
    void backfillNeedsHistoryAndTheScoreThatListsTheMissedRuns() throws Exception {
        MainTest.Run r = MainTest.cli("forecast", "--input", input().toString(), "--output-dir", dir.resolve("x").toString(),
                "--horizon", "24", "--backfill", "2");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("backfill 2 needs history (the points it fills) and liveAccuracy");
        MainTest.Run big = MainTest.cli("forecast", "--input", input().toString(), "--output-dir", dir.resolve("y").toString(),
                "--horizon", "24", "--backfill", "11");
        assertThat(big.err()).contains("backfill must be between 0 and 10 (missed runs filled per forecast), got 11");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
