package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.files.OutputFolder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backtest.png, auto's backtest windows: written by a forecast whose model is auto, one panel per series
 * (at most six), listed in metrics.json and the folder's manifest and linked from report.html; a forecast
 * with another model writes none, and removes the one an earlier run left.
 */
class BacktestPngTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Hourly series with a daily cycle, one per tag value, in InfluxDB 1.x CSV. */
    private Path hourly(int series, int points) throws IOException {
        StringBuilder csv = new StringBuilder("name,tags,time,value\n");
        for (int s = 0; s < series; s++) {
            for (int i = 0; i < points; i++) {
                double v = 20 + s + 5 * Math.sin(2 * Math.PI * i / 24) + 0.05 * i + ((i * 7919 + s * 104729) % 13) / 13.0;
                csv.append("load,series=s").append(s).append(',').append((1_700_000_000L + 3600L * i) * 1_000_000_000L).append(',')
                        .append(v).append('\n');
            }
        }
        return Files.writeString(dir.resolve("in" + series + ".csv"), csv);
    }

    private Run forecast(Path in, Path out, String model) {
        Run r = cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", model, "--validation", "24",
                "--horizon", "24");
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    private static BufferedImage png(Path file) throws IOException {
        assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        return img;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> manifest(Path out) throws IOException {
        return (Map<String, String>) Json.read(out.resolve(OutputFolder.MANIFEST)).get("files");
    }

    @Test
    void autoWritesBacktestPngAnotherModelWritesNoneAndRemovesTheOldOne() throws IOException {
        Path in = hourly(1, 24 * 12);
        Path out = dir.resolve("out");
        Run auto = forecast(in, out, "auto(naive,drift,theta(season=24))");
        BufferedImage img = png(out.resolve("backtest.png"));
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(460);
        assertThat(auto.out()).contains("wrote forecast.csv, forecast.lp, metrics.json, forecast.png, backtest.png, report.html, report.css to ");
        assertThat((List<Object>) Json.read(out.resolve("metrics.json")).get("outputs")).contains("backtest.png");
        assertThat(manifest(out)).containsKey("backtest.png");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<img class=\"plot\" alt=\"backtest windows of auto\" src=\"backtest.png\">");

        Run ets = forecast(in, out, "theta(season=24)");
        assertThat(out.resolve("backtest.png")).doesNotExist();
        assertThat(ets.out()).contains("wrote forecast.csv, forecast.lp, metrics.json, forecast.png, report.html, report.css to ");
        assertThat((List<Object>) Json.read(out.resolve("metrics.json")).get("outputs")).doesNotContain("backtest.png");
        assertThat(manifest(out)).doesNotContainKey("backtest.png").containsKey("forecast.png");
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("backtest");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("forecast.csv", "forecast.lp", "metrics.json",
                    "forecast.png", "report.html", "report.css", OutputFolder.MANIFEST);
        }
    }

    @Test
    void severalSeriesGetOnePanelEachAtMostSixLikeForecastPng() throws IOException {
        Path out = dir.resolve("out");
        forecast(hourly(2, 24 * 8), out, "auto(naive,drift)");
        assertThat(png(out.resolve("backtest.png")).getHeight()).isEqualTo(2 * 460);
        assertThat(png(out.resolve("forecast.png")).getHeight()).isEqualTo(2 * 460);

        forecast(hourly(8, 24 * 8), out, "auto(naive,drift)");
        assertThat(png(out.resolve("backtest.png")).getHeight()).isEqualTo(6 * 460);
        assertThat(png(out.resolve("forecast.png")).getHeight()).isEqualTo(6 * 460);
    }

    @Test
    void anInputNamedBacktestPngInTheOutputFolderIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path in = Files.copy(hourly(1, 24 * 8), out.resolve("backtest.png"));
        Run r = cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "auto");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("would be overwritten by the forecast's backtest.png");
    }
}
