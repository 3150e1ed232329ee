package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.files.OutputFolder;
import io.jenkins.plugins.influxforecast.history.AccuracyLines;
import io.jenkins.plugins.influxforecast.history.ActualSeries;
import io.jenkins.plugins.influxforecast.history.HistoryLayout;
import io.jenkins.plugins.influxforecast.history.HistoryPlot;
import io.jenkins.plugins.influxforecast.history.HistoryPoint;
import io.jenkins.plugins.influxforecast.history.LiveAccuracy;
import io.jenkins.plugins.influxforecast.history.MissedRuns;
import io.jenkins.plugins.influxforecast.history.ScoreJson;
import io.jenkins.plugins.influxforecast.influx.InfluxQl;
import io.jenkins.plugins.influxforecast.influx.InfluxQlSource;
import io.jenkins.plugins.influxforecast.influx.InfluxQlTable;
import io.jenkins.plugins.influxforecast.influx.LineProtocolLoader;
import io.jenkins.plugins.influxforecast.influx.PointSink;
import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import io.jenkins.plugins.influxforecast.series.CsvSeriesReader;
import io.jenkins.plugins.influxforecast.series.RawSeries;
import io.jenkins.plugins.influxforecast.series.Timestamps;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code score} stage: reads the forecast history and the actuals, scores every run whose
 * targets have passed (see {@link io.jenkins.plugins.influxforecast.history.Scorer}), writes
 * score.json, accuracy.lp and history.png atomically, then writes accuracy.lp to InfluxDB.
 */
public final class ScoreRunner {

    public static final String JSON = "score.json";
    public static final String LP = "accuracy.lp";
    public static final String PNG = "history.png";
    /** At most this many missed slots are listed in score.json. */
    static final int MAX_MISSED = 100;

