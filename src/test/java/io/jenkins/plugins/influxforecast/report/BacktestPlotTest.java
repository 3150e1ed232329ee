package io.jenkins.plugins.influxforecast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backtest.png: one panel per series with auto's backtest, forecast.png's size and colours, the windows shaded. */
class BacktestPlotTest {

    @TempDir
    Path dir;

    private static final int N = 24 * 10;
    private static final int H = 24;

    /** A daily cycle; the chosen forecast is the truth plus 1, the runner-up's the truth minus 3 (when asked for). */
    static ForecastOutput output(String name, boolean runnerUp) {
        double[] y = new double[N];
        for (int t = 0; t < N; t++) {
            y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24);
        }
        TimeSeries s = TimeSeries.of(name, Instant.parse("2024-01-01T00:00:00Z"), Frequency.parse("1h"), y);
        List<BacktestWindows.Window> windows = new ArrayList<>();
        for (int k = 3; k >= 1; k--) {
            int origin = N - k * H;
            double[] chosen = new double[H];
            double[] second = new double[H];
            for (int j = 0; j < H; j++) {
                chosen[j] = y[origin + j] + 1;
                second[j] = y[origin + j] - 3;
            }
            windows.add(new BacktestWindows.Window(origin, chosen, 0.1 * k, runnerUp ? second : null, runnerUp ? 0.3 * k : Double.NaN));
        }
        Forecast future = Forecast.of("theta", s, new double[H]);
        return new ForecastOutput(s, 0, null, future, new BacktestWindows("theta(season=24)", runnerUp ? "snaive(season=24)" : null,
                windows));
    }

    private static BufferedImage read(Path png) throws IOException {
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        return img;
    }

    /** Pixels within 40 of the colour on each channel. */
    private static int count(BufferedImage img, int r, int g, int b) {
        return count(img, r, g, b, 40);
    }

    /** Pixels within {@code tolerance} of the colour on each channel. */
    private static int count(BufferedImage img, int r, int g, int b, int tolerance) {
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int c = img.getRGB(x, y);
                if (Math.abs(((c >> 16) & 255) - r) < tolerance && Math.abs(((c >> 8) & 255) - g) < tolerance
                        && Math.abs((c & 255) - b) < tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void drawsOnePanelPerSeriesWithABacktestInForecastPngsSize() throws IOException {
        Path png = dir.resolve(BacktestPlot.PNG);
        ForecastOutput plain = new ForecastOutput(output("other", false).history(), 0, null, output("other", false).future());
        BacktestPlot.write(png, List.of(output("a", true), plain, output("b", true)), 2);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(PlotStyle.WIDTH);
        assertThat(img.getHeight()).isEqualTo(2 * BacktestPlot.PANEL_HEIGHT);
        assertThat(count(img, 31, 119, 180)).as("the chosen model's forecast, blue").isGreaterThan(500);
        assertThat(count(img, 255, 127, 14)).as("the runner-up's forecast, orange").isGreaterThan(200);
        assertThat(count(img, 0, 0, 0)).as("the held-out actuals, black").isGreaterThan(500);
        // the windows are shaded, alternately paler: the window fill over the white background
        assertThat(count(img, 236, 243, 249, 3)).as("shaded windows 1 and 3").isGreaterThan(50_000);
        assertThat(count(img, 245, 249, 252, 2)).as("shaded window 2").isGreaterThan(20_000);
    }

    @Test
    void withoutARunnerUpThereIsNoOrangeLine() throws IOException {
        Path png = dir.resolve(BacktestPlot.PNG);
        BacktestPlot.write(png, List.of(output("a", false)), 1);
        BufferedImage img = read(png);
        assertThat(img.getHeight()).isEqualTo(BacktestPlot.PANEL_HEIGHT);
        assertThat(count(img, 255, 127, 14)).isZero();
        assertThat(BacktestPlot.chart(output("a", false), 1).getXYPlot().getDatasetCount()).isEqualTo(1);
    }

    @Test
    void theTitleNamesTheSeriesAndEachWindowsMaseTheLabelsAndLegendTheModels() {
        var chart = BacktestPlot.chart(output("load", true), 1);
        assertThat(chart.getTitle().getText()).isEqualTo("load: auto's backtest on 3 window(s) of 24 steps, MASE per window 0.300, 0.200, 0.100");
        var markers = chart.getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND);
        assertThat(markers).hasSize(3).extracting(m -> ((org.jfree.chart.plot.Marker) m).getLabel())
                .containsExactly("window 1: MASE 0.300", "window 2: MASE 0.200", "window 3: MASE 0.100");
        // the window boundaries lie half a step before the first and after the last held-out point
        var first = (org.jfree.chart.plot.IntervalMarker) markers.iterator().next();
        long origin = output("load", true).history().time(N - 3 * H).toEpochMilli();
        assertThat(first.getStartValue()).isEqualTo(origin - 1_800_000.0);
        assertThat(first.getEndValue()).isEqualTo(origin + (H - 1) * 3_600_000.0 + 1_800_000.0);
        List<String> legend = new ArrayList<>();
        var items = chart.getXYPlot().getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            legend.add(items.get(i).getLabel());
        }
        assertThat(legend).containsExactly("history", "held-out actual", "chosen: theta(season=24) (mean MASE 0.200)",
                "runner-up: snaive(season=24) (mean MASE 0.600)");
    }

    @Test
    void atMostSixPanelsAndTheTitleSaysSo() throws IOException {
        List<ForecastOutput> outputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outputs.add(output("s" + i, true));
        }
        Path png = dir.resolve(BacktestPlot.PNG);
        BacktestPlot.write(png, outputs, 8);
        assertThat(read(png).getHeight()).isEqualTo(ForecastPlot.MAX_PANELS * BacktestPlot.PANEL_HEIGHT);
        assertThat(BacktestPlot.chart(outputs.get(0), 8).getTitle().getText()).endsWith("(first 6 of 8 series shown)");
    }

    @Test
    void nothingToDrawOrAWindowBeyondTheSeriesIsAnError() {
        ForecastOutput o = output("a", false);
        assertThatThrownBy(() -> BacktestPlot.write(dir.resolve("x.png"), List.of(o.withoutBacktest()), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no series has a backtest");
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
        BacktestWindows beyond = new BacktestWindows("naive", null, List.of(new BacktestWindows.Window(N - 10, new double[20], 1, null,
                Double.NaN)));
        assertThatThrownBy(() -> new ForecastOutput(o.history(), 0, null, o.future(), beyond))
                .hasMessageContaining("backtest window at 230 of 20 steps lies beyond the 240 points of series 'a'");
        assertThatThrownBy(() -> new BacktestWindows("naive", null, List.of())).hasMessageContaining("at least one window");
        assertThatThrownBy(() -> new BacktestWindows.Window(5, new double[3], 1, new double[2], 1))
                .hasMessageContaining("the runner-up's forecast has 2 values, the chosen model's 3");
    }

    @Test
    void aWindowKeepsItsOwnCopies() {
        double[] mean = {1, 2, 3};
        BacktestWindows.Window w = new BacktestWindows.Window(5, mean, 1, null, Double.NaN);
        mean[0] = 9;
        w.mean()[1] = 9;
        assertThat(w.mean()).containsExactly(1, 2, 3);
        assertThat(w.runnerUpMean()).isNull();
    }
}
