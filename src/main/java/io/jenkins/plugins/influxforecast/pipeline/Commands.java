package io.jenkins.plugins.influxforecast.pipeline;

import static io.jenkins.plugins.influxforecast.pipeline.OptionDef.optional;
import static io.jenkins.plugins.influxforecast.pipeline.OptionDef.required;

import io.jenkins.plugins.influxforecast.pipeline.OptionDef.Type;
import java.util.List;

/**
 * The engine's commands and their options: the one place both the command line and the Pipeline
 * steps are built from.
 */
public final class Commands {

    private Commands() {
    }

    public static final CommandDef FORECAST = new CommandDef("forecast",
            "Forecast a time series read from a CSV file and write forecast.csv, forecast.lp, metrics.json, forecast.png and report.html.",
            List.of(
                    required("input", "--input", Type.STRING,
                            "The input CSV: InfluxDB 1.x CSV, InfluxDB 2.x annotated CSV or plain time,value CSV (path relative to the workspace)."),
                    required("outputDir", "--output-dir", Type.STRING,
                            "The folder the outputs are written to, atomically (created if missing)."),
                    optional("model", "--model", Type.STRING, "snaive",
                            "The model spec, e.g. naive, snaive(season=144), drift, mean, movingaverage(window=30)."),
                    optional("horizon", "--horizon", Type.INT, null,
                            "Number of future steps to forecast; default: the length of the validation part."),
                    optional("validation", "--validation", Type.STRING, "0.2",
                            "Hold-out for scoring: a fraction below 1 (0.2) or a count of points (168); 0 scores nothing and forecasts from all the data."),
                    optional("frequency", "--frequency", Type.STRING, null,
                            "Spacing of the series (10m, 1h, 1d, 1w, 1mo, PT10M...); default: inferred from the timestamps."),
                    optional("smoothing", "--smoothing", Type.INT, "0",
                            "Window, in points, of a trailing moving average applied to the input before fitting; 0 or 1 = none."),
                    optional("fill", "--fill", Type.STRING, "linear",
                            "How gaps in the input are filled: linear, previous or fail."),
                    optional("maxGap", "--max-gap", Type.INT, null,
                            "Longest gap, in missing points, that may be filled; a longer one fails the run; default: 10% of the points."),
                    optional("format", "--format", Type.STRING, "auto",
                            "Input format: auto, influx1 (InfluxDB 1.x /query CSV), influx2 (annotated CSV) or csv (time,value)."),
                    optional("timeColumn", "--time-column", Type.STRING, null,
                            "Name of the time column; default: time (1.x, csv) or _time (2.x)."),
                    optional("valueColumn", "--value-column", Type.STRING, null,
                            "Name of the value column; default: value (1.x, csv) or _value (2.x), else the only numeric column."),
                    optional("name", "--name", Type.STRING, null,
                            "Name of the input series; default: the measurement in InfluxDB CSV, else the input file name."),
                    optional("measurement", "--measurement", Type.STRING, null,
                            "Measurement of the forecast points in forecast.lp; default: <input name>-prediction."),
                    optional("field", "--field", Type.STRING, "value",
                            "Field key of the forecast values in forecast.lp."),
                    optional("tags", "--tag", Type.LIST, null,
                            "Extra tag key=value for every forecast point (repeatable)."),
                    optional("levels", "--levels", Type.STRING, "80,95",
                            "Prediction interval levels in percent, comma-separated; empty for none.")));
}
