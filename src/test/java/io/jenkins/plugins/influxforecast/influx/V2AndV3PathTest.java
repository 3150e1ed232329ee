package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the InfluxDB 2.x path (influxdb-client-java) and the 3.x path send and how they read the
 * answers, against a local HTTP fixture: there is no 2.x or 3.x server here, so these paths are
 * not tested against a real server (README says so).
 */
class V2AndV3PathTest {

    @TempDir
    Path dir;

    /** Records what a sink receives. */
    static final class Collect implements PointSink {
        final List<String> events = new ArrayList<>();

        public void beginSeries(String name, Map<String, String> tags) {
            events.add("begin " + name + " " + tags);
        }

        public void point(long t, double v) {
            events.add(t + "=" + v);
        }

        public void endSeries() {
            events.add("end");
        }

        public void discardAll() {
            events.clear();
        }
    }

    InfluxConnection v2(HttpFixture f) {
        return InfluxConnection.builder().url(f.url()).version("2").org("my org").bucket("b&1").database("db")
                .environment(Map.of("INFLUX_TOKEN", "tok-123")).proxy("none").timeout("5s").build();
    }

    @Test
    void fluxQueryGoesThroughTheClientLibraryAndTablesBecomeSeries() throws Exception {
        String csv = String.join("\r\n",
                "#datatype,string,long,dateTime:RFC3339,double,string,string,string",
                "#group,false,false,false,false,true,true,true",
                "#default,_result,,,,,,",
                ",result,table,_time,_value,_field,_measurement,site",
                ",,0,2024-01-01T00:00:00Z,1.5,value,cpu,a b",
                ",,0,2024-01-01T00:10:00Z,,value,cpu,a b",
                ",,1,2024-01-01T00:00:00Z,7,value,cpu,c",
                "", "");
        try (HttpFixture f = new HttpFixture().answer(new HttpFixture.Answer(200, Map.of("Content-Type", "text/csv"), csv, 0));
             FluxSource source = new FluxSource(v2(f))) {
            Collect sink = new Collect();
            String flux = new SeriesQuery("cpu", "value", List.of(), null, null, "1d", null, null, List.of("site"))
                    .toFlux("b&1");
            QueryAnswer a = source.query(flux, sink);
            assertThat(a.series()).isEqualTo(2);
            assertThat(sink.events).containsExactly("begin cpu {site=a b}", "1704067200000000000=1.5",
                    "1704067800000000000=NaN", "end", "begin cpu {site=c}", "1704067200000000000=7.0", "end");
            HttpFixture.Request r = f.requests.get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v2/query");
            assertThat(r.query()).isEqualTo("org=my%20org");
            assertThat(r.header("Authorization")).isEqualTo("Token tok-123");
            assertThat(com.google.gson.JsonParser.parseString(r.body()).getAsJsonObject().get("query").getAsString())
                    .isEqualTo(flux);
        }
    }

    @Test
    void aFluxQueryIsRetriedFromTheStartAfterA503AndNeverAfterA4xx() throws Exception {
        String csv = String.join("\r\n",
                "#datatype,string,long,dateTime:RFC3339,double,string,string",
                "#group,false,false,false,false,true,true",
                "#default,_result,,,,,",
                ",result,table,_time,_value,_field,_measurement",
                ",,0,2024-01-01T00:00:00Z,1.5,value,cpu",
                "", "");
        try (HttpFixture f = new HttpFixture().answer(new HttpFixture.Answer(503, Map.of("Content-Type", "application/json"),
                "{\"code\":\"unavailable\",\"message\":\"busy\"}", 0))
                .answer(new HttpFixture.Answer(200, Map.of("Content-Type", "text/csv"), csv, 0))
                .answer(new HttpFixture.Answer(401, Map.of("Content-Type", "application/json"),
                        "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}", 0));
             FluxSource source = new FluxSource(v2(f), RetryPolicy.ofRetries(3, Duration.ofMillis(10)), l -> { })) {
            Collect sink = new Collect();
            source.query("from(bucket: \"b\") |> range(start: -1d)", sink);
            assertThat(sink.events).containsExactly("begin cpu {}", "1704067200000000000=1.5", "end");
            assertThat(f.requests).hasSize(2);
            assertThatThrownBy(() -> source.query("from(bucket: \"b\") |> range(start: -1d)", new Collect()))
                    .isInstanceOf(InfluxException.class).hasMessageContaining("answered 401");
            assertThat(f.requests).hasSize(3);
        }
    }

