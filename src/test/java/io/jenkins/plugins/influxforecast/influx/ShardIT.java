package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.cli.Main;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractResult;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Shards against a real InfluxDB 1.x: 30 series in 3 shards, each series in exactly one of them. */
class ShardIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    static final long NANOS = 1_000_000_000L;
    static final int SERIES = 30;

    @TempDir
    Path work;

    @BeforeAll
    static void thirtySeries() throws Exception {
        server.createDatabase("shards");
        StringBuilder lp = new StringBuilder();
        for (int s = 0; s < SERIES; s++) {
            String host = String.format("h%02d", s);
            String region = s % 3 == 0 ? "eu" : s % 3 == 1 ? "us\\ east" : "ap";
            for (int t = 0; t < 24; t++) {
                lp.append("cpu,host=").append(host).append(",region=").append(region).append(" value=")
                        .append(s * 100 + t).append(' ').append(1_700_000_000L * NANOS + t * 3600 * NANOS).append('\n');
            }
        }
        server.write("shards", lp.toString());
    }

    Map<String, Object> options(String shard, String output) {
        Map<String, Object> o = new HashMap<>();
        o.put("url", server.url());
        o.put("database", "shards");
        o.put("proxy", "none");
        o.put("retries", "1");
        o.put("retryBackoff", "50ms");
        o.put("query", "SELECT mean(value) AS value FROM cpu WHERE time >= 1700000000s AND time < 1700086400s"
                + " GROUP BY time(1h), host, region");
        o.put("chunkSize", "7"); // series continue across chunks of the streamed answer
        o.put("output", output);
        if (shard != null) {
            o.put("shard", shard);
        }
        return o;
    }

    @Test
    void threeShardsHoldEverySeriesExactlyOnceWithAllItsPoints() throws Exception {
        List<String> log = new ArrayList<>();
        Map<String, Integer> owner = new LinkedHashMap<>();
        int points = 0;
        for (int i = 1; i <= 3; i++) {
            ExtractResult r = ExtractRunner.run(ExtractRequest.fromOptions(options(i + "/3", "shard-" + i + ".csv"),
                    Map.of(), work), log::add);
            List<CsvRows> rows = CsvRows.read(work.resolve("shard-" + i + ".csv"));
            Set<String> tagSets = new HashSet<>();
            for (CsvRows row : rows) {
                tagSets.add(row.tags());
            }
            assertThat(r.series()).isEqualTo(tagSets.size());
            for (String tags : tagSets) {
                Integer previous = owner.put(tags, i);
                assertThat(previous).as("series " + tags + " in two shards").isNull();
                // each shard holds exactly the series the documented hash assigns to it
                Map<String, String> tagMap = new HashMap<>();
                for (String kv : tags.replace("\\ ", " ").split(",")) {
                    tagMap.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                assertThat(Shard.of(tagMap, 3)).isEqualTo(i);
                assertThat(rows.stream().filter(x -> x.tags().equals(tags)).count()).isEqualTo(24);
            }
            points += rows.size();
            assertThat(Files.readString(work.resolve("extract-summary.json")))
                    .contains("\"shard\": \"" + i + "/3\"").contains("\"seriesInQuery\": " + SERIES);
        }
        assertThat(owner).hasSize(SERIES);
        assertThat(owner.values()).contains(1, 2, 3);
        assertThat(points).isEqualTo(SERIES * 24);

        // without a shard: the same 30 series
        ExtractResult all = ExtractRunner.run(ExtractRequest.fromOptions(options(null, "all.csv"), Map.of(), work), log::add);
        assertThat(all.series()).isEqualTo(SERIES);
        Set<String> allTags = new HashSet<>();
        CsvRows.read(work.resolve("all.csv")).forEach(r -> allTags.add(r.tags()));
        assertThat(allTags).isEqualTo(owner.keySet());
    }

    @Test
    void theCommandLineTakesShard() throws Exception {
        Path out = work.resolve("cli.csv");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        String query = (String) options(null, "x").get("query");
        int code = Main.run(new String[] {"extract", "--url", server.url(), "--database", "shards", "--proxy", "none",
                "--query", query, "--shard", "2/3", "--output", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        Set<String> tagSets = new HashSet<>();
        CsvRows.read(out).forEach(r -> tagSets.add(r.tags()));
        assertThat(tagSets).isNotEmpty().hasSizeLessThan(SERIES);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("shard 2/3: " + tagSets.size() + " of 30 series");

        int bad = Main.run(new String[] {"extract", "--url", server.url(), "--database", "shards", "--query", query,
                "--shard", "4/3", "--output", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(bad).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("shard must be i/N").contains("'4/3'");
    }

    @Test
    void aShardThatReceivesNoSeriesWritesAnEmptyFileAndAWarning() throws Exception {
        // one series only (no tags: it hashes the empty text, shard 3 of 3); shard 1/3 gets none of it
        Map<String, Object> o = options("1/3", "empty.csv");
        o.put("query", "SELECT mean(value) AS value FROM cpu WHERE time >= 1700000000s AND time < 1700086400s GROUP BY time(1h)");
        List<String> log = new ArrayList<>();
        ExtractResult r = ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add);
        assertThat(r.series()).isZero();
        assertThat(CsvRows.read(work.resolve("empty.csv"))).isEmpty();
        assertThat(r.warnings()).anyMatch(w -> w.contains("shard 1/3 holds none of the query's 1 series"));
        o.put("shard", "3/3");
        o.put("output", "full.csv");
        assertThat(ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add).series()).isEqualTo(1);
    }
}
