package io.jenkins.plugins.influxforecast.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (no external resource, so Jenkins' artifact view and its
 * Content-Security-Policy show it as is) with the plot embedded as a data URI, the accuracy per
 * series and the parameters of the run.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static void write(Path file, RunMetrics metrics, Path png) throws IOException {
        StringBuilder h = new StringBuilder(8192);
        RunSummary summary = metrics.summary();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forecast report</title>\n<style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:0.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}")
                .append(".num{text-align:right;font-variant-numeric:tabular-nums}.failed{color:#b00020}img{max-width:100%}")
                .append("</style></head><body>\n");
        h.append("<h1>Forecast: ").append(esc(String.valueOf(summary.model()))).append("</h1>\n");
        h.append("<p>").append(summary.succeeded()).append(" of ").append(summary.series()).append(" series forecast, ")
                .append(summary.pointsForecast()).append(" points.</p>\n");
        h.append("<img alt=\"forecast plot\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\">\n");
        h.append("<h2>Accuracy on the validation part</h2>\n<p>Each score belongs to the validation model, fitted without the"
                + " held-out points; the forecasting model is fitted on all the data and can differ (auto chooses again).</p>\n"
                + "<table><tr><th>series</th><th>status</th><th>validation model</th><th>points</th>"
                + "<th>held out</th><th>MASE</th><th>sMAPE %</th><th>MAPE %</th><th>MAE</th><th>RMSE</th>"
                + "<th>forecasting model</th><th>horizon</th><th>degradations</th></tr>\n");
        for (SeriesReport s : metrics.series()) {
            h.append("<tr><td>").append(esc(s.label())).append("</td>");
            if (!s.ok()) {
                h.append("<td class=\"failed\">failed</td><td colspan=\"11\">").append(esc(String.valueOf(s.error()))).append("</td></tr>\n");
                continue;
            }
            ValidationReport v = s.validation() == null ? ValidationReport.none() : s.validation();
            Scores m = v.metrics();
            h.append("<td>ok</td><td>").append(v.model() == null ? "-" : esc(v.model())).append("</td>")
                    .append(num(s.points())).append(num(v.points()));
            h.append(num(m == null ? null : m.mase())).append(num(m == null ? null : m.smape())).append(num(m == null ? null : m.mape()))
                    .append(num(m == null ? null : m.mae())).append(num(m == null ? null : m.rmse()));
            h.append("<td>").append(esc(s.model().spec())).append("</td>").append(num(s.forecast().points()));
            h.append("<td>").append(esc(degradations(s))).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Parameters</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : metrics.parameters().entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue()))).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Engine ").append(esc(metrics.engine().version())).append("; input SHA-256 ")
                .append(esc(metrics.input().sha256())).append(". Details in metrics.json.</p>\n</body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    /** The kinds of degradation of a series, each once, in the order they happened. */
    private static String degradations(SeriesReport s) {
        List<String> labels = s.degradationList().stream().map(d -> d.kind().label()).distinct().toList();
        return labels.isEmpty() ? "-" : String.join(", ", labels);
    }

    private static String num(Object v) {
        if (v == null) {
            return "<td class=\"num\">-</td>";
        }
        if (v instanceof Double d) {
            return "<td class=\"num\">" + (Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "-") + "</td>";
        }
        return "<td class=\"num\">" + esc(String.valueOf(v)) + "</td>";
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