    @Test
    void fluxErrorsCarryTheServersMessage() throws Exception {
        try (HttpFixture f = new HttpFixture().answer(new HttpFixture.Answer(400, Map.of("Content-Type", "application/json"),
                "{\"code\":\"invalid\",\"message\":\"compilation failed: error at @1:1-1:4: undefined identifier frm\"}", 0));
             FluxSource source = new FluxSource(v2(f))) {
            assertThatThrownBy(() -> source.query("frm(bucket: \"b\")", new Collect()))
                    .isInstanceOf(InfluxException.class).hasMessageContaining("answered 400 to the Flux query")
                    .hasMessageContaining("undefined identifier frm")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-123"));
        }
    }

    @Test
    void v2WritesGoToApiV2WriteGzippedWithPrecisionAndTheToken() throws Exception {
        try (HttpFixture f = new HttpFixture().answer(204, "").answer(new HttpFixture.Answer(422, Map.of("Content-Type",
                "application/json"), "{\"code\":\"unprocessable entity\",\"message\":\"failure writing points: field type"
                + " conflict\"}", 0))) {
            HttpWriteTarget target = HttpWriteTarget.of(v2(f), true);
            byte[] lines = "m value=1.5 1000\nm value=2 2000\n".getBytes(StandardCharsets.UTF_8);
            target.write(lines, lines.length, 2, Precision.MS);
            HttpFixture.Request r = f.requests.get(0);
            assertThat(r.path()).isEqualTo("/api/v2/write");
            assertThat(r.query()).contains("org=my+org").contains("bucket=b%261").contains("precision=ms");
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.header("Authorization")).isEqualTo("Token tok-123");
            assertThat(r.body()).isEqualTo("m value=1.5 1000\nm value=2 2000\n");
            assertThatThrownBy(() -> target.write(lines, lines.length, 2, Precision.NS))
                    .isInstanceOf(InfluxException.class).hasMessageContaining("answered 422")
                    .hasMessageContaining("field type conflict");
        }
    }

    @Test
    void influxQlOnV2GoesThroughTheV1ApiWithTheToken() throws Exception {
        String json = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"value\"],"
                + "\"values\":[[1000,1],[2000,2.5]],\"partial\":true}],\"partial\":true}]}\n"
                + "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"value\"],"
                + "\"values\":[[3000,null],[4000,4]]}],\"messages\":[{\"level\":\"warning\",\"text\":\"deprecated\"}]}]}\n";
        try (HttpFixture f = new HttpFixture().answer(200, json)) {
            Collect sink = new Collect();
            QueryAnswer a = new InfluxQlSource(v2(f), RetryPolicy.ofRetries(0, Duration.ZERO), l -> { })
                    .query("SELECT value FROM m", null, 2, sink);
            assertThat(sink.events).containsExactly("begin m {}", "1000=1.0", "2000=2.5", "3000=NaN", "4000=4.0", "end");
            assertThat(a.messages()).containsExactly("warning: deprecated");
            assertThat(a.rows()).isEqualTo(4);
            HttpFixture.Request r = f.requests.get(0);
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/query");
            assertThat(r.query()).isEqualTo("db=db&epoch=ns&chunked=true&chunk_size=2&q=SELECT+value+FROM+m");
            assertThat(r.header("Authorization")).isEqualTo("Token tok-123");
            assertThat(r.header("Accept")).isEqualTo("application/json");
        }
    }

    @Test
    void v3WritesGoToTheV2CompatibleEndpointWithTheToken() throws Exception {
        try (HttpFixture f = new HttpFixture().answer(204, "")) {
            InfluxConnection c = InfluxConnection.builder().url(f.url() + "/prefix/").version("3").database("sensors")
                    .environment(Map.of("INFLUX_TOKEN", "apiv3_x")).proxy("none").build();
            byte[] lines = "m value=1 1\n".getBytes(StandardCharsets.UTF_8);
            HttpWriteTarget.of(c, true).write(lines, lines.length, 1, Precision.US);
            HttpFixture.Request r = f.requests.get(0);
            assertThat(r.path()).isEqualTo("/prefix/api/v2/write");
            assertThat(r.query()).isEqualTo("bucket=sensors&precision=us");
            assertThat(r.header("Authorization")).isEqualTo("Token apiv3_x");
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.body()).isEqualTo("m value=1 1\n");
        }
    }

    @Test
    void loaderRetries503And429HonouringRetryAfterButNever400() throws Exception {
        Path lp = dir.resolve("f.lp");
        Files.writeString(lp, "m value=1 1\nm value=2 2\nm value=3 3\n");
        InfluxConnection c = InfluxConnection.builder().url("http://127.0.0.1:1").database("d").proxy("none").build();
        try (HttpFixture f = new HttpFixture()
                .answer(new HttpFixture.Answer(503, Map.of("Retry-After", "0"), "{\"error\":\"busy\"}", 0))
                .answer(new HttpFixture.Answer(429, Map.of(), "{\"error\":\"slow down\"}", 0))
                .answer(204, "")
                .answer(204, "")
                .answer(400, "{\"error\":\"unable to parse 'x': bad\"}")) {
            InfluxConnection fc = InfluxConnection.builder().url(f.url()).database("d").proxy("none").build();
            List<String> log = new ArrayList<>();
            LineProtocolLoader.Report r = LineProtocolLoader.load(lp, HttpWriteTarget.of(fc, true),
                    new LineProtocolLoader.Options(2, Precision.S, new RetryPolicy(3, Duration.ofMillis(10),
                            Duration.ofMillis(50)), false), log::add, (b, n, w) -> { });
            assertThat(r.pointsWritten()).isEqualTo(3);
            assertThat(r.batches()).isEqualTo(2);
            assertThat(log).hasSize(2);
            assertThat(log.get(0)).contains("batch 1 of 2 (lines 1-2, 2 points)").contains("answered 503").contains("busy")
                    .contains("retrying in 0s (attempt 2 of 3)");
            assertThat(log.get(1)).contains("answered 429").contains("slow down");
            assertThat(f.requests.get(0).query()).isEqualTo("db=d&precision=s");
            assertThat(f.requests.get(2).body()).isEqualTo("m value=1 1\nm value=2 2\n");
            assertThat(f.requests.get(3).body()).isEqualTo("m value=3 3\n");

            log.clear();
            LoadFailedException e = org.junit.jupiter.api.Assertions.assertThrows(LoadFailedException.class,
                    () -> LineProtocolLoader.load(lp, HttpWriteTarget.of(fc, false), new LineProtocolLoader.Options(5,
                            Precision.NS, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), false), log::add,
                            (b, n, w) -> { }));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("unable to parse 'x': bad").contains("batch 1 of 1");
            assertThat(log).isEmpty();
            assertThat(f.requests).hasSize(5);
            assertThat(f.requests.get(4).header("Content-Encoding")).isNull();
        }
        assertThat(c.url().getPort()).isEqualTo(1);
    }

    @Test
    void batchesAreTheValidatedBytesWithCrlfRemovedAndCommentsSkippedLikeInfluxDbDoes() throws Exception {
        Path lp = dir.resolve("crlf.lp");
        // CRLF breaks, a comment and a blank line inside the second batch, no break after the last line
        Files.writeString(lp, "# header\r\nm value=1 1\r\nm value=2 2\r\n\r\n# between\r\nm value=3 3\r\nm value=4 4\r\n"
                + "m value=5 5");
        try (HttpFixture f = new HttpFixture().answer(204, "").answer(204, "").answer(204, "")) {
            InfluxConnection c = InfluxConnection.builder().url(f.url()).database("d").proxy("none").build();
            List<String> batches = new ArrayList<>();
            LineProtocolLoader.Report r = LineProtocolLoader.load(lp, HttpWriteTarget.of(c, true), new LineProtocolLoader.Options(2,
                    Precision.NS, RetryPolicy.ofRetries(0, Duration.ZERO), false), l -> { }, (b, n, w) -> batches.add(b + "/" + n
                    + "=" + w));
            assertThat(r.pointsWritten()).isEqualTo(5);
            assertThat(batches).containsExactly("1/3=2", "2/3=4", "3/3=5");
            assertThat(f.requests).extracting(HttpFixture.Request::body).containsExactly(
                    "m value=1 1\nm value=2 2\n\n# between\n", "m value=3 3\nm value=4 4\n", "m value=5 5\n");
            assertThat(f.requests).allSatisfy(q -> assertThat(q.header("Content-Encoding")).isEqualTo("gzip"));
        }
        // the batch named in an error gives the lines of its first and last point
        try (HttpFixture f = new HttpFixture().answer(204, "").answer(400, "{\"error\":\"no\"}")) {
            InfluxConnection c = InfluxConnection.builder().url(f.url()).database("d").proxy("none").build();
            LoadFailedException e = org.junit.jupiter.api.Assertions.assertThrows(LoadFailedException.class,
                    () -> LineProtocolLoader.load(lp, HttpWriteTarget.of(c, false), new LineProtocolLoader.Options(2,
                            Precision.NS, RetryPolicy.ofRetries(0, Duration.ZERO), false), l -> { }, (b, n, w) -> { }));
            assertThat(e.getMessage()).contains("batch 2 of 3 (lines 6-7, 2 points)").contains("2 of 5 points were written");
        }
    }

    @Test
    void afterAFailedBatchTheBatchReadyInTheQueueIsNotSent() throws Exception {
        Path lp = dir.resolve("stop.lp");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("m value=").append(i).append(' ').append(i).append('\n');
        }
        Files.writeString(lp, sb);
        // the second batch is refused while the third is already read, compressed and queued
        try (HttpFixture f = new HttpFixture().answer(204, "").answer(new HttpFixture.Answer(400, Map.of(),
                "{\"error\":\"field type conflict\"}", 0)).answer(204, "").answer(204, "").answer(204, "")) {
            InfluxConnection c = InfluxConnection.builder().url(f.url()).database("d").proxy("none").build();
            LoadFailedException e = org.junit.jupiter.api.Assertions.assertThrows(LoadFailedException.class,
                    () -> LineProtocolLoader.load(lp, HttpWriteTarget.of(c, true), new LineProtocolLoader.Options(2, Precision.NS,
                            RetryPolicy.ofRetries(0, Duration.ZERO), false, 1), l -> { }, (b, n, w) -> { }));
            assertThat(e.getMessage()).contains("batch 2 of 5").contains("2 of 10 points were written")
                    .contains("field type conflict");
            assertThat(e.pointsWritten()).isEqualTo(2);
            Thread.sleep(200); // a batch sent late would show up here
            assertThat(f.requests).hasSize(2);
        }
    }

    @Test
    void gzipBodiesAreStandardGzipOfTheBatch() throws Exception {
        HttpWriteTarget.Gzipper g = new HttpWriteTarget.Gzipper();
        for (String text : List.of("", "m value=1 1\n", "m,site=a value=12.5 1600000000000000000\n".repeat(5000))) {
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            WriteTarget.Body b = g.compress(raw, raw.length);
            assertThat(b.gzip()).isTrue();
            byte[] back = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b.bytes(), 0, b.length()))
                    .readAllBytes();
            assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10) // the server stalls for 20 s: without the 1 s timeout this would take that long
    void aServerThatStopsSendingIsATimeoutNotAHang() throws Exception {
        String json = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"value\"],"
                + "\"values\":[[1000,1],[2000,2.5]]}]}]}\n";
        try (HttpFixture f = new HttpFixture().answer(new HttpFixture.Answer(200, Map.of("Content-Type", "application/json"), json,
                20_000))) {
            InfluxConnection c = InfluxConnection.builder().url(f.url()).database("d").proxy("none").timeout("1s").build();
            assertThatThrownBy(() -> new InfluxQlSource(c, RetryPolicy.ofRetries(0, Duration.ZERO), l -> { })
                    .query("SELECT value FROM m", null, 100, new Collect()))
                    .isInstanceOf(InfluxException.class).hasMessageContaining("did not answer the query within")
                    .hasMessageContaining("(timeout): no data for");
        }
    }

    @Test
    void withSeveralBatchesInFlightTheCountOfWrittenPointsStaysExact() throws Exception {
        Path lp = dir.resolve("c.lp");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("m value=").append(i).append(' ').append(i).append('\n');
        }
        Files.writeString(lp, sb);
        // batch answers arrive in any order; one 400 among them
        try (HttpFixture f = new HttpFixture().answer(204, "").answer(204, "").answer(204, "")
                .answer(400, "{\"error\":\"unable to parse: bad\"}").answer(204, "")) {
            InfluxConnection c = InfluxConnection.builder().url(f.url()).database("d").proxy("none").build();
            List<Integer> listened = new ArrayList<>();
            LoadFailedException e = org.junit.jupiter.api.Assertions.assertThrows(LoadFailedException.class,
                    () -> LineProtocolLoader.load(lp, HttpWriteTarget.of(c, true), new LineProtocolLoader.Options(2, Precision.NS,
                            RetryPolicy.ofRetries(0, Duration.ZERO), false, 3), l -> { },
                            (b, n, w) -> listened.add(b)));
            // every request but the refused one was accepted (2 points each), whichever batch that was
            long accepted = 2L * (f.requests.size() - 1);
            assertThat(f.requests.size()).isBetween(4, 5);
            assertThat(e.pointsWritten()).isEqualTo(accepted);
            assertThat(e.getMessage()).contains(accepted + " of 10 points were written").contains("unable to parse: bad");
            assertThat(listened).isSorted().hasSizeLessThan(5);
            assertThat(e.failedBatch()).isEqualTo(listened.size() + 1);
            java.util.Set<String> bodies = new java.util.HashSet<>();
            f.requests.forEach(r -> bodies.add(r.body()));
            assertThat(bodies).hasSize(f.requests.size()); // every batch sent once, none overwritten by a reused buffer
        }
    }

    @Test
    void gzipIsOnUnlessNoGzipIsGiven() throws Exception {
        Files.writeString(dir.resolve("forecast.lp"), "m value=1 1\n");
        for (String version : List.of("2", "3")) {
            try (HttpFixture f = new HttpFixture().answer(204, "").answer(204, "")) {
                Map<String, Object> o = new java.util.HashMap<>(Map.of("url", f.url(), "influxVersion", version, "database", "d",
                        "org", "o", "bucket", "b", "proxy", "none"));
                Map<String, String> env = Map.of("INFLUX_TOKEN", "t");
                io.jenkins.plugins.influxforecast.pipeline.LoadRunner.run(
                        io.jenkins.plugins.influxforecast.pipeline.LoadRequest.fromOptions(o, env, dir), l -> { });
                o.put("noGzip", "true");
                io.jenkins.plugins.influxforecast.pipeline.LoadRunner.run(
                        io.jenkins.plugins.influxforecast.pipeline.LoadRequest.fromOptions(o, env, dir), l -> { });
                assertThat(f.requests.get(0).header("Content-Encoding")).as(version).isEqualTo("gzip");
                assertThat(f.requests.get(1).header("Content-Encoding")).as(version).isNull();
                assertThat(f.requests.get(1).body()).as(version).isEqualTo("m value=1 1\n");
            }
        }
    }
}
