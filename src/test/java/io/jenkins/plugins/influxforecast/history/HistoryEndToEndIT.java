package io.jenkins.plugins.influxforecast.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jenkins.plugins.influxforecast.cli.Main;
import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.influx.InfluxServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forecast history and live accuracy end to end, through the command line against a real
 * InfluxDB 1.x: three runs of extract -> score -> forecast --history -> load, as of 2010-03-01,
 * 03-02 and 03-03 00:00 UTC, over the bundled real series (Seattle hourly temperature normals,
 * NOAA), whose future is known; the actuals of each day arrive between two runs. The accuracy
 * points in InfluxDB equal the scores computed here by hand from each run's forecast.csv, its
 * input and the known actuals.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class HistoryEndToEndIT {

    @RegisterExtension
    static InfluxServer influx = InfluxServer.plain();

    static final String DB = "weather";
    static final Instant FIRST = Instant.parse("2010-03-01T00:00:00Z");
    static final int RUNS = 3;
    static final int HORIZON = 36;
    static final TreeMap<Instant, Double> TEMPERATURE = new TreeMap<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void data() throws IOException, InterruptedException {
        try (InputStream in = HistoryEndToEndIT.class.getResourceAsStream("/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                TEMPERATURE.put(LocalDateTime.parse(f[0]).toInstant(ZoneOffset.UTC), Double.parseDouble(f[2]));
            }
        }
        influx.createDatabase(DB);
    }

    /** Writes the actuals in (from, to] to InfluxDB, as they would arrive. */
    static void arrive(Instant from, Instant to) throws IOException, InterruptedException {
        StringBuilder lp = new StringBuilder();
        TEMPERATURE.subMap(from, false, to, true).forEach((t, v) -> lp.append("temperature,site=seattle value=").append(v).append(' ')
                .append(t.getEpochSecond()).append("000000000\n"));
        influx.write(DB, lp.toString());
    }

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] connection(String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--url", influx.url(), "--database", DB, "--proxy", "none"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static Path run(int k) {
        return work.resolve("run-" + k);
    }

    static Instant asOf(int k) {
        return FIRST.plus(Duration.ofDays(k));
    }

    /** One scheduled build: extract the last three weeks, score the earlier runs, forecast with history, load. */
    static Cli build(int k, String... scoreOptions) throws IOException {
        Path dir = run(k);
        Files.createDirectories(dir);
        Instant asOf = asOf(k);
        Cli x = cli(connection("extract", "--query", "SELECT value FROM temperature WHERE site = 'seattle' AND time > '"
                + asOf.minus(Duration.ofDays(21)) + "' AND time <= '" + asOf + "' GROUP BY site", "--output", dir.resolve("input.csv").toString()));
        assertThat(x.code()).as(x.err()).isZero();
        List<String> score = new ArrayList<>(List.of(connection("score", "--name", "temperature", "--actuals",
                dir.resolve("input.csv").toString(), "--as-of", asOf.toString(), "--output-dir", dir.resolve("score").toString())));
        score.addAll(List.of(scoreOptions));
        Cli s = cli(score.toArray(String[]::new));
        assertThat(s.code()).as(s.out() + s.err()).isIn(0, 3);
        Cli f = cli("forecast", "--input", dir.resolve("input.csv").toString(), "--output-dir", dir.resolve("out").toString(),
                "--model", "ets", "--horizon", Integer.toString(HORIZON), "--validation", "48", "--as-of", asOf.toString(),
                "--build", Integer.toString(k + 1), "--history", "--live-accuracy", dir.resolve("score/score.json").toString());
        assertThat(f.code()).as(f.out() + f.err()).isZero();
        Cli l = cli(connection("load", "--input", dir.resolve("out/forecast.lp").toString()));
        assertThat(l.code()).as(l.err()).isZero();
        return s;
    }

    @Test
    @Order(1)
    void threeRunsWithActualsArrivingBetweenThem() throws Exception {
        arrive(FIRST.minus(Duration.ofDays(60)), FIRST);
        Cli first = build(0);
        assertThat(first.out()).contains("0 run(s) scored").contains("nothing to write to temperature-accuracy");
        for (int k = 1; k < RUNS; k++) {
            arrive(asOf(k - 1), asOf(k));
            build(k);
        }
        // every run kept its own points: no run overwrote another
        assertThat(influx.count(DB, "temperature-forecast-history", "value")).isEqualTo(RUNS * HORIZON);
        // the latest forecast keeps one series key whatever model was chosen (the model is a field)
        assertThat(influx.query(DB, "SHOW SERIES FROM \"temperature-prediction\"")).contains("temperature-prediction,site=seattle")
                .doesNotContain("model=");
        assertThat(influx.query(DB, "SELECT count(value) FROM \"temperature-forecast-history\" GROUP BY lead"))
                .contains("\"lead\":\"1\"").contains("\"lead\":\"36\"");
    }

    /** The scores of the last build's score step: run 0 complete (36 points), run 1 with 24 of its 36 points. */
    @Test
    @Order(2)
    void accuracyInInfluxDbEqualsTheScoresComputedByHand() throws Exception {
        Map<String, Map<String, Double>> stored = accuracyPoints();
        LeadBuckets buckets = LeadBuckets.parse("auto");
        Instant scoredAsOf = asOf(RUNS - 1);
        int checked = 0;
        for (int k = 0; k < RUNS - 1; k++) {
            List<double[]> rows = forecastRows(run(k).resolve("out/forecast.csv")); // value, lo80, hi80, lo95, hi95 per lead
            double scale = scale(run(k).resolve("input.csv"));
            Map<String, List<double[]>> byBucket = new LinkedHashMap<>();
            List<double[]> all = new ArrayList<>();
            for (int lead = 1; lead <= HORIZON; lead++) {
                Instant target = asOf(k).plus(Duration.ofHours(lead));
                if (target.isAfter(scoredAsOf)) {
                    continue;
                }
                double[] r = rows.get(lead - 1);
                double[] pair = {r[0], TEMPERATURE.get(target), r[1], r[2], r[3], r[4]};
                all.add(pair);
                byBucket.computeIfAbsent(buckets.bucketOf(lead).label(), b -> new ArrayList<>()).add(pair);
            }
            assertThat(all).hasSize(k == 0 ? 36 : 24);
            String issued = Long.toString(asOf(k).getEpochSecond());
            Map<String, Double> a = stored.get(issued + "/all");
            assertThat(a).as("accuracy point of run %d", k).isNotNull();
            expectScores(a, all, scale);
            Map<String, Object> metrics = Json.read(run(k).resolve("out/metrics.json"));
            assertThat(a.get("backtest_mase")).isCloseTo(validationMase(metrics), within(1e-9));
            assertThat(a.get("complete")).isEqualTo(k == 0 ? 1.0 : 0.0);
            for (Map.Entry<String, List<double[]>> e : byBucket.entrySet()) {
                Map<String, Double> b = stored.get(issued + "/" + e.getKey());
                assertThat(b).as("accuracy of run %d lead %s", k, e.getKey()).isNotNull();
                expectScores(b, e.getValue(), scale);
                checked++;
            }
            assertThat(stored.keySet().stream().filter(s -> s.startsWith(issued + "/")).count()).isEqualTo(byBucket.size() + 1);
        }
        assertThat(checked).isEqualTo(7 + 6); // buckets 1..33-64 for run 0, 1..17-32 for run 1
        assertThat(stored.keySet().stream().noneMatch(s -> s.startsWith(asOf(RUNS - 1).getEpochSecond() + "/"))).isTrue();
    }

    @Test
    @Order(3)
    void driftIsJudgedOnCompleteRunsAgainstTheBacktestAndMakesTheRunUnstable() throws Exception {
        Map<String, Double> run0 = accuracyPoints().get(asOf(0).getEpochSecond() + "/all");
        double ratio = run0.get("mase") / run0.get("backtest_mase");
        Path dir = run(RUNS - 1);
        String[] base = connection("score", "--name", "temperature", "--actuals", dir.resolve("input.csv").toString(),
                "--as-of", asOf(RUNS - 1).toString(), "--output-dir", work.resolve("drift").toString(), "--runs", "1");
        Cli strict = cli(concat(base, "--drift-factor", String.valueOf(ratio * 0.99)));
        assertThat(strict.code()).as(strict.out() + strict.err()).isEqualTo(3);
        assertThat(strict.out()).contains("DRIFT").contains("UNSTABLE: drift: temperature {site=seattle} live MASE");
        Map<String, Object> score = Json.read(work.resolve("drift/score.json"));
        assertThat(score).containsEntry("status", "unstable");
        assertThat(((Map<?, ?>) score.get("live")).get("mase")).isEqualTo(run0.get("mase"));
        Cli lenient = cli(concat(base, "--drift-factor", String.valueOf(ratio * 1.01)));
        assertThat(lenient.code()).as(lenient.out() + lenient.err()).isZero();
        Cli gate = cli(concat(base, "--drift-factor", "100", "--max-live-mase", String.valueOf(run0.get("mase") * 0.99)));
        assertThat(gate.code()).isEqualTo(3);
        assertThat(gate.out()).contains("UNSTABLE: live MASE");
        // the forecast of the last build carries the score it was given into metrics.json
        Map<String, Object> metrics = Json.read(dir.resolve("out/metrics.json"));
        assertThat(metrics).containsKey("live");
        assertThat(((Map<?, ?>) ((Map<?, ?>) metrics.get("live")).get("live")).get("mase")).isEqualTo(run0.get("mase"));
    }

    /**
     * grafana/influx-forecast.json against the database the three builds left behind: the forecast
     * variable's query finds the forecast, and every panel query and annotation, after template
     * substitution, returns the series its panel plots (each name its overrides refer to), with values.
     */
    @Test
    @Order(4)
    void grafanaDashboardQueriesReturnTheSeriesTheirPanelsPlot() throws Exception {
        Path file = Path.of(System.getProperty("influxforecast.baseDir", System.getProperty("user.dir")), "grafana", "influx-forecast.json");
        JsonObject dashboard = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(dashboard.getAsJsonObject("time").get("to").getAsString()).startsWith("now+");
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonElement v : dashboard.getAsJsonObject("templating").getAsJsonArray("list")) {
            JsonObject o = v.getAsJsonObject();
            String name = o.get("name").getAsString();
            switch (o.get("type").getAsString()) {
                case "datasource" -> assertThat(o.get("query").getAsString()).isEqualTo("influxdb");
                case "query" -> {
                    List<String> found = new ArrayList<>();
                    java.util.regex.Pattern regex = java.util.regex.Pattern.compile(o.get("regex").getAsString().replaceAll("^/|/$", ""));
                    for (List<Object> row : rows(influx.query(DB, o.get("query").getAsString()))) {
                        java.util.regex.Matcher m = regex.matcher(String.valueOf(row.get(0)));
                        if (m.matches()) {
                            found.add(m.group(1));
                        }
                    }
                    assertThat(found).as("values of $%s", name).containsExactly("temperature");
                    variables.put(name, found.get(0));
                }
                default -> variables.put(name, o.get("query").getAsString());
            }
        }
        assertThat(variables).containsEntry("forecast", "temperature").containsEntry("field", "value");
        variables.put("timeFilter", "time >= '2010-02-24T00:00:00Z' AND time <= '2010-03-05T00:00:00Z'");
        variables.put("__interval", "1h");
        int panels = 0;
        for (JsonElement p : dashboard.getAsJsonArray("panels")) {
            JsonObject panel = p.getAsJsonObject();
            List<String> plotted = new ArrayList<>();
            for (JsonElement t : panel.getAsJsonArray("targets")) {
                JsonObject target = t.getAsJsonObject();
                String alias = target.has("alias") ? target.get("alias").getAsString() : null;
                JsonObject answer = JsonParser.parseString(influx.query(DB, substitute(target.get("query").getAsString(), variables)))
                        .getAsJsonObject();
                JsonArray series = answer.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("series");
                assertThat(series).as("panel '%s' query %s returns series", panel.get("title").getAsString(), target.get("refId")).isNotNull();
                for (JsonElement se : series) {
                    JsonObject o = se.getAsJsonObject();
                    JsonArray columns = o.getAsJsonArray("columns");
                    for (int c = 1; c < columns.size(); c++) {
                        int col = c;
                        boolean hasValue = false;
                        for (JsonElement row : o.getAsJsonArray("values")) {
                            hasValue |= !row.getAsJsonArray().get(col).isJsonNull();
                        }
                        assertThat(hasValue).as("column %s of panel '%s'", columns.get(c), panel.get("title").getAsString()).isTrue();
                        if (alias == null || alias.equals("$col")) {
                            plotted.add(columns.get(c).getAsString());
                        } else {
                            String name = alias;
                            if (o.has("tags")) {
                                for (Map.Entry<String, JsonElement> tag : o.getAsJsonObject("tags").entrySet()) {
                                    name = name.replace("$tag_" + tag.getKey(), tag.getValue().getAsString());
                                }
                            }
                            plotted.add(name);
                        }
                    }
                }
            }
            for (JsonElement ov : panel.getAsJsonObject("fieldConfig").getAsJsonArray("overrides")) {
                JsonObject matcher = ov.getAsJsonObject().getAsJsonObject("matcher");
                assertThat(plotted).as("panel '%s' plots the series its override names", panel.get("title").getAsString())
                        .contains(matcher.get("options").getAsString());
            }
            switch (panel.get("id").getAsInt()) {
                case 1 -> assertThat(plotted).containsExactlyInAnyOrder("actual", "forecast", "lower_95", "lower_80", "upper_80", "upper_95");
                case 2 -> assertThat(plotted).containsExactlyInAnyOrder("lead 1", "lead 2", "lead 3-4", "lead 5-8", "lead 9-16", "lead 17-32",
                        "lead 33-64");
                case 3 -> assertThat(plotted).containsExactly("live MASE", "backtest MASE");
                case 4 -> assertThat(plotted).containsExactly("coverage_80", "coverage_95");
                default -> throw new AssertionError("a panel this test does not know: " + panel.get("title"));
            }
            panels++;
        }
        assertThat(panels).isEqualTo(4);
        for (JsonElement a : dashboard.getAsJsonObject("annotations").getAsJsonArray("list")) {
            JsonObject o = a.getAsJsonObject();
            if (o.has("query")) {
                assertThat(rows(influx.query(DB, substitute(o.get("query").getAsString(), variables))))
                        .as("annotation %s", o.get("name").getAsString()).isNotEmpty();
            }
        }
    }

    static String substitute(String query, Map<String, String> variables) {
        String q = query;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            q = q.replace("$" + v.getKey(), v.getValue());
        }
        assertThat(q).as("every variable substituted in %s", query).doesNotContain("$");
        return q;
    }

    static List<List<Object>> rows(String json) {
        List<List<Object>> out = new ArrayList<>();
        JsonObject result = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject();
        if (!result.has("series")) {
            return out;
        }
        for (JsonElement s : result.getAsJsonArray("series")) {
            for (JsonElement row : s.getAsJsonObject().getAsJsonArray("values")) {
                List<Object> r = new ArrayList<>();
                row.getAsJsonArray().forEach(e -> r.add(e.isJsonNull() ? null : e.getAsString()));
                out.add(r);
            }
        }
        return out;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void expectScores(Map<String, Double> stored, List<double[]> pairs, double scale) {
        double abs = 0;
        double sq = 0;
        double signed = 0;
        int in80 = 0;
        int in95 = 0;
        for (double[] p : pairs) {
            double e = p[0] - p[1];
            abs += Math.abs(e);
            sq += e * e;
            signed += e;
            in80 += p[1] >= p[2] && p[1] <= p[3] ? 1 : 0;
            in95 += p[1] >= p[4] && p[1] <= p[5] ? 1 : 0;
        }
        int n = pairs.size();
        assertThat(stored.get("n")).isEqualTo(n);
        assertThat(stored.get("mae")).isCloseTo(abs / n, within(1e-9));
        assertThat(stored.get("rmse")).isCloseTo(Math.sqrt(sq / n), within(1e-9));
        assertThat(stored.get("bias")).isCloseTo(signed / n, within(1e-9));
        assertThat(stored.get("mase")).isCloseTo(abs / n / scale, within(1e-9));
        assertThat(stored.get("coverage_80")).isCloseTo((double) in80 / n, within(1e-12));
        assertThat(stored.get("coverage_95")).isCloseTo((double) in95 / n, within(1e-12));
    }

    /** MASE's scale by hand: mean |y(t) - y(t - 24)| over the run's input (hourly data, three weeks: season 24). */
    static double scale(Path inputCsv) throws IOException {
        List<Double> y = new ArrayList<>();
        for (String line : Files.readAllLines(inputCsv).subList(1, Files.readAllLines(inputCsv).size())) {
            String[] f = line.split(",");
            y.add(Double.parseDouble(f[f.length - 1]));
        }
        assertThat(y).hasSize(21 * 24);
        double s = 0;
        for (int t = 24; t < y.size(); t++) {
            s += Math.abs(y.get(t) - y.get(t - 24));
        }
        return s / (y.size() - 24);
    }

    static List<double[]> forecastRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("time,value,lower_80,upper_80,lower_95,upper_95");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5])});
        }
        assertThat(rows).hasSize(HORIZON);
        return rows;
    }

    @SuppressWarnings("unchecked")
    static double validationMase(Map<String, Object> metrics) {
        Map<String, Object> series = ((List<Map<String, Object>>) metrics.get("series")).get(0);
        Map<String, Object> validation = (Map<String, Object>) series.get("validation");
        return ((Number) ((Map<String, Object>) validation.get("metrics")).get("mase")).doubleValue();
    }

    /** Every accuracy point, keyed "issued epoch seconds/lead", fields as numbers (booleans as 1 and 0). */
    static Map<String, Map<String, Double>> accuracyPoints() throws IOException, InterruptedException {
        JsonObject answer = JsonParser.parseString(influx.query(DB, "SELECT * FROM \"temperature-accuracy\" GROUP BY *")).getAsJsonObject();
        Map<String, Map<String, Double>> out = new HashMap<>();
        JsonArray series = answer.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("series");
        for (JsonElement s : series) {
            JsonObject o = s.getAsJsonObject();
            String lead = o.getAsJsonObject("tags").get("lead").getAsString();
            assertThat(o.getAsJsonObject("tags").get("site").getAsString()).isEqualTo("seattle");
            JsonArray columns = o.getAsJsonArray("columns");
            for (JsonElement row : o.getAsJsonArray("values")) {
                JsonArray r = row.getAsJsonArray();
                long seconds = r.get(0).getAsLong() / 1_000_000_000L;
                Map<String, Double> fields = new HashMap<>();
                for (int c = 1; c < columns.size(); c++) {
                    JsonElement v = r.get(c);
                    if (v.isJsonNull()) {
                        continue;
                    }
                    if (v.getAsJsonPrimitive().isBoolean()) {
                        fields.put(columns.get(c).getAsString(), v.getAsBoolean() ? 1.0 : 0.0);
                    } else if (v.getAsJsonPrimitive().isNumber()) {
                        fields.put(columns.get(c).getAsString(), v.getAsDouble());
                    }
                }
                out.put(seconds + "/" + lead, fields);
            }
        }
        return out;
    }
}
