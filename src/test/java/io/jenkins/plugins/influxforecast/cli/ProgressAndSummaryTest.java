package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over many series: one line per series when stderr is not a terminal, a progress line on
 * stderr when it is, a summary at the end either way; and report.html beside metrics.json.
 */
class ProgressAndSummaryTest {

    @TempDir
    Path dir;

    private Path input(int series) throws IOException {
        StringBuilder sb = new StringBuilder("name,tags,time,value\n");
        for (int s = 0; s < series; s++) {
            for (int i = 0; i < 24 * 12; i++) {
                double v = 100 + 10 * s + 8 * Math.sin(2 * Math.PI * i / 24) + ((i * 7919 + s * 31) % 17) / 4.0;
                sb.append("load,site=S").append(s).append(',').append((1_700_000_000L + 3600L * i) * 1_000_000_000L).append(',')
                        .append(v).append('\n');
            }
        }
        Path in = dir.resolve("many.csv");
        Files.writeString(in, sb);
        return in;
    }

    @Test
    void withoutATerminalEachSeriesHasOneLineAndTheRunEndsWithASummary() throws IOException {
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", input(3).toString(), "--output-dir", out.toString(), "--model",
                "snaive(season=24)", "--validation", "24");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).containsPattern("\\[1/3\\] load\\{site=S0\\} ok: snaive, validation MASE \\d\\.\\d+, \\d+ ms")
                .contains("[2/3] load{site=S1} ok").contains("[3/3] load{site=S2} ok")
                .doesNotContain("series load{site=S0}: 288 points") // the details are for a run over one series
                .contains("summary:").contains("3: 3 ok, 0 failed, 0 with a fallback model")
                .contains("models      3 snaive").contains("median MASE")
                .contains("outputs     " + out.toAbsolutePath().normalize());
    }

    @Test
    void onATerminalAProgressLineIsRewrittenOnStderr() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"forecast", "--input", input(3).toString(), "--output-dir", dir.resolve("o").toString(),
            "--model", "naive", "--validation", "24"}, new Main.Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true));
        assertThat(code).isZero();
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).startsWith("\r[1/3] ").contains(" series/s, ").contains(" left; load{site=S0}").endsWith("\r\u001b[K");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("[1/3]").contains("summary:");
    }

    @Test
    void reportHtmlShowsForEachSeriesTheScoresOfItsValidationModelAndNamesTheForecastingModelApart() throws IOException {
        Path out = dir.resolve("auto");
        MainTest.Run r = MainTest.cli("forecast", "--input", input(2).toString(), "--output-dir", out.toString(), "--validation", "24");
        assertThat(r.code()).as(r.err()).isZero();
        RunMetrics m = RunMetrics.read(out.resolve("metrics.json"));
        String page = Files.readString(out.resolve("report.html"));
        java.util.Map<String, String> sections = io.jenkins.plugins.influxforecast.report.HtmlReportTest.sections(page);
        for (SeriesReport s : m.series()) {
            List<List<String>> rows = io.jenkins.plugins.influxforecast.report.HtmlReportTest.rows(sections.get(s.label()));
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.get(0)).isEqualTo(s.validation().model() + " <span class=\"note\">(validation model)</span>");
                assertThat(row.get(1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4g", s.validation().metrics().mase()));
            });
            assertThat(rows).contains(List.of("forecasting model", s.model().spec() + " (fitted on all " + s.points() + " points)"));
        }
    }

    @Test
    void stderrIsATerminalWhenItsDescriptorPointsToOneOrWhenForced() throws IOException {
        Path tty = dir.resolve("fd2-tty");
        Files.createSymbolicLink(tty, Path.of("/dev/pts/3"));
        Path pipe = dir.resolve("fd2-pipe");
        Files.createSymbolicLink(pipe, Path.of("pipe:[12345]"));
        assertThat(TerminalProgress.stderrIsTerminal(Map.of(), tty)).isTrue();
        assertThat(TerminalProgress.stderrIsTerminal(Map.of(), pipe)).isFalse();
        assertThat(TerminalProgress.stderrIsTerminal(Map.of("TERM", "dumb"), tty)).isFalse();
        assertThat(TerminalProgress.stderrIsTerminal(Map.of(TerminalProgress.ENV, "lines"), tty)).isFalse();
        assertThat(TerminalProgress.stderrIsTerminal(Map.of(TerminalProgress.ENV, "terminal"), pipe)).isTrue();
        assertThat(TerminalProgress.width(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(TerminalProgress.width(Map.of("COLUMNS", "wide"))).isEqualTo(100);
    }

    @Test
    void theProgressLineIsCutToTheTerminalWidthAndCleared() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8), 30);
        p.update("[1/414] 9.8 series/s, 42 s left; a-very-long-series-name");
        p.clear();
        p.clear(); // nothing shown: nothing to clear
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\r[1/414] 9.8 series/s, 42 s le\u001b[K\r\u001b[K");
    }
}
