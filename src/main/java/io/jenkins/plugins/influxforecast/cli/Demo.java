package io.jenkins.plugins.influxforecast.cli;

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
import java.util.Map;

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
            out.println("demo: outputs in " + outputDir.toAbsolutePath().normalize() + " (the input is " + INPUT_NAME + ")");
            return code;
        }
    }
}
