package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.influx.FaultyInflux.Fault;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadResult;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault a server or the network can show, against extract and load, with a real InfluxDB
 * behind the fake (see {@link FaultyInflux}): after each, the test asserts what the run reported
 * and what the database holds. The guarantee (docs/reliability.md): a run either ends with the
 * complete data, or fails naming what happened, never reporting as written what InfluxDB did not
 * confirm; a re-run of a failed load completes the data without duplicates.
 */
class FaultInjectionIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    static final long NANOS = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * NANOS;
    static final int POINTS = 25;
    static String expectedCsv;

    @TempDir
    Path work;

    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void data() throws Exception {
        server.createDatabase("src");
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            for (String host : List.of("a", "b")) {
                lp.append("cpu,host=").append(host).append(" value=").append(i * 1.5 + (host.equals("b") ? 100 : 0)).append(' ')
                        .append(T0 + i * 60 * NANOS).append('\n');
            }
        }
        server.write("src", lp.toString());
    }

    Map<String, Object> options(String url, String database) {
        Map<String, Object> o = new HashMap<>();
        o.put("url", url);
        o.put("database", database);
        o.put("proxy", "none");
        o.put("retries", "3");
        o.put("retryBackoff", "50ms");
        o.put("connectTimeout", "1s");
        o.put("timeout", "3s");
        return o;
    }

    /** The CSV of a fault-free extract straight from the real server. */
    String expected() throws Exception {
        if (expectedCsv == null) {
            Path dir = Files.createTempDirectory(work, "direct");
            Map<String, Object> o = options(server.url(), "src");
            o.put("query", "SELECT value FROM cpu GROUP BY host");
            o.put("chunkSize", "7");
            o.put("output", "direct.csv");
            ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), dir), log::add);
            expectedCsv = Files.readString(dir.resolve("direct.csv"));
        }
        return expectedCsv;
    }

    /** What extract must do under a fault: recover (retry) to the complete answer, or fail with this text. */
    static Stream<Arguments> extractFaults() {
        return Stream.of(
                Arguments.of(Fault.STATUS_500, null),
                Arguments.of(Fault.STATUS_503_RETRY_AFTER, null),
                Arguments.of(Fault.STATUS_429_RETRY_AFTER, null),
                Arguments.of(Fault.TRUNCATED_CHUNKED, null),
                Arguments.of(Fault.TRUNCATED_AT_DOCUMENT, null),
                Arguments.of(Fault.TRUNCATED_AT_MSGPACK_DOCUMENT, null),
                Arguments.of(Fault.CLOSE_AFTER_BYTES, null),
                Arguments.of(Fault.LOST_ACK_500, null),
                Arguments.of(Fault.LOST_ACK_CLOSE, null),
                Arguments.of(Fault.LIE_200_EMPTY, "answered 200 (no content type) to the query, not 200 with JSON"),
                Arguments.of(Fault.LIE_200_HTML, "answered 200 (text/html; charset=utf-8) to the query, not 200 with JSON"),
                Arguments.of(Fault.LIE_200_JSON_ERROR, "rejected the query: timeout (injected)"),
                Arguments.of(Fault.REDIRECT, "answered 307 (text/plain) to the query"),
                Arguments.of(Fault.HANG_BEFORE, "did not answer the query within"),
                Arguments.of(Fault.HANG_DURING_BODY, "no data for"),
                Arguments.of(Fault.ECHO_HEADERS, "answered 401"));
    }

    @ParameterizedTest(name = "extract under {0}")
    @MethodSource("extractFaults")
    @Timeout(60)
    void extractEndsWithTheCompleteAnswerOrFailsWithoutAnOutput(Fault fault, String failure) throws Exception {
        String expected = expected();
        String before = server.query("src", "SELECT count(value) FROM cpu");
        try (FaultyInflux fake = new FaultyInflux(server.url()).script(fault)) {
            Map<String, Object> o = options(fake.url(), "src");
            o.put("query", "SELECT value FROM cpu GROUP BY host");
            o.put("chunkSize", "7");
            o.put("output", "influx.csv");
            if (failure == null) {
                ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add);
                assertThat(Files.readString(work.resolve("influx.csv"))).isEqualTo(expected);
                assertThat(fake.played).startsWith(fault, Fault.NONE);
                if (fault != Fault.LOST_ACK_CLOSE) { // a GET whose connection closes unanswered the JDK itself sends again
                    assertThat(log).anyMatch(l -> l.contains("retrying in"));
                }
            } else {
                assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add))
                        .isInstanceOf(InfluxException.class).hasMessageContaining(failure);
                assertThat(work.resolve("influx.csv")).doesNotExist();
                assertThat(Files.readString(work.resolve("extract-summary.json"))).contains("\"status\": \"failed\"");
            }
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp") || n.contains("spill"));
            }
        }
        assertThat(server.query("src", "SELECT count(value) FROM cpu")).isEqualTo(before);
    }

    /** How a load ends under a fault on its first batch: status, points confirmed, points of unknown fate, points stored. */
    record LoadOutcome(String status, long written, long unknown, long stored, String message) {
    }

    static Stream<Arguments> loadFaults() {
        return Stream.of(
                Arguments.of(Fault.STATUS_500, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.STATUS_503_RETRY_AFTER, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.STATUS_429_RETRY_AFTER, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.TRUNCATED_CHUNKED, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.CLOSE_AFTER_BYTES, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.HANG_DURING_BODY, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.LOST_ACK_500, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.LOST_ACK_CLOSE, new LoadOutcome("ok", POINTS, 0, POINTS, null)),
                Arguments.of(Fault.LIE_200_HTML, new LoadOutcome("failed", 0, 0, 0,
                        "answered 200 (text/html; charset=utf-8) to the write, not 204")),
                Arguments.of(Fault.LIE_200_JSON_ERROR, new LoadOutcome("failed", 0, 0, 0,
                        "answered 200 (application/json) to the write, not 204: timeout (injected)")),
                Arguments.of(Fault.LIE_200_EMPTY, new LoadOutcome("failed", 0, 0, 0,
                        "answered 200 (no content type) to the write, not 204")),
                Arguments.of(Fault.REDIRECT, new LoadOutcome("failed", 0, 0, 0, "answered 307 (text/plain) to the write")),
                Arguments.of(Fault.ECHO_HEADERS, new LoadOutcome("failed", 0, 0, 0, "answered 401")),
                Arguments.of(Fault.HANG_BEFORE, new LoadOutcome("failed", 0, 10, 0, "did not answer the write within")),
                Arguments.of(Fault.PARTIAL_WRITE, new LoadOutcome("failed", 9, 0, 9, "InfluxDB dropped 1 of its 10 points")),
                Arguments.of(Fault.PARTIAL_WRITE_UNPARSED, new LoadOutcome("failed", 9, 0, 9,
                        "InfluxDB dropped 1 of its 10 points (line 10)")),
                Arguments.of(Fault.PARTIAL_WRITE_UNCOUNTED, new LoadOutcome("failed", 0, 10, 9, "did not say how many: unknown")));
    }

    @ParameterizedTest(name = "load under {0}")
    @MethodSource("loadFaults")
    @Timeout(60)
    void loadReportsOnlyWhatInfluxDbConfirmedAndARerunCompletesTheData(Fault fault, LoadOutcome outcome) throws Exception {
        String db = "load_" + fault.name().toLowerCase(java.util.Locale.ROOT);
        server.createDatabase(db);
        StringBuilder lp = new StringBuilder();
        Map<Long, Double> points = new TreeMap<>();
        for (int i = 0; i < POINTS; i++) {
            long t = T0 + i * 3600 * NANOS;
            double v = i * 0.25 - 3;
            points.put(t, v);
            lp.append("pred,model=ets value=").append(v).append(' ').append(t).append('\n');
        }
        Files.writeString(work.resolve("forecast.lp"), lp);
        try (FaultyInflux fake = new FaultyInflux(server.url()).script(fault)) {
            Map<String, Object> o = options(fake.url(), db);
            o.put("batchSize", "10");
            o.put("concurrency", "1");
            if (outcome.status().equals("ok")) {
                LoadResult r = LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), log::add);
                assertThat(r.status()).isEqualTo("ok");
                assertThat(r.pointsWritten()).isEqualTo(outcome.written());
            } else {
                assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), log::add))
                        .isInstanceOf(LoadFailedException.class).hasMessageContaining(outcome.message())
                        .satisfies(e -> {
                            LoadFailedException l = (LoadFailedException) e;
                            assertThat(l.pointsWritten()).isEqualTo(outcome.written());
                            assertThat(l.pointsUnknown()).isEqualTo(outcome.unknown());
                            assertThat(l.getMessage()).doesNotContain(POINTS + " of " + POINTS + " points were written");
                        });
                String summary = Files.readString(work.resolve("load-summary.json"));
                assertThat(summary).contains("\"status\": \"failed\"").contains("\"pointsWritten\": " + outcome.written());
                if (outcome.unknown() > 0) {
                    assertThat(summary).contains("\"pointsUnknown\": " + outcome.unknown());
                }
            }
        }
        assertThat(stored(db)).hasSize((int) outcome.stored());
        assertThat(points).containsAllEntriesOf(stored(db)); // what is stored is what the file says, nothing else

        // data lost: none. A re-run completes what a failed load left, without duplicates
        LoadRunner.run(LoadRequest.fromOptions(options(server.url(), db), Map.of(), work), log::add);
        assertThat(stored(db)).isEqualTo(points);
    }

    /** The points of measurement pred in the real server: time to value. */
    static Map<Long, Double> stored(String db) throws Exception {
        String json = server.query(db, "SELECT value FROM pred");
        Map<Long, Double> out = new TreeMap<>();
        Matcher m = Pattern.compile("\\[(\\d+),([-0-9.eE+]+)\\]").matcher(json);
        while (m.find()) {
            out.put(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