    /**
     * @param exitCode {@link ExitCodes#OK}, or {@link ExitCodes#UNSTABLE} when live accuracy drifted or failed the gate
     * @param accuracy what was scored
     * @param files    the files written
     * @param pointsWritten accuracy points written to InfluxDB
     */
    public record Result(int exitCode, LiveAccuracy accuracy, List<Path> files, long pointsWritten) implements StageResult {
        public Result {
            files = files == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(files));
        }
    }

    private ScoreRunner() {
    }

    public static Result run(ScoreRequest req, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        Instant from = req.asOf().minus(req.lookback());
        log.accept("score " + req.historyMeasurement() + " as of " + req.asOf() + " (runs since " + from + ") on "
                + req.connection().describe());
        List<ActualSeries> actuals = req.actuals() != null ? actualsFromCsv(req.actuals(), req.name()) : actualsFromQuery(req, log);
        long actualPoints = actuals.stream().mapToLong(a -> a.values().size()).sum();
        log.accept("actuals: " + actuals.size() + " series, " + actualPoints + " point(s) from "
                + (req.actuals() != null ? req.actuals().toString() : "the actuals query"));
        List<HistoryPoint> points = readHistory(req, from, log);
        long asOfNanos = Timestamps.toEpochNanos(req.asOf());
        LiveAccuracy accuracy = req.scorer().score(req.name(), points, actuals, asOfNanos);
        accuracy.warnings().forEach(w -> log.accept("WARNING: " + w));
        log.accept("history: " + points.size() + " point(s); " + accuracy.runs().size() + " run(s) scored, "
                + accuracy.runs().stream().filter(r -> r.complete()).count() + " complete");
        accuracy.byLead().forEach((lead, s) -> log.accept(String.format(Locale.ROOT,
                "  lead %-7s n %5d  MAE %.4g  RMSE %.4g  MASE %s  bias %.4g%s", lead, s.n(), s.mae(), s.rmse(),
                Double.isFinite(s.mase()) ? String.format(Locale.ROOT, "%.4g", s.mase()) : "-", s.bias(), coverage(s.coverage()))));
        accuracy.drift().forEach(d -> log.accept(String.format(Locale.ROOT,
                "%s: live MASE %.4g over the last %d complete run(s), backtest MASE %s%s", d.series(), d.liveMase(), d.runs(),
                Double.isFinite(d.backtestMase()) ? String.format(Locale.ROOT, "%.4g", d.backtestMase()) : "unknown",
                d.drifting() ? String.format(Locale.ROOT, " - DRIFT (above %.4g x backtest)", d.factor()) : "")));
        if (accuracy.drift().isEmpty()) {
            log.accept("no complete run yet: drift is judged once every target of a run has passed");
        }

        List<Path> files;
        Path lp;
        int lines;
        try (OutputFolder out = new OutputFolder(req.outputDir())) {
            try (Writer w = Files.newBufferedWriter(out.stage(LP), StandardCharsets.UTF_8)) {
                lines = AccuracyLines.write(w, accuracy, req.accuracyMeasurement(), req.scorer().buckets());
            }
            HistoryPlot.write(out.stage(PNG), req.name(), points, actuals, accuracy, req.scorer().runs());
            Map<String, Object> json = ScoreJson.toMap(accuracy, req.historyMeasurement(), req.accuracyMeasurement(),
                    req.scorer(), points.size());
            if (req.every() != null) {
                List<Instant> missed = MissedRuns.find(points.stream().map(HistoryPoint::issued).toList(), req.asOf(), req.every(),
                        req.lookback(), MAX_MISSED);
                json.put("every", req.every().toString());
                json.put("missed_runs", missed.stream().map(Instant::toString).toList());
                if (!missed.isEmpty()) {
                    log.accept(missed.size() + " slot(s) of " + req.every() + " without a run since the first in the history, newest "
                            + missed.get(0) + " (forecast --backfill fills them)");
                }
            }
            Json.write(out.stage(JSON), json);
            files = out.commit();
            lp = req.outputDir().resolve(LP);
        }
        long written = 0;
        if (lines > 0) {
            LoadRequest load = new LoadRequest(req.connection(), lp, new LineProtocolLoader.Options(
                    LineProtocolLoader.Options.DEFAULT_BATCH_SIZE, Precision.NS, req.retry(), false),
                    false, req.outputDir().resolve("accuracy-load-summary.json"));
            written = LoadRunner.run(load, log).pointsWritten();
        } else {
            log.accept("nothing to write to " + req.accuracyMeasurement() + ": no forecast point has an actual yet");
        }
        for (String p : accuracy.problems()) {
            log.accept("UNSTABLE: " + p);
        }
        log.accept("wrote " + String.join(", ", JSON, LP, PNG) + " to " + req.outputDir() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return new Result(accuracy.unstable() ? ExitCodes.UNSTABLE : ExitCodes.OK, accuracy, files, written);
    }

    private static String coverage(Map<String, Double> c) {
        StringBuilder b = new StringBuilder();
        c.forEach((level, v) -> b.append(String.format(Locale.ROOT, "  %s%% in %.0f%%", level, 100 * v)));
        return b.toString();
    }

    static List<ActualSeries> actualsFromCsv(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("actuals '" + file + "' does not exist");
        }
        CsvSeriesReader.Result read = new CsvSeriesReader(CsvSeriesReader.Options.defaults()).read(file);
        List<ActualSeries> out = new ArrayList<>();
        for (RawSeries s : read.series()) {
            NavigableMap<Long, Double> values = new TreeMap<>();
            for (int i = 0; i < s.size(); i++) {
                values.put(Timestamps.toEpochNanos(s.time(i)), s.value(i));
            }
            out.add(new ActualSeries(s.name(), s.tags(), values));
        }
        return out;
    }

    static List<ActualSeries> actualsFromQuery(ScoreRequest req, Consumer<String> log) {
        List<ActualSeries> out = new ArrayList<>();
        new InfluxQlSource(req.connection(), req.retry(), log).query(req.actualsQuery(), null, InfluxQlSource.DEFAULT_CHUNK_SIZE,
                new PointSink() {
                    private String name;
                    private Map<String, String> tags;
                    private NavigableMap<Long, Double> values;

                    @Override
                    public void beginSeries(String n, Map<String, String> t) {
                        name = n;
                        tags = t;
                        values = new TreeMap<>();
                    }

                    @Override
                    public void point(long epochNanos, double value) {
                        values.put(epochNanos, value);
                    }

                    @Override
                    public void endSeries() {
                        out.add(new ActualSeries(name, tags, values));
                    }

                    @Override
                    public void discardAll() {
                        out.clear();
                    }
                });
        return out;
    }

    /** The history points of runs whose origin is at or after {@code from} (so every point of such a run is read). */
    static List<HistoryPoint> readHistory(ScoreRequest req, Instant from, Consumer<String> log) {
        String q = "SELECT * FROM " + InfluxQl.identifier(req.historyMeasurement()) + " WHERE time > "
                + InfluxQl.string(from.toString()) + " GROUP BY *";
        log.accept("query (influxql): " + q);
        List<HistoryPoint> points = new ArrayList<>();
        long fromSeconds = from.getEpochSecond();
        for (InfluxQlTable.Series s : new InfluxQlTable(req.connection(), req.retry(), log).query(q)) {
            Map<String, String> tags = new HashMap<>(s.tags());
            tags.values().removeIf(String::isEmpty);
            String leadText = tags.remove(HistoryLayout.LEAD);
            if (leadText == null) {
                throw new IllegalArgumentException("measurement " + req.historyMeasurement() + " has points without a '"
                        + HistoryLayout.LEAD + "' tag: it is not a forecast history (docs/history.md)");
            }
            int lead = Integer.parseInt(leadText);
            int time = s.column("time");
            int value = s.column(req.field());
            int issued = s.column(HistoryLayout.ISSUED);
            int origin = s.column(HistoryLayout.ORIGIN);
            if (value < 0 || issued < 0 || origin < 0) {
                throw new IllegalArgumentException("measurement " + req.historyMeasurement() + " lacks the field '"
                        + (value < 0 ? req.field() : issued < 0 ? HistoryLayout.ISSUED : HistoryLayout.ORIGIN)
                        + "' (columns " + s.columns() + "); is field right, and was it written by forecast --history?");
            }
            Map<String, int[]> bounds = new TreeMap<>();
            for (int c = 0; c < s.columns().size(); c++) {
                String col = s.columns().get(c);
                if (col.startsWith(HistoryLayout.LOWER)) {
                    bounds.computeIfAbsent(col.substring(HistoryLayout.LOWER.length()), k -> new int[] {-1, -1})[0] = c;
                } else if (col.startsWith(HistoryLayout.UPPER)) {
                    bounds.computeIfAbsent(col.substring(HistoryLayout.UPPER.length()), k -> new int[] {-1, -1})[1] = c;
                }
            }
            for (List<Object> row : s.rows()) {
                Double v = number(row, value);
                Double iss = number(row, issued);
                Double org = number(row, origin);
                if (v == null || iss == null || org == null || org < fromSeconds) {
                    continue; // another field's point at this time, or a run older than the lookback
                }
                Map<String, double[]> b = new TreeMap<>();
                bounds.forEach((level, idx) -> {
                    Double lo = idx[0] < 0 ? null : number(row, idx[0]);
                    Double hi = idx[1] < 0 ? null : number(row, idx[1]);
                    if (lo != null && hi != null) {
                        b.put(level, new double[] {lo, hi});
                    }
                });
                Double build = number(row, s.column(HistoryLayout.BUILD));
                Double scale = number(row, s.column(HistoryLayout.SCALE));
                Double backtest = number(row, s.column(HistoryLayout.BACKTEST_MASE));
                int m = s.column(HistoryLayout.MODEL);
                String model = m >= 0 && row.get(m) instanceof String str ? str : null;
                points.add(new HistoryPoint(tags, lead, ((Number) row.get(time)).longValue(), v, b, iss.longValue(),
                        org.longValue(), model, build == null ? null : build.intValue(), scale == null ? Double.NaN : scale,
                        backtest == null ? Double.NaN : backtest));
            }
        }
        return points;
    }

    private static Double number(List<Object> row, int column) {
        return column >= 0 && column < row.size() && row.get(column) instanceof Number n ? n.doubleValue() : null;
    }
}
