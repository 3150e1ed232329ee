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
            "Forecast a time series read from a CSV file and write forecast.csv, forecast.lp, metrics.json, forecast.png and report.html"
                    + " (with auto also backtest.png, its backtest windows).",
            List.of(
                    required("input", "--input", Type.STRING,
                            "The input CSV: InfluxDB 1.x CSV, InfluxDB 2.x annotated CSV or plain time,value CSV (path relative to the workspace)."),
                    required("outputDir", "--output-dir", Type.STRING,
                            "The folder the outputs are written to, atomically (created if missing)."),
                    optional("model", "--model", Type.STRING, "auto",
                            "The model spec: auto (chosen per series by a backtest), or e.g. ets, theta, arima, "
                                    + "arima(p=1,d=1,q=1,P=0,D=1,Q=1,season=24), ensemble(ets,theta,arima), snaive(season=144)."),
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
                            "Prediction interval levels in percent, comma-separated; empty for none."),
                    optional("nonNegative", "--non-negative", Type.BOOLEAN, "false",
                            "Clip forecasts and interval bounds at zero (counts, parking spaces, solar power); recorded in metrics.json."),
                    optional("asOf", "--as-of", Type.STRING, null,
                            "The time the forecast is made as of (ISO-8601, e.g. 2024-05-01T12:00:00Z): written to metrics.json and, as field as_of (epoch seconds), to every point of forecast.lp."),
                    optional("build", "--build", Type.INT, null,
                            "The number of the build that made the forecast: written to metrics.json and, as field build, to every point of forecast.lp."),
                    optional("modelTag", "--model-tag", Type.STRING, null,
                            "Tag key under which the model spec is also written on every point of forecast.lp (e.g. model); a tag splits"
                                    + " the series whenever auto picks another model, so the default is none."),
                    optional("modelField", "--model-field", Type.STRING, "model",
                            "String field holding the model spec on every point of the latest forecast in forecast.lp; empty for none."
                                    + " A field keeps one series key across runs whatever model auto picks."),
                    optional("history", "--history", Type.BOOLEAN, "false",
                            "Also write the forecast to the history measurement in forecast.lp: one point per step and run, tagged with"
                                    + " lead (steps ahead), so runs never overwrite each other and score can judge them later (docs/history.md)."),
                    optional("historyMeasurement", "--history-measurement", Type.STRING, null,
                            "Measurement of the history points; default: <series name>-forecast-history."),
                    optional("backfill", "--backfill", Type.INT, "0",
                            "Also forecast as of the newest N missed runs that the liveAccuracy score.json lists (score --every),"
                                    + " each from the data up to its time, and write their history points: fills the holes that"
                                    + " builds which did not run left in the history (0 to 10; needs history and liveAccuracy)."),
                    optional("liveAccuracy", "--live-accuracy", Type.STRING, null,
                            "The score.json of a score run (path relative to the workspace): its live accuracy and drift verdict go into"
                                    + " metrics.json and report.html.")));

    public static final CommandDef SCORE = new CommandDef("score",
            "Score past forecasts: read the history points whose target time has passed and the actuals for the same times, and"
                    + " compute per run and lead bucket MAE, RMSE, MASE, bias and interval coverage; write them to InfluxDB"
                    + " (<name>-accuracy), score.json, accuracy.lp and history.png. Exit code 3 when live accuracy drifted from the"
                    + " backtest or is above maxLiveMase.",
            InfluxOptions.with(List.of(
                    optional("name", "--name", Type.STRING, null,
                            "The forecast's name (its series name): the history is read from <name>-forecast-history and the accuracy"
                                    + " written to <name>-accuracy."),
                    optional("historyMeasurement", "--history-measurement", Type.STRING, null,
                            "The history measurement read; default: <name>-forecast-history."),
                    optional("accuracyMeasurement", "--accuracy-measurement", Type.STRING, null,
                            "The measurement the scores are written to; default: <name>-accuracy."),
                    optional("field", "--field", Type.STRING, "value",
                            "Field key of the forecast value in the history (the forecast's field)."),
                    optional("actuals", "--actuals", Type.STRING, null,
                            "The actuals as a CSV file, usually the extract's output (path relative to the workspace); or give actualsQuery."),
                    optional("actualsQuery", "--actuals-query", Type.STRING, null,
                            "The actuals as a raw InfluxQL SELECT of one value column (the extract's query); instead of actuals."),
                    optional("asOf", "--as-of", Type.STRING, null,
                            "Score the forecasts whose target time is at or before this time (ISO-8601); default: now."),
                    optional("lookback", "--lookback", Type.STRING, "30d",
                            "How far back from asOf runs are read and scored (a duration: 7d, 720h)."),
                    optional("leadBuckets", "--lead-buckets", Type.STRING, "auto",
                            "Lead-time groups: auto (1, 2, 3-4, 5-8, ... steps ahead) or ascending upper bounds in steps, e.g. 1,6,24,48."),
                    optional("runs", "--runs", Type.INT, "5",
                            "How many of the latest complete runs (every target passed) the drift check compares, and the plot shows."),
                    optional("driftFactor", "--drift-factor", Type.DOUBLE, "1.5",
                            "Drift when the live MASE of those runs is above this factor times their backtest MASE; exit code 3."),
                    optional("maxLiveMase", "--max-live-mase", Type.DOUBLE, null,
                            "Quality gate: exit code 3 (UNSTABLE in Jenkins) when the live MASE of those runs is above this."),
                    optional("every", "--every", Type.STRING, null,
                            "The schedule's interval (e.g. 12h): slots on this UTC grid since the first run without a run of their own"
                                    + " are listed in score.json as missed_runs, for forecast --backfill."),
                    optional("outputDir", "--output-dir", Type.STRING, "score",
                            "The folder score.json, accuracy.lp and history.png are written to, atomically."))));

    // --- influx: extract and load (connection options shared, see InfluxOptions) ---

    public static final CommandDef EXTRACT = new CommandDef("extract",
            "Read one or more series from InfluxDB into the CSV the forecast command reads (name,tags,time,value), and"
                    + " write extract-summary.json.",
            InfluxOptions.with(List.of(
                    optional("query", "--query", Type.STRING, null,
                            "A raw InfluxQL SELECT, sent unchanged (1.x, 3.x; 2.x through its v1 API); instead of the structured options."),
                    optional("flux", "--flux", Type.STRING, null,
                            "A raw Flux query (2.x only); instead of the structured options."),
                    optional("queryFile", "--query-file", Type.STRING, null,
                            "A file holding a raw InfluxQL query (path relative to the workspace), for text a command line cannot carry; instead of query."),
                    optional("fluxFile", "--flux-file", Type.STRING, null,
                            "A file holding a raw Flux query (path relative to the workspace); instead of flux."),
                    optional("measurement", "--measurement", Type.STRING, null,
                            "Structured query: the measurement to read."),
                    optional("field", "--field", Type.STRING, "value",
                            "Structured query: the field to read."),
                    optional("where", "--where", Type.LIST, null,
                            "Structured query: tag filter key=value (repeatable; values of one key are alternatives, different keys all apply)."),
                    optional("aggregate", "--aggregate", Type.STRING, null,
                            "Structured query: mean, median, mode, sum, count, min, max, first, last, spread or stddev per window."),
                    optional("window", "--window", Type.STRING, null,
                            "Structured query: the aggregation window (10m, 1h, 1d...); required with aggregate."),
                    optional("start", "--start", Type.STRING, null,
                            "Structured query: start (inclusive) as 2024-05-01T00:00:00Z, 2024-05-01 or a duration back from now (30d)."),
                    optional("end", "--end", Type.STRING, null,
                            "Structured query: end (exclusive), same forms, or now."),
                    optional("last", "--last", Type.INT, null,
                            "Structured query: only the last N points (per series)."),
                    optional("groupBy", "--group-by", Type.LIST, null,
                            "Structured query: tag key to group by (repeatable): one series per tag set, each forecast on its own."),
                    optional("valueColumn", "--value-column", Type.STRING, null,
                            "Column of a raw InfluxQL answer holding the values; default: the only column besides time."),
                    optional("chunkSize", "--chunk-size", Type.INT, "10000",
                            "Rows per chunk of InfluxDB's streamed answer."),
                    optional("shard", "--shard", Type.STRING, null,
                            "Only the series of shard i of N (i/N, i from 1 to N): the series whose tag set hashes to it"
                                    + " (FNV-1a 64 of the sorted k=v,k=v tag set, mod N); N pods with 1/N to N/N extract"
                                    + " every series once."),
                    optional("output", "--output", Type.STRING, "influx.csv",
                            "The CSV written (path relative to the workspace), replaced atomically."),
                    optional("summary", "--summary", Type.STRING, null,
                            "The JSON summary written; default: extract-summary.json next to the output."))));

    public static final CommandDef LOAD = new CommandDef("load",
            "Validate a line-protocol file (forecast.lp) completely, then write it to InfluxDB in batches, and write"
                    + " load-summary.json. Exit codes: 0 written, 1 failed, 2 bad options, 3 failed but marked unstable.",
            InfluxOptions.with(List.of(
                    optional("input", "--input", Type.STRING, "forecast.lp",
                            "The line-protocol file to write (path relative to the workspace)."),
                    optional("precision", "--precision", Type.STRING, "ns",
                            "Unit of the file's timestamps: ns, us, ms or s."),
                    optional("batchSize", "--batch-size", Type.INT, "5000",
                            "Points per request (1 to 100000)."),
                    optional("concurrency", "--concurrency", Type.INT, "4",
                            "Batches in flight at once (1 to 8; the server works on several while the next ones arrive, more helps on a slow link); batches are still counted in file order."),
                    optional("noGzip", "--no-gzip", Type.BOOLEAN, "false",
                            "Send batches uncompressed (gzip is on by default; on loopback or a fast LAN it only costs CPU)."),
                    optional("dryRun", "--dry-run", Type.BOOLEAN, "false",
                            "Validate and report only; write nothing."),
                    optional("unstableOnFailure", "--unstable-on-failure", Type.BOOLEAN, "false",
                            "When the write fails, exit with 3 (the step marks the build unstable) instead of 1 (the step fails)."),
                    optional("summary", "--summary", Type.STRING, null,
                            "The JSON summary written; default: load-summary.json next to the input."))));
}
