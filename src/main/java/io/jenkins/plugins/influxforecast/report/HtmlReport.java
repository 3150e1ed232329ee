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

    @SuppressWarnings("unchecked")
    public static void write(Path file, Map<String, Object> metrics, Path png) throws IOException {
        StringBuilder h = new StringBuilder(8192);
        Map<String, Object> summary = (Map<String, Object>) metrics.get("summary");
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forecast report</title>\n<style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:0.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}")
                .append(".num{text-align:right;font-variant-numeric:tabular-nums}.failed{color:#b00020}img{max-width:100%}")
                .append("</style></head><body>\n");
        h.append("<h1>Forecast: ").append(esc(String.valueOf(summary.get("model")))).append("</h1>\n");
        h.append("<p>").append(esc(String.valueOf(summary.get("succeeded")))).append(" of ")
                .append(esc(String.valueOf(summary.get("series")))).append(" series forecast, ")
                .append(esc(String.valueOf(summary.get("points_forecast")))).append(" points.</p>\n");
        h.append("<img alt=\"forecast plot\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\">\n");
        h.append("<h2>Accuracy on the validation part</h2>\n<table><tr><th>series</th><th>status</th><th>model</th><th>points</th>"
                + "<th>held out</th><th>MASE</th><th>sMAPE %</th><th>MAPE %</th><th>MAE</th><th>RMSE</th><th>horizon</th></tr>\n");
        for (Map<String, Object> s : (List<Map<String, Object>>) metrics.get("series")) {
            String label = s.get("name") + (((Map<?, ?>) s.get("tags")).isEmpty() ? "" : " " + s.get("tags"));
            h.append("<tr><td>").append(esc(label)).append("</td>");
            if (!"ok".equals(s.get("status"))) {
                h.append("<td class=\"failed\">failed</td><td colspan=\"9\">").append(esc(String.valueOf(s.get("error")))).append("</td></tr>\n");
                continue;
            }
            Map<String, Object> model = (Map<String, Object>) s.get("model");
            Map<String, Object> v = (Map<String, Object>) s.get("validation");
            Map<String, Object> m = (Map<String, Object>) v.get("metrics");
            h.append("<td>ok</td><td>").append(esc(String.valueOf(model.get("spec")))).append("</td>")
                    .append(num(s.get("points"))).append(num(v.get("points")));
            for (String k : List.of("mase", "smape", "mape", "mae", "rmse")) {
                h.append(num(m == null ? null : m.get(k)));
            }
            h.append(num(((Map<String, Object>) s.get("forecast")).get("points"))).append("</tr>\n");
        }
        h.append("</table>\n<h2>Parameters</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : ((Map<String, Object>) metrics.get("parameters")).entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue()))).append("</td></tr>\n");
        }
        Map<String, Object> engine = (Map<String, Object>) metrics.get("engine");
        Map<String, Object> input = (Map<String, Object>) metrics.get("input");
        h.append("</table>\n<p>Engine ").append(esc(String.valueOf(engine.get("version")))).append("; input SHA-256 ")
                .append(esc(String.valueOf(input.get("sha256")))).append(". Details in metrics.json.</p>\n</body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
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
