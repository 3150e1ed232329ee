package io.jenkins.plugins.influxforecast.report;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * forecast.png, drawn with JFreeChart: the recent history (grey), the validation actuals (black),
 * the validation forecast (orange) and the future forecast (blue) with its widest prediction
 * interval shaded. One panel per series, stacked (at most {@link #MAX_PANELS}).
 */
public final class ForecastPlot {

    public static final int MAX_PANELS = 6;
    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 460;

    private ForecastPlot() {
    }

    public static void write(Path file, List<ForecastOutput> outputs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int panels = Math.max(1, Math.min(outputs.size(), MAX_PANELS));
        BufferedImage img = new BufferedImage(WIDTH, PANEL_HEIGHT * panels, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int i = 0; i < panels && i < outputs.size(); i++) {
                chart(outputs.get(i), outputs.size()).draw(g, new Rectangle2D.Double(0, i * PANEL_HEIGHT, WIDTH, PANEL_HEIGHT));
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /**
     * Checks that a series can be drawn: the values of its panel (history, validation forecast,
     * forecast and intervals) span a finite range. Throws IllegalArgumentException naming the series
     * when they do not (values near the largest double, whose differences overflow).
     */
    public static void check(ForecastOutput o) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<double[]> all = new java.util.ArrayList<>();
        all.add(o.history().values());
        all.add(o.future().mean());
        for (double l : o.future().levels()) {
            all.add(o.future().lower(l));
            all.add(o.future().upper(l));
        }
        if (o.validationForecast() != null) {
            all.add(o.validationForecast().mean());
        }
        for (double[] values : all) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min <= max && !Double.isFinite(max - min)) {
            throw new IllegalArgumentException("series '" + o.history().label() + "': values from " + min + " to " + max
                    + " span more than the largest number a double holds (numeric overflow)");
        }
    }

    /** Every how many points one is drawn, so a panel draws at most about 4,000 per line. */
    static int stride(int points) {
        return Math.max(1, (points + 3999) / 4000);
    }

    static JFreeChart chart(ForecastOutput o, int seriesCount) {
        TimeSeries h = o.history();
        Forecast f = o.future();
        int shown = Math.min(h.size(), Math.max(200, 4 * (f.horizon() + o.validationSize())));
        int from = h.size() - shown;
        int valStart = h.size() - o.validationSize();

        int step = stride(shown + f.horizon());
        XYSeries history = new XYSeries("history", false, true);
        XYSeries actual = new XYSeries("validation actual", false, true);
        for (int i = from; i < h.size(); i++) {
            if ((i - from) % step != 0 && i != valStart && i != h.size() - 1) {
                continue;
            }
            long x = h.time(i).toEpochMilli();
            if (i < valStart) {
                history.add(x, h.get(i));
            } else {
                if (actual.getItemCount() == 0 && i > from) {
                    history.add(x, h.get(i)); // join the two lines
                }
                actual.add(x, h.get(i));
            }
        }
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(history);
        lines.addSeries(actual);
        if (o.validationForecast() != null) {
            XYSeries vf = new XYSeries("validation forecast (" + o.validationForecast().model() + ")", false, true);
            for (int i = 0; i < o.validationForecast().horizon(); i += step) {
                vf.add(o.validationForecast().time(i).toEpochMilli(), o.validationForecast().mean(i));
            }
            lines.addSeries(vf);
        }

        YIntervalSeriesCollection band = new YIntervalSeriesCollection();
        double[] levels = f.levels();
        String bandName = levels.length > 0 ? "forecast, " + ForecastCsv.levelName(levels[levels.length - 1]) + "% interval" : "forecast";
        YIntervalSeries fs = new YIntervalSeries(bandName, false, true);
        double[] lo = levels.length > 0 ? f.lower(levels[levels.length - 1]) : f.mean();
        double[] hi = levels.length > 0 ? f.upper(levels[levels.length - 1]) : f.mean();
        for (int i = 0; i < f.horizon(); i += step) {
            fs.add(f.time(i).toEpochMilli(), f.mean(i), lo[i], hi[i]);
        }
        band.addSeries(fs);

        DateAxis time = new DateAxis("time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis value = new NumberAxis(h.name());
        value.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setRangeAxis(value);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));

        DeviationRenderer dev = new DeviationRenderer(true, false);
        dev.setSeriesPaint(0, new Color(31, 119, 180));
        dev.setSeriesFillPaint(0, new Color(31, 119, 180));
        dev.setSeriesStroke(0, new BasicStroke(2f));
        dev.setAlpha(0.25f);
        plot.setDataset(0, band);
        plot.setRenderer(0, dev);

        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        lr.setSeriesPaint(0, new Color(140, 140, 140));
        lr.setSeriesPaint(1, Color.BLACK);
        lr.setSeriesPaint(2, new Color(255, 127, 14));
        lr.setSeriesStroke(0, new BasicStroke(1.2f));
        lr.setSeriesStroke(1, new BasicStroke(1.2f));
        lr.setSeriesStroke(2, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        plot.setDataset(1, lines);
        plot.setRenderer(1, lr);

        String title = h.label() + ": " + f.model() + ", " + f.horizon() + " steps of " + h.frequency()
                + (seriesCount > MAX_PANELS ? "  (first " + MAX_PANELS + " of " + seriesCount + " series shown)" : "");
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }
}
