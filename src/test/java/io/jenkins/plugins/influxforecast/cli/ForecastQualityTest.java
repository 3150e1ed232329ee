package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.files.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine II through the command line: auto as the default model, nonNegative, calibrated intervals
 * for models without analytic ones, the sanity check's replacement, and the season_dropped flag.
 */
class ForecastQualityTest {

    @TempDir
    Path dir;

    private Path csv(String name, int n, IntToDoubleFunction f) throws IOException {
        StringBuilder sb = new StringBuilder("time,value\n");
        for (int i = 0; i < n; i++) {
            sb.append(1_700_000_000L + 3600L * i).append(',').append(f.applyAsDouble(i)).append('\n');
        }
        Path p = dir.resolve(name + ".csv");
        Files.writeString(p, sb);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(Path out) throws IOException {
        Map<String, Object> m = Json.read(out.resolve("metrics.json"));
        Map<String, Object> series = ((List<Map<String, Object>>) m.get("series")).get(0);
        return (Map<String, Object>) series.get("model");
    }

    @Test
    void autoIsTheDefaultModelAndReportsItsChoice() throws IOException {
        java.util.Random rnd = new java.util.Random(1);
        Path in = csv("s", 24 * 14, i -> 50 + 10 * Math.sin(2 * Math.PI * i / 24) + rnd.nextGaussian());
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--validation", "24");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) model(out).get("parameters");
        assertThat(p).containsKeys("selected", "candidates", "fva_percent", "baseline", "time_ms");
        assertThat(p.get("backtest").toString()).contains("horizon=24");
    }

    @Test
    void nonNegativeClipsForecastsAndIntervalsAndSaysSo() throws IOException {
        Path in = csv("falling", 200, i -> Math.max(0.5, 100 - 0.5 * i));
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "drift",
                "--validation", "0", "--horizon", "48", "--non-negative");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        for (String line : lines.subList(1, lines.size())) {
            for (String v : line.substring(line.indexOf(',') + 1).split(",")) {
                assertThat(Double.parseDouble(v)).isGreaterThanOrEqualTo(0.0);
            }
        }
        assertThat(model(out).get("non_negative").toString()).matches(".*clipped_values=[1-9].*");
        Map<String, Object> m = Json.read(out.resolve("metrics.json"));
        assertThat(m.get("parameters").toString()).contains("non_negative=true");
    }

    @Test
    void aModelWithoutIntervalsGetsCalibratedOnes() throws IOException {
        Path in = csv("cycle", 24 * 20, i -> 20 + 5 * Math.sin(2 * Math.PI * i / 24) + ((i * 7919) % 13) / 13.0);
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model",
                "fft(season=24)", "--validation", "48");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(model(out).get("intervals")).isEqualTo("calibrated from backtest errors");
        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        assertThat(lines.get(0)).isEqualTo("time,value,lower_80,upper_80,lower_95,upper_95");
        String[] first = lines.get(1).split(",");
        assertThat(Double.parseDouble(first[4])).isLessThan(Double.parseDouble(first[1]));
    }

    @Test
    void anExactModelKeepsItsZeroWidthIntervalsAndSaysSo() throws IOException {
        // a perfect daily cycle: seasonal naive has no in-sample errors, so its intervals have zero width;
        // that is the honest answer of an exact model, not a reason to throw the forecast away
        Path in = csv("perfect", 24 * 10, i -> 10 + Math.sin(2 * Math.PI * (i % 24) / 24));
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model",
                "snaive(season=24)", "--validation", "24");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("failed the sanity check").contains("reproduces the history exactly");
        Map<String, Object> model = model(out);
        assertThat(model).doesNotContainKey("replaced");
        assertThat(model.get("spec")).isEqualTo("snaive(season=24)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> degenerate = (List<Map<String, Object>>) model.get("degenerate_intervals");
        assertThat(degenerate).extracting(d -> d.get("stage")).containsExactly("validation", "forecast");
        assertThat(degenerate).allSatisfy(d -> assertThat(d.get("action")).isEqualTo("accepted"));
        Map<String, Object> m = Json.read(out.resolve("metrics.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> series = ((List<Map<String, Object>>) m.get("series")).get(0);
        assertThat(String.valueOf(series.get("degradations"))).containsIgnoringCase("intervals_exact");
        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        String[] first = lines.get(1).split(",");
        assertThat(Double.parseDouble(first[2])).isEqualTo(Double.parseDouble(first[1]));
    }

    @Test
    void autoOnAPerfectlyPeriodicTenMinuteSeriesKeepsItsChoice() throws IOException {
        // ten-minute data with an exact daily cycle (144 steps): auto's choice is kept, whatever the
        // width of its intervals, and no model of the fallback chain replaces it
        StringBuilder sb = new StringBuilder("time,value\n");
        for (int i = 0; i < 144 * 14; i++) {
            sb.append(1_700_000_000L + 600L * i).append(',').append(50 + 20 * Math.sin(2 * Math.PI * (i % 144) / 144)
                    + 5 * Math.cos(4 * Math.PI * (i % 144) / 144)).append('\n');
        }
        Path in = dir.resolve("tenminutes.csv");
        Files.writeString(in, sb);
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--validation", "144",
                "--horizon", "144");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("failed the sanity check");
        Map<String, Object> model = model(out);
        assertThat(model).doesNotContainKey("replaced");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) model.get("parameters");
        assertThat(model.get("spec").toString()).isNotEqualTo("naive");
        assertThat(p.get("selected")).isNotNull();
        List<String> lines = Files.readAllLines(out.resolve("forecast.csv"));
        assertThat(lines).hasSize(145);
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            assertThat(Double.parseDouble(v[2])).isLessThanOrEqualTo(Double.parseDouble(v[1]));
            assertThat(Double.parseDouble(v[3])).isGreaterThanOrEqualTo(Double.parseDouble(v[1]));
        }
    }

    @Test
    void aForecastThatFailsTheSanityCheckIsReplacedAndReported() throws IOException {
        // a drift so steep that its forecast overflows: not finite, so the next model of the chain is used
        Path in = csv("steep", 100, i -> 1e306 * i);
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model",
                "drift", "--validation", "0", "--horizon", "200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("failed the sanity check").contains("non-finite");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replaced = (List<Map<String, Object>>) model(out).get("replaced");
        assertThat(replaced).isNotEmpty();
        assertThat(replaced.get(0).get("problem").toString()).contains("non-finite");
        assertThat(model(out).get("spec")).isIn("naive", "snaive(season=24)");
    }

    @Test
    void aSeasonTheModelCannotUseIsFlagged() throws IOException {
        java.util.Random rnd = new java.util.Random(2);
        Path in = csv("short", 200, i -> 5 + rnd.nextGaussian());
        Path out = dir.resolve("o");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model",
                "arima(season=168)", "--validation", "24");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("season 168 dropped");
        assertThat(model(out).get("flags")).isEqualTo(List.of("season_dropped"));
    }
}
