package io.jenkins.plugins.influxforecast.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html and its style sheet report.css. Jenkins serves archived artifacts with
 * {@code Content-Security-Policy: sandbox; default-src 'none'; img-src 'self'; style-src 'self';},
 * so the page has no inline style or script and no data: URI: it links report.css and forecast.png,
 * written beside it, and backtest.png when the run wrote one (listed in metrics.json's outputs). Every score sits next to the model that earned it, beside the seasonal naive
 * baseline and the gain over it (FVA); auto's leaderboard lists every candidate's backtest score;
 * the series come worst first; a value that is not known is left out, never shown as null.
 */
public final class HtmlReport {

    /** The style sheet's file name, beside report.html. */
    public static final String CSS = "report.css";

    static final String STYLE = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; max-width: 1250px; }
            h1 { font-size: 1.5em; margin-bottom: 0.2em; }
            h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
            p.lead { color: #555; margin-top: 0; }
            img.plot { max-width: 100%; border: 1px solid #eee; }
            table { border-collapse: collapse; margin: 0.4em 0 1em; }
            td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; font-weight: 600; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.baseline td { color: #666; }
            tr.winner td { font-weight: 600; }
            .failed { color: #b00020; }
            .good { color: #1a7f37; }
            .bad { color: #b00020; }
            .note { color: #666; font-size: 0.9em; }
            code { font-size: 0.95em; }
            h1, td:not(.num) { overflow-wrap: anywhere; }
            """;

    private HtmlReport() {
    }

    /**
     * Writes report.html to {@code file} and the style sheet to {@code css}; both must end up in one
     * folder with the plot named {@code pngName} (linked, not embedded).
     */
    public static void write(Path file, Path css, RunMetrics metrics, String pngName) throws IOException {
        Files.writeString(css, STYLE, StandardCharsets.UTF_8);
        Files.writeString(file, html(metrics, pngName), StandardCharsets.UTF_8);
    }

    static String html(RunMetrics metrics, String pngName) {
        StringBuilder h = new StringBuilder(16384);
        RunSummary summary = metrics.summary();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forecast report: ")
                .append(esc(String.valueOf(summary.model()))).append("</title>\n<link rel=\"stylesheet\" href=\"").append(CSS)
                .append("\"></head><body>\n");
        h.append("<h1>Forecast: ").append(esc(String.valueOf(summary.model()))).append("</h1>\n<p class=\"lead\">")
                .append(summary.succeeded()).append(" of ").append(summary.series()).append(" series forecast, ")
                .append(summary.pointsForecast()).append(" points");
        Object asOf = metrics.parameters() == null ? null : metrics.parameters().get("as_of");
        Object build = metrics.parameters() == null ? null : metrics.parameters().get("build");
        if (asOf != null) {
            h.append(", as of ").append(esc(String.valueOf(asOf)));
        }
        if (build != null) {
            h.append(", build ").append(esc(number(build)));
        }
        h.append(".</p>\n<img class=\"plot\" alt=\"forecast plot\" src=\"").append(esc(pngName)).append("\">\n");
        if (metrics.outputs().contains(BacktestPlot.PNG)) {
            h.append("<h2>auto's backtest windows</h2>\n<p class=\"note\">The rolling-origin windows auto chose the model on"
                    + " (shaded): the held-out actual values (black), the chosen model's forecast from each window's start (blue)"
                    + " and the runner-up's (orange, dashed), with the chosen model's MASE on each window.</p>\n"
                    + "<img class=\"plot\" alt=\"backtest windows of auto\" src=\"").append(BacktestPlot.PNG).append("\">\n");
        }
        if (metrics.live() != null) {
            live(h, metrics.live());
        }
        h.append("<h2>Series, worst first</h2>\n<p class=\"note\">Each score belongs to the model named beside it. The"
                + " validation model is fitted without the held-out points and scored on them; the forecasting model is"
                + " fitted on all the data (auto chooses again, so the two can differ). MASE below 1 beats the in-sample"
                + " seasonal naive forecast; FVA is how much lower the model's MASE is than the seasonal naive forecast's on"
                + " the same points.</p>\n");
        for (SeriesReport s : worstFirst(metrics.series())) {
            series(h, s);
        }
        h.append("<h2>Parameters</h2>\n<table>\n");
        if (metrics.parameters() != null) {
            for (Map.Entry<String, Object> e : metrics.parameters().entrySet()) {
                if (known(e.getValue())) {
                    h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(text(e.getValue()))).append("</td></tr>\n");
                }
            }
        }
        h.append("</table>\n<p class=\"note\">Engine ").append(esc(metrics.engine() == null ? "?" : metrics.engine().version()));
        if (metrics.input() != null) {
            h.append("; input ").append(esc(metrics.input().file())).append(", SHA-256 ").append(esc(metrics.input().sha256()));
        }
        h.append(". Details in metrics.json.</p>\n</body></html>\n");
        return h.toString();
    }

    /** Failed series first, then by validation MASE, highest first; series without a score last. */
    static List<SeriesReport> worstFirst(List<SeriesReport> series) {
        List<SeriesReport> out = new ArrayList<>(series);
        out.sort(Comparator.comparingInt((SeriesReport s) -> s.ok() ? 1 : 0)
                .thenComparing(s -> -mase(s), Comparator.naturalOrder()));
        return out;
    }

    private static double mase(SeriesReport s) {
        Double m = s.validation() == null || s.validation().metrics() == null ? null : s.validation().metrics().mase();
        return m == null || !Double.isFinite(m) ? Double.NEGATIVE_INFINITY : m;
    }

    private static void series(StringBuilder h, SeriesReport s) {
        h.append("<section>\n<h3>").append(esc(s.label())).append("</h3>\n");
        if (!s.ok()) {
            h.append("<p class=\"failed\">Failed: ").append(esc(String.valueOf(s.error()))).append("</p>\n</section>\n");
            return;
        }
        h.append("<table>\n");
        row(h, "forecasting model", s.model() == null ? null : s.model().spec() + " (fitted on all " + s.points() + " points)");
        if (s.forecast() != null) {
            row(h, "forecast", s.forecast().points() + " steps of " + s.frequency() + ", " + s.forecast().start() + " to "
                    + s.forecast().end());
        }
        if (s.model() != null && s.model().intervals() != null) {
            row(h, "intervals", s.model().intervals());
        }
        List<String> kinds = s.degradationList().stream().map(d -> d.kind().label() + ": " + d.message()).distinct().toList();
        if (!kinds.isEmpty()) {
            row(h, "degradations", String.join("; ", kinds));
        }
        h.append("</table>\n");
        ValidationReport v = s.validation();
        if (v != null && v.points() > 0 && v.metrics() != null) {
            h.append("<table>\n<tr><th>scored on the last ").append(v.points()).append(" points</th><th>MASE</th><th>sMAPE %</th>"
                    + "<th>MAE</th><th>RMSE</th>");
            List<String> levels = v.coverage() == null ? List.of() : new ArrayList<>(v.coverage().keySet());
            for (String l : levels) {
                h.append("<th>in ").append(esc(l)).append("% interval</th>");
            }
            h.append("</tr>\n<tr><td>").append(esc(String.valueOf(v.model()))).append(" <span class=\"note\">(validation model)</span></td>");
            scores(h, v.metrics());
            for (String l : levels) {
                h.append(num(100 * v.coverage().get(l), "%"));
            }
            h.append("</tr>\n");
            if (v.baseline() != null) {
                h.append("<tr class=\"baseline\"><td>").append(esc(v.baseline().model())).append(" <span class=\"note\">(baseline)</span></td>");
                scores(h, v.baseline().metrics());
                for (int i = 0; i < levels.size(); i++) {
                    h.append("<td></td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
            if (v.fvaPercent() != null) {
                h.append("<p>Forecast value added: <span class=\"").append(v.fvaPercent() >= 0 ? "good" : "bad").append("\">")
                        .append(String.format(Locale.ROOT, "%+.1f%%", v.fvaPercent())).append("</span> against ")
                        .append(esc(v.baseline().model())).append(" (MASE ").append(fmt(v.metrics().mase())).append(" against ")
                        .append(fmt(v.baseline().metrics().mase())).append(").</p>\n");
            }
        }
        leaderboard(h, s.model() == null ? null : s.model().parameters());
        h.append("</section>\n");
    }

    /** auto's backtest: every candidate and combination with its MASE, the winner marked, the baseline shown. */
    @SuppressWarnings("unchecked")
    static void leaderboard(StringBuilder h, Map<String, Object> parameters) {
        if (parameters == null || !(parameters.get("candidates") instanceof List<?> candidates) || candidates.isEmpty()) {
            return;
        }
        Object selected = parameters.get("selected");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object c : candidates) {
            if (c instanceof Map<?, ?> m) {
                rows.add((Map<String, Object>) m);
            }
        }
        if (parameters.get("combinations") instanceof List<?> combos) {
            for (Object c : combos) {
                if (c instanceof Map<?, ?> m) {
                    rows.add((Map<String, Object>) m);
                }
            }
        }
        rows.sort(Comparator.comparingDouble(r -> r.get("mase") instanceof Number n && Double.isFinite(n.doubleValue())
                ? n.doubleValue() : Double.POSITIVE_INFINITY));
        String windows = "";
        if (parameters.get("backtest") instanceof Map<?, ?> bt) {
            windows = " on " + number(bt.get("windows")) + " windows of " + number(bt.get("horizon")) + " steps";
        }
        h.append("<table>\n<tr><th>auto: backtest").append(esc(windows)).append("</th><th>MASE</th><th>sMAPE %</th></tr>\n");
        Object baseline = parameters.get("baseline") instanceof Map<?, ?> b ? b.get("model") : null;
        for (Map<String, Object> r : rows) {
            Object model = r.get("model");
            boolean winner = model != null && model.equals(selected);
            boolean isBaseline = model != null && model.equals(baseline);
            h.append("<tr").append(winner ? " class=\"winner\"" : isBaseline ? " class=\"baseline\"" : "").append("><td>")
                    .append(esc(String.valueOf(model))).append(winner ? " <span class=\"note\">(chosen)</span>" : "")
                    .append(isBaseline ? " <span class=\"note\">(baseline)</span>" : "").append("</td>");
            if (r.get("error") != null) {
                h.append("<td colspan=\"2\" class=\"failed\">").append(esc(String.valueOf(r.get("error")))).append("</td></tr>\n");
                continue;
            }
            h.append(num(r.get("mase"), "")).append(num(r.get("smape"), "")).append("</tr>\n");
        }
        h.append("</table>\n");
        if (parameters.get("fva_percent") instanceof Number fva && Double.isFinite(fva.doubleValue()) && baseline != null) {
            h.append("<p>auto's choice gains ").append(String.format(Locale.ROOT, "%+.1f%%", fva.doubleValue()))
                    .append(" over ").append(esc(String.valueOf(baseline))).append(" in the backtest.</p>\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static void live(StringBuilder h, Map<String, Object> live) {
        h.append("<h2>Live accuracy of the earlier runs</h2>\n");
        Map<String, Object> verdict = live.get("live") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        h.append("<p>");
        if (verdict.get("mase") instanceof Number mase) {
            h.append("Live MASE ").append(fmt(mase.doubleValue()));
            if (verdict.get("backtest_mase") instanceof Number bt) {
                h.append(" against a backtest MASE of ").append(fmt(bt.doubleValue()));
            }
            h.append(" over the last complete runs");
            h.append(Boolean.TRUE.equals(verdict.get("drifting")) ? ": <span class=\"bad\">drift</span>." : ": no drift.");
        } else {
            h.append("No run is complete yet (every target passed), so there is no live MASE to judge.");
        }
        h.append(" Runs scored: ").append(esc(number(live.get("runs_scored")))).append(", as of ")
                .append(esc(String.valueOf(live.get("as_of")))).append(".</p>\n");
        if (live.get("problems") instanceof List<?> problems && !problems.isEmpty()) {
            h.append("<ul>\n");
            for (Object p : problems) {
                h.append("<li class=\"bad\">").append(esc(String.valueOf(p))).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (live.get("by_lead") instanceof Map<?, ?> byLead && !byLead.isEmpty()) {
            h.append("<table>\n<tr><th>lead (steps ahead)</th><th>points</th><th>MASE</th><th>MAE</th><th>RMSE</th><th>bias</th></tr>\n");
            for (Map.Entry<?, ?> e : byLead.entrySet()) {
                Map<String, Object> sc = e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                h.append("<tr><td>").append(esc(String.valueOf(e.getKey()))).append("</td>").append(num(sc.get("n"), ""))
                        .append(num(sc.get("mase"), "")).append(num(sc.get("mae"), "")).append(num(sc.get("rmse"), ""))
                        .append(num(sc.get("bias"), "")).append("</tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void scores(StringBuilder h, Scores m) {
        h.append(num(m.mase(), "")).append(num(m.smape(), "")).append(num(m.mae(), "")).append(num(m.rmse(), ""));
    }

    private static void row(StringBuilder h, String key, String value) {
        if (value != null) {
            h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
        }
    }

    private static boolean known(Object v) {
        return v != null && !(v instanceof Map<?, ?> m && m.isEmpty()) && !(v instanceof List<?> l && l.isEmpty());
    }

    private static String text(Object v) {
        return v instanceof Number ? number(v) : String.valueOf(v);
    }

    private static String number(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    private static String fmt(Double d) {
        return d == null || !Double.isFinite(d) ? "-" : String.format(Locale.ROOT, "%.4g", d);
    }

    private static String num(Object v, String unit) {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return "<td class=\"num\">-</td>";
        }
        String text = v instanceof Double || v instanceof Float ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : number(v);
        return "<td class=\"num\">" + esc(text) + unit + "</td>";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
