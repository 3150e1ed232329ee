package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.report.Degradation;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.RunSummary;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the log says about a run over many series: one line per series, and at the end a summary
 * that fits on a screen (series ok, failed and with a fallback model; the models chosen with counts;
 * the median validation MASE; the warnings, each kind once with the number of series; the failures;
 * where the outputs are). Numbers have {@link LogFormat#DIGITS} significant digits.
 */
final class RunReport {

    /** Lines of each list (models, warnings, failures) before "and N more". */
    static final int TOP = 6;

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private RunReport() {
    }

    /**
     * The line of one series: {@code H12 ok: ets, validation MASE 0.8123, 35 ms}. Models are named by
     * family (the spec without parameters; the full specs are in metrics.json); when the validation
     * model's family differs from the forecasting model's, it is named too.
     */
    static String line(SeriesReport r, long millis) {
        if (!r.ok()) {
            return r.label() + " FAILED: " + r.error();
        }
        String family = family(r.model().spec());
        StringBuilder b = new StringBuilder(r.label()).append(" ok: ").append(family);
        if (r.validation() != null && r.validation().metrics() != null) {
            b.append(", validation MASE ").append(LogFormat.number(r.validation().metrics().mase()));
            String validated = r.validation().model() == null ? null : family(r.validation().model());
            if (validated != null && !validated.equals(family)) {
                b.append(" (of ").append(validated).append(')');
            }
        }
        if (r.fellBack()) {
            b.append(", fallback");
        }
        return b.append(", ").append(millis).append(" ms").toString();
    }

    private static String family(String spec) {
        try {
            return RunSummary.family(ModelSpec.parse(spec));
        } catch (IllegalArgumentException e) {
            return spec;
        }
    }

    static void print(RunMetrics metrics, Path outputDir, double seconds, Consumer<String> log) {
        RunSummary s = metrics.summary();
        log.accept("summary:");
        log.accept("  series      " + s.series() + ": " + s.succeeded() + " ok, " + s.failed() + " failed, " + s.fallback()
                + " with a fallback model (" + LogFormat.duration(seconds) + ", " + LogFormat.number(s.series() / Math.max(seconds, 1e-9))
                + " series/s)");
        List<String> models = new ArrayList<>();
        s.models().forEach((family, count) -> models.add(count + " " + family));
        log.accept("  models      " + join(models, ", "));
        if (s.validationMedian() != null) {
            log.accept("  validation  median MASE " + LogFormat.number(s.validationMedian().mase()) + ", median sMAPE "
                    + LogFormat.number(s.validationMedian().smape()) + "% over the series with a validation part");
        } else {
            log.accept("  validation  none (validation 0)");
        }
        List<String> warnings = warnings(metrics.series());
        if (!warnings.isEmpty()) {
            log.accept("  warnings    (each once, with the number of series; all of them in metrics.json)");
            warnings.stream().limit(TOP).forEach(w -> log.accept("    " + w));
            if (warnings.size() > TOP) {
                log.accept("    and " + (warnings.size() - TOP) + " other warning(s)");
            }
        }
        List<String> failures = metrics.series().stream().filter(r -> !r.ok()).map(r -> r.label() + ": " + r.error()).toList();
        if (!failures.isEmpty()) {
            log.accept("  failed");
            failures.stream().limit(TOP).forEach(f -> log.accept("    " + f));
            if (failures.size() > TOP) {
                log.accept("    and " + (failures.size() - TOP) + " more");
            }
        }
        log.accept("  outputs     " + outputDir.toAbsolutePath().normalize() + " (" + String.join(", ", metrics.outputs()) + ")");
    }

    /**
     * The degradations of all series grouped by kind and wording (numbers and quoted names aside):
     * {@code 37 series: season dropped: seasonality dropped: 30 points do not cover ... (e.g. H1, H7, H9)}, most
     * frequent first.
     */
    static List<String> warnings(List<SeriesReport> reports) {
        record Group(Degradation example, List<String> series) {
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (SeriesReport r : reports) {
            for (Degradation d : r.degradationList()) {
                String key = d.kind() + "|" + NUMBER.matcher(QUOTED.matcher(d.message()).replaceAll("''")).replaceAll("#");
                Group g = groups.computeIfAbsent(key, k -> new Group(d, new ArrayList<>()));
                if (g.series().isEmpty() || !g.series().get(g.series().size() - 1).equals(r.label())) {
                    g.series().add(r.label());
                }
            }
        }
        return groups.values().stream().sorted((a, b) -> Integer.compare(b.series().size(), a.series().size()))
                .map(g -> g.series().size() + " series: " + g.example().kind().label() + ": "
                        + g.example().message() + " (" + (g.series().size() == 1 ? "" : "e.g. ")
                        + join(g.series().subList(0, Math.min(3, g.series().size())), ", ") + ")")
                .toList();
    }

    private static String join(List<String> items, String sep) {
        if (items.size() <= TOP) {
            return String.join(sep, items);
        }
        return String.join(sep, items.subList(0, TOP)) + sep + "and " + (items.size() - TOP) + " more";
    }
}
