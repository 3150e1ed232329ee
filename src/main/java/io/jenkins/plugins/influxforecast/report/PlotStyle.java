package io.jenkins.plugins.influxforecast.report;

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
import org.jfree.chart.plot.XYPlot;

/**
 * The look every PNG of the report shares (forecast.png, history.png, backtest.png): white
 * background, light grey grid, UTC time axis, bold 15-point titles, 1200 pixels wide, charts stacked
 * as panels.
 */
public final class PlotStyle {

    public static final int WIDTH = 1200;
    public static final Color GRID = new Color(220, 220, 220);
    public static final Color HISTORY = new Color(140, 140, 140);
    public static final Color FORECAST = new Color(31, 119, 180);
    public static final Color VALIDATION = new Color(255, 127, 14);
    public static final Font TITLE = new Font("SansSerif", Font.BOLD, 15);

    private PlotStyle() {
    }

    /** A UTC time axis. */
    public static DateAxis timeAxis() {
        DateAxis time = new DateAxis("time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        return time;
    }

    /** White background and grey grid lines. */
    public static XYPlot style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return plot;
    }

    /** A chart with the shared title font and a legend. */
    public static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    /** Draws the charts one under the other, each {@code heights[i]} pixels high, into a PNG. */
    public static void write(Path file, List<JFreeChart> charts, int[] heights) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int total = 0;
        for (int h : heights) {
            total += h;
        }
        BufferedImage img = new BufferedImage(WIDTH, Math.max(1, total), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            int y = 0;
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double(0, y, WIDTH, heights[i]));
                y += heights[i];
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
