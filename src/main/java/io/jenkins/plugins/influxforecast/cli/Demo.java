package io.jenkins.plugins.influxforecast.cli;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRequest;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code demo}: forecasts a bundled real series, the hourly temperature normals of Seattle (NOAA
 * 1981-2010 Climate Normals, from the vega-datasets npm package), one week ahead after scoring on
 * the last week, and writes the four outputs next to a copy of the input ({@code demo-input.csv}).
 */
final class Demo {

    static final String INPUT_NAME = "demo-input.csv";
    static final String RESOURCE = "/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv";

    static final CommandDef COMMAND = new CommandDef("demo",
            "Forecast a bundled public series (Seattle hourly temperature normals, NOAA) one week ahead and write forecast.csv, forecast.lp, metrics.json, forecast.png and report.html.",
            List.of(
                    OptionDef.optional("outputDir", "--output-dir", Type.STRING, "demo-output", "The folder the outputs are written to."),
                    OptionDef.optional("model", "--model", Type.STRING,
                            Commands.FORECAST.option("model").orElseThrow().defaultValue(), "The model spec.")));

    private Demo() {
    }

    static int run(Map<String, Object> options, PrintStream out) throws IOException {
        Path outputDir = Path.of(String.valueOf(options.getOrDefault("outputDir", "demo-output")));
        Files.createDirectories(outputDir);
        Path input = outputDir.resolve(INPUT_NAME);
        {
            try (InputStream in = Demo.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException("demo data missing from the engine jar: " + RESOURCE);
                }
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("input", input.toString());
            o.put("outputDir", outputDir.toString());
            o.put("model", options.getOrDefault("model", COMMAND.option("model").orElseThrow().defaultValue()));
            o.put("timeColumn", "date");
            o.put("valueColumn", "temperature");
            o.put("name", "seattle_temperature");
            o.put("frequency", "1h");
            o.put("validation", "168");
            o.put("horizon", 168);
            out.println("demo: Seattle hourly temperature normals (NOAA 1981-2010, via vega-datasets), 8759 hours; "
                    + "scoring on the last week, then forecasting the next week");
            int code = new ForecastRunner(out).run(ForecastRequest.fromOptions(o)).exitCode();
            Path metrics = outputDir.resolve("metrics.json");
            if (Files.isRegularFile(metrics)) {
                explain(Json.read(metrics)).ifPresent(out::println);
            }
            out.println("demo: outputs in " + outputDir.toAbsolutePath().normalize() + " (the input is " + INPUT_NAME + ")");
            return code;
        }
    }

    /**
     * The headline in plain words: what the validation error is in the series' own units, and what
     * MASE compares it with (the seasonal naive rule's typical one-step error inside the history),
     * then the seasonal naive forecast's own score on the same week when the run measured it.
     */
    static Optional<String> explain(Map<String, Object> metrics) {
        Map<String, Object> series = first(metrics.get("series"));
        Map<String, Object> validation = map(series.get("validation"));
        Map<String, Object> scores = map(validation.get("metrics"));
        if (!(scores.get("mae") instanceof Number mae) || !(scores.get("mase") instanceof Number mase) || mase.doubleValue() <= 0) {
            return Optional.empty();
        }
        int lag = validation.get("mase_season") instanceof Number n ? n.intValue() : 1;
        String rule = lag > 1 ? "\"the value one season (" + lag + " points) earlier\"" : "\"the previous value\"";
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "what this means: over the %s held-out points the forecast was off by %s on average (MAE, in "
                        + "the series' own units). MASE %s divides that by the typical error of the simplest seasonal rule, %s, "
                        + "within the training history (%s): the forecast's error is %s times that one-step error. Below 1 beats the "
                        + "rule's one-step error; a forecast many steps ahead usually stays above 1.",
                validation.get("points") instanceof Number p ? String.valueOf(p.longValue()) : "?", sig(mae.doubleValue()), sig(mase.doubleValue()), rule,
                sig(mae.doubleValue() / mase.doubleValue()), sig(mase.doubleValue())));
        Map<String, Object> baseline = map(map(map(series.get("model")).get("parameters")).get("baseline"));
        if (baseline.get("mase") instanceof Number b && b.doubleValue() > 0) {
            double gain = 100 * (1 - mase.doubleValue() / b.doubleValue());
            text.append(String.format(Locale.ROOT, " The seasonal naive forecast (%s) scored MASE %s on the same points, so this "
                    + "forecast's errors are %d%% %s.", baseline.get("model"), sig(b.doubleValue()),
                    Math.round(Math.abs(gain)), gain >= 0 ? "smaller" : "larger"));
        }
        return Optional.of(HelpText.wrap(text.toString(), 100).replace("%n", "\n  ").replace("%%", "%"));
    }

    private static String sig(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> first(Object o) {
        return o instanceof List<?> l && !l.isEmpty() ? map(l.get(0)) : Map.of();
    }
}
