package io.jenkins.plugins.influxforecast.cli;

import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRequest;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef.Type;
import io.jenkins.plugins.influxforecast.report.RunMetrics;
import io.jenkins.plugins.influxforecast.report.SeriesReport;
import io.jenkins.plugins.influxforecast.report.ValidationReport;
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
            "Forecast a bundled public series (Seattle hourly temperature normals, NOAA) one week ahead and write forecast.csv, forecast.lp, metrics.json, forecast.png, report.html and, with auto (the default), backtest.png.",
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
                explain(RunMetrics.read(metrics)).ifPresent(out::println);
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
    static Optional<String> explain(RunMetrics metrics) {
        if (metrics.series().isEmpty() || metrics.series().get(0).validation() == null
                || metrics.series().get(0).validation().metrics() == null) {
            return Optional.empty();
        }
        SeriesReport series = metrics.series().get(0);
        ValidationReport validation = series.validation();
        Double mae = validation.metrics().mae();
        Double mase = validation.metrics().mase();
        if (mae == null || mase == null || mase <= 0) {
            return Optional.empty();
        }
        int lag = validation.maseSeason() == null ? 1 : validation.maseSeason();
        String rule = lag > 1 ? "\"the value one season (" + lag + " points) earlier\"" : "\"the previous value\"";
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "what this means: over the %s held-out points the forecast was off by %s on average (MAE, in "
                        + "the series' own units). MASE %s divides that by the typical error of the simplest seasonal rule, %s, "
                        + "within the training history (%s): the forecast's error is %s times that one-step error. Below 1 beats the "
                        + "rule's one-step error; a forecast many steps ahead usually stays above 1.",
                String.valueOf(validation.points()), sig(mae), sig(mase), rule, sig(mae / mase), sig(mase)));
        // auto's own parameters (free-form per model family) name the baseline it was measured against
        Map<String, Object> baseline = series.model() == null || series.model().parameters() == null ? Map.of()
                : map(series.model().parameters().get("baseline"));
        if (baseline.get("mase") instanceof Number b && b.doubleValue() > 0) {
            double gain = 100 * (1 - mase / b.doubleValue());
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

}
