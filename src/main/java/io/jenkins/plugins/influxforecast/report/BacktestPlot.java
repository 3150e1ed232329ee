package io.jenkins.plugins.influxforecast.report;

import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * backtest.png, for the series {@code auto} forecast: the rolling-origin windows its choice was made on,
 * each shaded with its boundaries drawn, the held-out actual values (black) against the chosen model's
 * forecast from the window's origin (blue) and the runner-up's (orange, dashed), with some history
 * before the first window (grey). The title carries the chosen model's MASE on each window. One panel
 * per series, stacked like forecast.png's (the first {@link ForecastPlot#MAX_PANELS} series that have a
 * backtest).
 */
public final class BacktestPlot {

    /** The file name, beside report.html. */
    public static final String PNG = "backtest.png";
    static final int PANEL_HEIGHT = 460;
    /** Windows beyond this many get no label of their own (the title still lists every MASE). */
    static final int LABELLED_WINDOWS = 12;
    private static final Color WINDOW_FILL = new Color(31, 119, 180, 28);
    private static final Color WINDOW_FILL_ALT = new Color(31, 119, 180, 14);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 12);

    private BacktestPlot() {
    }

    /** Whether any of the outputs has a backtest to draw. */
    public static boolean applies(List<ForecastOutput> outputs) {
        return outputs.stream().anyMatch(o -> o.backtest() != null);
    }

    /**
     * Draws the first {@link ForecastPlot#MAX_PANELS} outputs that have a backtest.
     *
     * @param backtested how many series of the run had a backtest (the title says when not all are drawn)
     */
    public static void write(Path file, List<ForecastOutput> outputs, int backtested) throws IOException {
        List<JFreeChart> charts = new ArrayList<>();
        for (ForecastOutput o : outputs) {
            if (o.backtest() != null && charts.size() < ForecastPlot.MAX_PANELS) {
                charts.add(chart(o, backtested));
            }
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("no series has a backtest to draw in " + PNG);
        }
        int[] heights = new int[charts.size()];
        java.util.Arrays.fill(heights, PANEL_HEIGHT);
        PlotStyle.write(file, charts, heights);
    }

    static JFreeChart chart(ForecastOutput o, int backtested) {
        TimeSeries h = o.history();
        BacktestWindows b = o.backtest();
        List<BacktestWindows.Window> windows = b.windows();
        int first = windows.get(0).origin();
        int end = first;
        for (BacktestWindows.Window w : windows) {
            end = Math.max(end, w.origin() + w.length());
        }
        // some history before the first window: a window's length, or a third of the span the windows cover
        int from = Math.max(0, first - Math.max(windows.get(0).length(), (end - first) / 3));
        int stride = ForecastPlot.stride(end - from);

        XYSeries history = new XYSeries("history", false, true);
        for (int i = from; i < end; i++) {
            if ((i - from) % stride == 0 || i == end - 1) {
                history.add(millis(h, i), h.get(i));
            }
        }
        XYSeries actual = new XYSeries("held-out actual", false, true);
        XYSeries chosen = new XYSeries("chosen: " + shorten(b.model()) + " (mean MASE " + fmt(meanMase(windows, false)) + ")", false, true);
        XYSeries runnerUp = b.runnerUp() == null ? null
                : new XYSeries("runner-up: " + shorten(b.runnerUp()) + " (mean MASE " + fmt(meanMase(windows, true)) + ")", false, true);
        for (BacktestWindows.Window w : windows) {
            double[] mean = w.mean();
            double[] second = w.runnerUpMean();
            for (int j = 0; j < w.length(); j++) {
                if (j % stride != 0 && j != w.length() - 1) {
                    continue;
                }
                double x = millis(h, w.origin() + j);
                actual.add(x, h.get(w.origin() + j));
                chosen.add(x, mean[j]);
                if (runnerUp != null && second != null) {
                    runnerUp.add(x, second[j]);
                }
            }
            // a missing value ends the lines at the window's boundary, so windows are never joined
            double after = millis(h, w.origin() + w.length());
            actual.add(after, Double.NaN);
            chosen.add(after, Double.NaN);
            if (runnerUp != null) {
                runnerUp.add(after, Double.NaN);
            }
        }
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(history);
        lines.addSeries(actual);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, PlotStyle.HISTORY);
        r.setSeriesStroke(0, new BasicStroke(1.2f));
        r.setSeriesPaint(1, Color.BLACK);
        r.setSeriesStroke(1, new BasicStroke(1.6f));
        lines.addSeries(chosen);
        r.setSeriesPaint(2, PlotStyle.FORECAST);
        r.setSeriesStroke(2, new BasicStroke(2f));

        NumberAxis value = new NumberAxis(h.name());
        value.setAutoRangeIncludesZero(false);
        value.setUpperMargin(0.12); // room for the windows' labels above the lines
        XYPlot plot = PlotStyle.style(new XYPlot(lines, PlotStyle.timeAxis(), value, r));
        // in order: the runner-up's forecast, the history, the actuals, the chosen model's forecast on top (JFreeChart draws
        // the last series first by default)
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        if (runnerUp != null) {
            // a dataset of its own, drawn first (under the others) and listed last in the legend
            XYLineAndShapeRenderer second = new XYLineAndShapeRenderer(true, false);
            second.setSeriesPaint(0, PlotStyle.VALIDATION);
            second.setSeriesStroke(0, new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
            plot.setDataset(1, new XYSeriesCollection(runnerUp));
            plot.setRenderer(1, second);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        }
        for (int k = 0; k < windows.size(); k++) {
            plot.addDomainMarker(marker(h, windows.get(k), k, windows.size()), Layer.BACKGROUND);
        }

        StringJoiner mases = new StringJoiner(", ");
        for (BacktestWindows.Window w : windows) {
            mases.add(fmt(w.mase()));
        }
        int len = windows.get(0).length();
        String title = h.label() + ": auto's backtest on " + windows.size() + " window(s) of " + len + " steps, MASE per window "
                + mases + (backtested > ForecastPlot.MAX_PANELS ? "  (first " + ForecastPlot.MAX_PANELS + " of " + backtested
                        + " series shown)" : "");
        return PlotStyle.chart(title, plot);
    }

    /** A window's span, shaded (alternately lighter) and outlined at its boundaries, labelled with its MASE. */
    private static IntervalMarker marker(TimeSeries h, BacktestWindows.Window w, int index, int count) {
        // the boundaries lie half a step outside the first and the last held-out point
        double start = (millis(h, w.origin() - 1) + millis(h, w.origin())) / 2;
        double stop = (millis(h, w.origin() + w.length() - 1) + millis(h, w.origin() + w.length())) / 2;
        IntervalMarker m = new IntervalMarker(start, stop, index % 2 == 0 ? WINDOW_FILL : WINDOW_FILL_ALT);
        m.setOutlinePaint(PlotStyle.HISTORY);
        m.setOutlineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        if (count <= LABELLED_WINDOWS) {
            m.setLabel("window " + (index + 1) + ": MASE " + fmt(w.mase()));
            m.setLabelFont(LABEL);
            m.setLabelPaint(Color.DARK_GRAY);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        }
        return m;
    }

    private static double meanMase(List<BacktestWindows.Window> windows, boolean runnerUp) {
        double sum = 0;
        for (BacktestWindows.Window w : windows) {
            sum += runnerUp ? w.runnerUpMase() : w.mase();
        }
        return sum / windows.size();
    }

    private static double millis(TimeSeries h, long index) {
        return h.time(index).toEpochMilli();
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "-";
    }

    /** A model label cut for a legend entry. */
    static String shorten(String model) {
        return model.length() <= 70 ? model : model.substring(0, 67) + "...";
    }
}
