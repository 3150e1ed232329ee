package io.jenkins.plugins.influxforecast.history;

import io.jenkins.plugins.influxforecast.report.PlotStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * history.png: on top, the actuals (black) with the forecasts of the last N runs overlaid, older
 * vintages lighter (a fan of vintages); below, live accuracy by lead time (MASE per lead bucket over
 * every scored run, MAE when no MASE is known) with the backtest MASE of the runs compared for drift
 * as a dashed line. The first series of the history is drawn.
 */
public final class HistoryPlot {

    private static final int TOP = 460;
    private static final int BOTTOM = 300;

    private HistoryPlot() {
    }

    public static void write(Path file, String name, List<HistoryPoint> points, List<ActualSeries> actuals, LiveAccuracy accuracy,
            int runs) throws IOException {
        PlotStyle.write(file, List.of(vintages(name, points, actuals, runs), byLead(name, accuracy)), new int[] {TOP, BOTTOM});
    }

    static JFreeChart vintages(String name, List<HistoryPoint> points, List<ActualSeries> actuals, int runs) {
        Map<String, String> tags = points.isEmpty() ? Map.of()
                : points.stream().map(HistoryPoint::tags).min(Comparator.comparing(t -> new TreeMap<>(t).toString())).orElseThrow();
        Map<Long, List<HistoryPoint>> byIssue = new TreeMap<>();
        for (HistoryPoint p : points) {
            if (p.tags().equals(tags)) {
                byIssue.computeIfAbsent(p.issued(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Map.Entry<Long, List<HistoryPoint>>> last = new ArrayList<>(byIssue.entrySet());
        last = last.subList(Math.max(0, last.size() - runs), last.size());
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Map.Entry<Long, List<HistoryPoint>> e : last) {
            for (HistoryPoint p : e.getValue()) {
                from = Math.min(from, p.target());
                to = Math.max(to, p.target());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries actual = new XYSeries("actual", true, false);
        ActualSeries a = Scorer.match(tags, actuals);
        if (a != null && from <= to) {
            long span = to - from;
            a.values().subMap(from - span / 2, true, to, true).forEach((t, v) -> {
                if (Double.isFinite(v)) {
                    actual.add((double) Math.floorDiv(t, 1_000_000L), v);
                }
            });
        }
        data.addSeries(actual);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, Color.BLACK);
        r.setSeriesStroke(0, new BasicStroke(1.6f));
        int i = 0;
        for (Map.Entry<Long, List<HistoryPoint>> e : last) {
            List<HistoryPoint> ps = new ArrayList<>(e.getValue());
            ps.sort(Comparator.comparingInt(HistoryPoint::lead));
            String model = ps.get(0).model();
            XYSeries s = new XYSeries("issued " + Instant.ofEpochSecond(e.getKey()) + (model == null ? "" : " (" + shorten(model) + ")"),
                    true, false);
            for (HistoryPoint p : ps) {
                s.add((double) Math.floorDiv(p.target(), 1_000_000L), p.value());
            }
            data.addSeries(s);
            i++;
            r.setSeriesPaint(i, shade(i - 1, last.size()));
            r.setSeriesStroke(i, new BasicStroke(i == last.size() ? 2.2f : 1.4f));
        }
        NumberAxis value = new NumberAxis(name);
        value.setAutoRangeIncludesZero(false);
        XYPlot plot = PlotStyle.style(new XYPlot(data, PlotStyle.timeAxis(), value, r));
        String title = Scorer.label(name, tags) + ": the last " + last.size() + " forecast run(s) against what happened";
        return PlotStyle.chart(title, plot);
    }

    /** A model spec cut for a legend entry. */
    static String shorten(String model) {
        return model.length() <= 60 ? model : model.substring(0, 57) + "...";
    }

    /** Older vintages lighter, the newest the forecast blue. */
    static Color shade(int index, int count) {
        double t = count <= 1 ? 1 : (double) index / (count - 1);
        Color c = PlotStyle.FORECAST;
        int mix = (int) Math.round(200 * (1 - t));
        return new Color(c.getRed() + (255 - c.getRed()) * mix / 255, c.getGreen() + (255 - c.getGreen()) * mix / 255,
                c.getBlue() + (255 - c.getBlue()) * mix / 255);
    }

    static JFreeChart byLead(String name, LiveAccuracy accuracy) {
        boolean mase = !accuracy.byLead().isEmpty() && accuracy.byLead().values().stream().allMatch(s -> Double.isFinite(s.mase()));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, Score> byLead = new LinkedHashMap<>(accuracy.byLead());
        byLead.forEach((lead, s) -> data.addValue(mase ? s.mase() : s.mae(), mase ? "live MASE" : "live MAE", lead));
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("lead (steps ahead)"), new NumberAxis(mase ? "MASE" : "MAE"),
                new BarRenderer());
        if (mase && Double.isFinite(accuracy.backtestMase())) {
            ValueMarker backtest = new ValueMarker(accuracy.backtestMase(), PlotStyle.HISTORY, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {8f, 5f}, 0f));
            backtest.setLabel(String.format(java.util.Locale.ROOT, "backtest MASE %.3g", accuracy.backtestMase()));
            backtest.setLabelFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 12));
            backtest.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            backtest.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(backtest);
        }
        BarRenderer br = (BarRenderer) plot.getRenderer();
        br.setBarPainter(new StandardBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, PlotStyle.FORECAST);
        br.setMaximumBarWidth(0.08);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(PlotStyle.GRID);
        String title = byLead.isEmpty() ? name + ": no forecast has an actual yet"
                : name + ": live accuracy by lead time (" + accuracy.runs().size() + " run(s) scored)";
        return PlotStyle.chart(title, plot);
    }
}
