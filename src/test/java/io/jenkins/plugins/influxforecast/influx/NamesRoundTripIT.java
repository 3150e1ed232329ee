package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractResult;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRequest;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadResult;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Awkward tag values, written with curl as a user's collector would, survive extract, forecast and
 * load byte for byte: SHOW TAG VALUES of the predictions equals SHOW TAG VALUES of the input. And a
 * GROUP BY tag that some points lack gives a series without that tag, next to the others.
 */
class NamesRoundTripIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    @TempDir
    Path work;

    static final long HOUR = 3_600_000_000_000L;
    static final long T0 = 1_700_000_000_000_000_000L;

    /** Tag values as line protocol writes them (escaped), one per series. */
    static final List<String> RAW_TAG_VALUES = List.of(
            "c:\\\\dir", "c:\\dir", "back\\slash", "a\\ b", "a\\,b\\=c", "a\\\\\\ b", "sp\\ \\ ace", "#hash", "x\"y'z",
            "%41\\=", "semi;colon", "slash/", "ünïcødé✓", "emoji😀", "tab\tin", "dots..", "-dash", "(paren)", "{brace}");

    Map<String, Object> options() {
        Map<String, Object> o = new HashMap<>();
        o.put("url", server.url());
        o.put("database", "names");
        o.put("proxy", "none");
        o.put("retries", "0");
        o.put("timeout", "30s");
        return o;
    }

    static void curl(String database, Path file) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-XPOST",
                server.url() + "/write?db=" + database + "&precision=ns", "--data-binary", "@" + file).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("curl's write").isEqualTo("204");
    }

    /** The (key, value) pairs of SHOW TAG VALUES, as InfluxDB's JSON spells them. */
    static TreeSet<String> tagValues(String measurement, String key) throws Exception {
        String json = server.query("names", "SHOW TAG VALUES FROM " + InfluxQl.identifier(measurement) + " WITH KEY = "
                + InfluxQl.identifier(key));
        TreeSet<String> out = new TreeSet<>();
        com.google.gson.JsonObject r = com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("results")
                .get(0).getAsJsonObject();
        if (r.has("series")) {
            for (com.google.gson.JsonElement v : r.getAsJsonArray("series").get(0).getAsJsonObject().getAsJsonArray("values")) {
                out.add(v.getAsJsonArray().get(1).getAsString());
            }
        }
        return out;
    }

    void extractForecastLoad(String query, String name) throws Exception {
        Map<String, Object> e = options();
        e.put("query", query);
        e.put("output", name + ".csv");
        ExtractResult extracted = ExtractRunner.run(ExtractRequest.fromOptions(e, Map.of(), work), l -> { });
        assertThat(extracted.points()).isPositive();
        Map<String, Object> f = new HashMap<>();
        f.put("input", work.resolve(name + ".csv").toString());
        f.put("outputDir", work.resolve(name).toString());
        f.put("model", "naive");
        f.put("horizon", "3");
        f.put("validation", "0");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit = new ForecastRunner(new PrintStream(log, true, StandardCharsets.UTF_8)).run(ForecastRequest.fromOptions(f))
                .exitCode();
        assertThat(exit).as(log.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Object> l = options();
        l.put("input", name + "/forecast.lp");
        LoadResult loaded = LoadRunner.run(LoadRequest.fromOptions(l, Map.of(), work), x -> { });
        assertThat(loaded.status()).isEqualTo("ok");
    }

    @Test
    void everyTagValueComesBackByteForByte() throws Exception {
        server.createDatabase("names");
        StringBuilder lp = new StringBuilder();
        for (String raw : RAW_TAG_VALUES) {
            for (int i = 0; i < 24; i++) {
                lp.append("rt,k=").append(raw).append(" value=").append(i % 7).append(' ').append(T0 + i * HOUR).append('\n');
            }
        }
        Path file = work.resolve("awkward.lp");
        Files.writeString(file, lp);
        curl("names", file);
        TreeSet<String> before = tagValues("rt", "k");
        assertThat(before).hasSize(RAW_TAG_VALUES.size()).contains("c:\\\\dir", "c:\\dir", "a\\\\ b", "a,b=c", "#hash");

        extractForecastLoad("SELECT value FROM rt GROUP BY k", "rt");

        assertThat(tagValues("rt-prediction", "k")).isEqualTo(before);
    }

    @Test
    void aGroupByTagThatSomePointsLackGivesASeriesWithoutIt() throws Exception {
        server.createDatabase("names");
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            long t = T0 + i * HOUR;
            lp.append("gb,host=a value=").append(i).append(' ').append(t).append('\n');
            lp.append("gb,host=b value=").append(i * 2).append(' ').append(t).append('\n');
            lp.append("gb,region=eu value=").append(i * 3).append(' ').append(t).append('\n'); // no host
        }
        Path file = work.resolve("gb.lp");
        Files.writeString(file, lp);
        curl("names", file);

        extractForecastLoad("SELECT value FROM gb GROUP BY host", "gb");

        String series = server.query("names", "SHOW SERIES FROM \"gb-prediction\"");
        List<String> keys = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\"([^\"]*)\"\\]").matcher(series);
        while (m.find()) {
            if (!m.group(1).equals("key")) {
                keys.add(m.group(1));
            }
        }
        assertThat(keys).containsExactlyInAnyOrder("gb-prediction", "gb-prediction,host=a", "gb-prediction,host=b");
    }
}
