package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractResult;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRequest;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadResult;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Extract and load against a real InfluxDB 1.x started by test-harness/influxdb/start.sh. */
class InfluxRealServerIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    @TempDir
    Path work;

    static final String ARGO_QUERY = "SELECT mean(spaces) as value FROM \"parkingplace\" WHERE (\"name\" = 'P+R Noord' AND"
            + " \"spaces\" != 0) group by time(10m) order by time desc limit 4038";
    static final long TEN_MINUTES = Duration.ofMinutes(10).toNanos();
    static final long NANOS = 1_000_000_000L;

    final List<String> log = new ArrayList<>();
    final Consumer<String> logger = log::add;

    Map<String, Object> options(String database) {
        Map<String, Object> o = new HashMap<>();
        o.put("url", server.url());
        o.put("database", database);
        o.put("proxy", "none");
        o.put("retries", "1");
        o.put("retryBackoff", "50ms");
        return o;
    }

    ExtractResult extract(Map<String, Object> options) {
        return ExtractRunner.run(ExtractRequest.fromOptions(options, Map.of(), work), logger);
    }

    @Test
    void argoQueryRoundTripsThroughExtractForecastAndLoad() throws Exception {
        server.createDatabase("parking");
        long lastBucket = (System.currentTimeMillis() * 1_000_000L / TEN_MINUTES) * TEN_MINUTES - TEN_MINUTES;
        long firstBucket = lastBucket - 431 * TEN_MINUTES;
        StringBuilder lp = new StringBuilder();
        Map<Long, Double> expected = new LinkedHashMap<>();
        for (int b = 0; b < 432; b++) {
            long bucket = firstBucket + b * TEN_MINUTES;
            double a = Math.round(200 + 100 * Math.sin(2 * Math.PI * b / 144));
            double second = b % 50 == 0 ? 0 : a + 1; // 0 is filtered out by the query: the mean is then a alone
            lp.append("parkingplace,name=P+R\\ Noord spaces=").append(a).append(' ').append(bucket).append('\n');
            lp.append("parkingplace,name=P+R\\ Noord spaces=").append(second).append(' ').append(bucket + TEN_MINUTES / 2)
                    .append('\n');
            lp.append("parkingplace,name=P+R\\ Zuid spaces=").append(a * 3).append(' ').append(bucket).append('\n');
            expected.put(bucket, second == 0 ? a : (a + second) / 2);
        }
        server.write("parking", lp.toString());

        Map<String, Object> o = options("parking");
        o.put("query", ARGO_QUERY);
        o.put("output", "influx.csv");
        ExtractResult result = extract(o);

        assertThat(result.series()).isEqualTo(1);
        assertThat(result.points()).isEqualTo(432);
        List<CsvRows> rows = CsvRows.read(work.resolve("influx.csv"));
        assertThat(rows).hasSize(432);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.name()).isEqualTo("parkingplace");
            assertThat(r.tags()).isEmpty();
        });
        for (int i = 0; i < rows.size(); i++) {
            long t = firstBucket + i * TEN_MINUTES; // ascending, although the query orders by time desc
            assertThat(rows.get(i).time()).isEqualTo(t);
            assertThat(rows.get(i).number()).isEqualTo(expected.get(t));
        }
        assertThat(Files.readString(work.resolve("extract-summary.json"))).contains("\"points\": 432", "\"status\": \"ok\"");

        // forecast it with the engine's forecast stage, as the forecast step does
        double[] values = rows.stream().mapToDouble(CsvRows::number).toArray();
        Map<String, Object> f = new HashMap<>();
        f.put("input", work.resolve("influx.csv").toString());
        f.put("outputDir", work.resolve("out").toString());
        f.put("model", "snaive(season=144)");
        f.put("horizon", "144");
        f.put("validation", "0");
        java.io.ByteArrayOutputStream forecastLog = new java.io.ByteArrayOutputStream();
        int exit = new ForecastRunner(new java.io.PrintStream(forecastLog, true, StandardCharsets.UTF_8))
                .run(ForecastRequest.fromOptions(f)).exitCode();
        assertThat(exit).as(forecastLog.toString(StandardCharsets.UTF_8)).isZero();
        Path lpFile = work.resolve("out").resolve("forecast.lp");
        List<String> lpLines = Files.readAllLines(lpFile);
        assertThat(lpLines).hasSize(144);
        assertThat(lpLines.get(0)).startsWith("parkingplace-prediction value=");
        List<Long> times = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        for (String line : lpLines) {
            String[] parts = line.split(" ");
            predicted.add(Double.parseDouble(parts[1].substring("value=".length()).split(",")[0]));
            times.add(Long.parseLong(parts[2]));
        }
        assertThat(times.get(0)).isEqualTo(lastBucket + TEN_MINUTES);

        Map<String, Object> l = options("parking");
        l.put("input", "out/forecast.lp");
        l.put("batchSize", "50");
        LoadResult loaded = LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), logger);
        assertThat(loaded.status()).isEqualTo("ok");
        assertThat(loaded.pointsWritten()).isEqualTo(144);
        assertThat(loaded.batches()).isEqualTo(3);

        // query the prediction back and compare point by point
        String json = server.query("parking", "SELECT value FROM \"parkingplace-prediction\"");
        Matcher m = Pattern.compile("\\[(\\d+),([-0-9.eE+]+)\\]").matcher(json);
        List<long[]> back = new ArrayList<>();
        List<Double> backValues = new ArrayList<>();
        while (m.find()) {
            back.add(new long[] {Long.parseLong(m.group(1))});
            backValues.add(Double.parseDouble(m.group(2)));
        }
        assertThat(back).hasSize(144);
        for (int i = 0; i < 144; i++) {
            assertThat(back.get(i)[0]).isEqualTo(times.get(i));
            assertThat(backValues.get(i)).isEqualTo(predicted.get(i));
            // seasonal naive: the value one season (144 steps) before the end of the data
            assertThat(backValues.get(i)).isEqualTo(values[values.length - 144 + i]);
        }
        assertThat(Files.readString(work.resolve("out").resolve("load-summary.json"))).contains("\"pointsWritten\": 144");
    }

    @Test
    void groupByTagsGivesOneSeriesPerTagSetWithItsTags() throws Exception {
        server.createDatabase("sites");
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lp.append("load,site=north,rack=r\\ 1 value=").append(i).append(' ').append(1_700_000_000L * NANOS + i * 60 * NANOS)
                    .append('\n');
            lp.append("load,site=south\\,east,rack=r2 value=").append(100 + i).append(' ')
                    .append(1_700_000_000L * NANOS + i * 60 * NANOS).append('\n');
        }
        server.write("sites", lp.toString());
        Map<String, Object> o = options("sites");
        o.put("measurement", "load");
        o.put("field", "value");
        o.put("groupBy", List.of("site", "rack"));
        o.put("last", "20");
        ExtractResult r = extract(o);
        assertThat(r.series()).isEqualTo(2);
        assertThat(r.points()).isEqualTo(40);
        List<CsvRows> rows = CsvRows.read(work.resolve("influx.csv"));
        assertThat(rows.stream().map(CsvRows::tags).distinct())
                .containsExactlyInAnyOrder("rack=r\\ 1,site=north", "rack=r2,site=south\\,east");
        List<CsvRows> north = rows.stream().filter(x -> x.tags().contains("north")).toList();
        assertThat(north.get(0).number()).isEqualTo(10); // the last 20 of 0..29, ascending
        assertThat(north.get(19).number()).isEqualTo(29);
        assertThat(Files.readString(work.resolve("influx.csv"))).contains("\"rack=r2,site=south\\,east\"");
    }

    @Test
    void aggregatedStructuredQueryWithTimeRangeKeepsInteriorGaps() throws Exception {
        server.createDatabase("gaps");
        long t0 = 1_700_000_400L * NANOS; // a 10-minute boundary
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i == 5) {
                continue; // an empty window in the middle
            }
            lp.append("temp value=").append(i * 1.5).append(' ').append(t0 + i * TEN_MINUTES).append('\n');
        }
        server.write("gaps", lp.toString());
        // raw aggregated query: empty windows come back as nulls; the inner one stays a gap
        Map<String, Object> o = options("gaps");
        o.put("query", "SELECT mean(value) FROM temp WHERE time >= " + t0 + " AND time < " + (t0 + 20 * TEN_MINUTES)
                + " GROUP BY time(10m)");
        ExtractResult r = extract(o);
        assertThat(r.points()).isEqualTo(11);
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.warnings()).anyMatch(w -> w.contains("dropped 0 empty value(s) before its first value and 8 after"));
        List<CsvRows> rows = CsvRows.read(work.resolve("influx.csv"));
        assertThat(rows).hasSize(12);
        assertThat(rows.get(5).value()).isEmpty();
        assertThat(rows.get(6).number()).isEqualTo(9.0);

        // structured: fill(none) leaves the empty window out
        Map<String, Object> s = options("gaps");
        s.put("measurement", "temp");
        s.put("aggregate", "max");
        s.put("window", "10m");
        s.put("start", Instant.ofEpochSecond(0, t0).toString());
        s.put("end", Instant.ofEpochSecond(0, t0 + 6 * TEN_MINUTES).toString());
        ExtractResult r2 = extract(s);
        assertThat(r2.points()).isEqualTo(5);
        assertThat(r2.query()).isEqualTo("SELECT max(\"value\") AS \"value\" FROM \"temp\" WHERE time >= '"
                + Instant.ofEpochSecond(0, t0) + "' AND time < '" + Instant.ofEpochSecond(0, t0 + 6 * TEN_MINUTES)
                + "' GROUP BY time(10m) fill(none)");
    }

    @Test
    void tagValuesThatLookLikeInjectionSelectExactlyThemselves() throws Exception {
        server.createDatabase("inject");
        List<String> values = List.of("x' OR 1=1 --", "it's", "a\"b", "back\\slash", "with space", "com,ma", "eq=ual",
                "P+R Noord", "x", "-- \\' \"");
        StringBuilder lp = new StringBuilder();
        for (int v = 0; v < values.size(); v++) {
            for (int i = 0; i <= v; i++) { // value number v has v+1 points, all of value v
                lp.append("inj,name=").append(LineProtocol.key(values.get(v))).append(" value=").append(v).append(' ')
                        .append(1_700_000_000L * NANOS + i * NANOS).append('\n');
            }
        }
        server.write("inject", lp.toString());
        for (int v = 0; v < values.size(); v++) {
            Map<String, Object> o = options("inject");
            o.put("measurement", "inj");
            o.put("where", List.of("name=" + values.get(v)));
            o.put("output", "inj-" + v + ".csv");
            ExtractResult r = extract(o);
            assertThat(r.points()).as("points for %s", values.get(v)).isEqualTo(v + 1);
            final int expected = v;
            assertThat(CsvRows.read(work.resolve("inj-" + v + ".csv"))).allSatisfy(row ->
                    assertThat(row.number()).isEqualTo(expected));
        }
        // a newline cannot be stored in a 1.x tag value: it selects nothing, and breaks nothing
        Map<String, Object> o = options("inject");
        o.put("measurement", "inj");
        o.put("where", List.of("name=x\nOR 1=1"));
        assertThatThrownBy(() -> extract(o)).isInstanceOf(InfluxException.class).hasMessageContaining("no series");
        // a tag key with quotes is quoted as an identifier
        Map<String, Object> k = options("inject");
        k.put("measurement", "inj");
        k.put("where", List.of("na\"me=x"));
        assertThatThrownBy(() -> extract(k)).isInstanceOf(InfluxException.class).hasMessageContaining("no series");
    }

    @Test
    void longQueryGoesByPost() throws Exception {
        server.createDatabase("long");
        server.write("long", "m,k=wanted value=1 1000000000\nm,k=other value=2 2000000000\n");
        List<String> where = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            where.add("k=decoy-value-number-" + i);
        }
        where.add("k=wanted");
        Map<String, Object> o = options("long");
        o.put("measurement", "m");
        o.put("where", where);
        ExtractResult r = extract(o);
        assertThat(r.query().length()).isGreaterThan(InfluxQlSource.MAX_GET_QUERY_LENGTH);
        assertThat(r.points()).isEqualTo(1);
        assertThat(CsvRows.read(work.resolve("influx.csv")).get(0).number()).isEqualTo(1.0);
    }

    @Test
    void badQueriesAndMissingDatabaseAreErrorsNotEmptySeries() throws Exception {
        server.createDatabase("errs");
        server.write("errs", "m value=1 1000000000\n");
        Map<String, Object> parse = options("errs");
        parse.put("query", "SELECT value FROM m WHERE");
        assertThatThrownBy(() -> extract(parse)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("answered 400").hasMessageContaining("error parsing query");
        assertThat(Files.readString(work.resolve("extract-summary.json"))).contains("\"status\": \"failed\"");

        Map<String, Object> noAggregate = options("errs");
        noAggregate.put("query", "SELECT value FROM m GROUP BY time(1h)");
        assertThatThrownBy(() -> extract(noAggregate)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("GROUP BY requires at least one aggregate function");

        Map<String, Object> missing = options("no_such_db");
        missing.put("query", "SELECT value FROM m");
        assertThatThrownBy(() -> extract(missing)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("database not found: no_such_db");

        Map<String, Object> rp = options("errs");
        rp.put("retentionPolicy", "nope");
        rp.put("query", "SELECT value FROM m");
        assertThatThrownBy(() -> extract(rp)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("retention policy not found: nope");

        Map<String, Object> absent = options("errs");
        absent.put("query", "SELECT value FROM not_there");
        assertThatThrownBy(() -> extract(absent)).isInstanceOf(InfluxException.class).hasMessageContaining("no series");

        Map<String, Object> write = options("errs");
        write.put("query", "DROP DATABASE errs");
        assertThatThrownBy(() -> extract(write)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a SELECT");
        assertThat(server.count("errs", "m", "value")).isEqualTo(1);
        assertThat(Files.exists(work.resolve("influx.csv"))).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // three attempts with 100 ms waits: a hang would take minutes
    void serverDownFailsFastWithAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, Object> o = options("x");
        o.put("url", "http://127.0.0.1:" + port);
        o.put("query", "SELECT value FROM m");
        o.put("retries", "2");
        o.put("retryBackoff", "100ms");
        assertThatThrownBy(() -> extract(o)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("cannot connect to InfluxDB at http://127.0.0.1:" + port)
                .hasMessageContaining("connection refused").hasMessageContaining("after 3 attempts");
        assertThat(log).anyMatch(l -> l.contains("retrying in"));

        Path file = work.resolve("f.lp");
        Files.writeString(file, "m value=1 1\n");
        Map<String, Object> l = options("x");
        l.put("url", "http://127.0.0.1:" + port);
        l.put("input", "f.lp");
        l.put("retries", "0");
        assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), logger))
                .isInstanceOf(LoadFailedException.class).hasMessageContaining("connection refused")
                .hasMessageContaining("0 of 1 points were written");
    }

    @Test
    void loadingTheSameFileTwiceLeavesOneCopyOfEachPoint() throws Exception {
        server.createDatabase("twice");
        StringBuilder lp = new StringBuilder("# forecast\n");
        for (int i = 0; i < 1234; i++) {
            lp.append("pred,model=snaive value=").append(i * 0.25).append(' ').append(1_700_000_000L * NANOS + i * NANOS)
                    .append('\n');
        }
        Files.writeString(work.resolve("forecast.lp"), lp);
        Map<String, Object> l = options("twice");
        l.put("batchSize", "500");
        for (int run = 0; run < 2; run++) {
            LoadResult r = LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), logger);
            assertThat(r.pointsWritten()).isEqualTo(1234);
            assertThat(r.batches()).isEqualTo(3);
        }
        assertThat(server.count("twice", "pred", "value")).isEqualTo(1234);
    }

    @Test
    void invalidFileWritesNothingAndDryRunWritesNothing() throws Exception {
        server.createDatabase("valid");
        Files.writeString(work.resolve("bad.lp"), "ok value=1 1000\nok value=2i 2000\nok value=NaN 3000\nok value=4 4000\n");
        Map<String, Object> l = options("valid");
        l.put("input", "bad.lp");
        assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), logger))
                .hasMessageContaining("2 invalid line(s), nothing was written").hasMessageContaining("line 2:")
                .hasMessageContaining("line 3:");
        assertThat(server.count("valid", "ok", "value")).isZero();
        assertThat(Files.readString(work.resolve("load-summary.json"))).contains("\"status\": \"failed\"");

        Files.writeString(work.resolve("good.lp"), "ok value=1 1000\nok value=2 2000\n");
        Map<String, Object> d = options("valid");
        d.put("input", "good.lp");
        d.put("dryRun", "true");
        LoadResult r = LoadRunner.run(LoadRequest.fromOptions(d, Map.of(), work), logger);
        assertThat(r.status()).isEqualTo("dry-run");
        assertThat(r.points()).isEqualTo(2);
        assertThat(r.pointsWritten()).isZero();
        assertThat(server.count("valid", "ok", "value")).isZero();
    }

    @Test
    void serverRejectionIsNotRetriedAndCarriesTheServersMessage() throws Exception {
        server.createDatabase("conflict");
        server.write("conflict", "pred value=1i 1000\n"); // stored as integer
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lp.append("pred value=").append(i + 0.5).append(' ').append(2000 + i).append('\n');
        }
        Files.writeString(work.resolve("forecast.lp"), lp);
        Map<String, Object> l = options("conflict");
        l.put("batchSize", "10");
        l.put("retries", "3");
        LoadFailedException e = org.junit.jupiter.api.Assertions.assertThrows(LoadFailedException.class,
                () -> LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), logger));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.failedBatch()).isEqualTo(1);
        assertThat(e.dropped()).isEqualTo(10);
        assertThat(e.pointsWritten()).isZero();
        assertThat(e.getMessage()).contains("batch 1 of 3").contains("field type conflict").contains("dropped 10 of its 10");
        assertThat(log).noneMatch(x -> x.contains("retrying"));

        // the same failure, marked unstable instead
        l.put("unstableOnFailure", "true");
        LoadResult r = LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), logger);
        assertThat(r.unstable()).isTrue();
        assertThat(r.failedBatch()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("load-summary.json"))).contains("\"status\": \"unstable\"")
                .contains("field type conflict");

        // a missing database is a 404: not retried either
        Map<String, Object> m = options("not_a_db");
        LoadFailedException e2 = org.junit.jupiter.api.Assertions.assertThrows(LoadFailedException.class,
                () -> LoadRunner.run(LoadRequest.fromOptions(m, Map.of(), work), logger));
        assertThat(e2.status()).isEqualTo(404);
        assertThat(e2.getMessage()).contains("database not found");
    }
}
