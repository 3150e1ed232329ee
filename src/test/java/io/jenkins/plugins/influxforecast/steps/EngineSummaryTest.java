package io.jenkins.plugins.influxforecast.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.influxforecast.pipeline.ExtractSummary;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadSummary;
import io.jenkins.plugins.influxforecast.files.Json;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every field the engine writes into its load and extract summaries reaches the map the step returns. */
class EngineSummaryTest {

    @TempDir
    Path dir;

    /** A record with every component given (no null, no zero), as the engine could write it at its fullest. */
    private static <T extends Record> T full(Class<T> type, String command) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            values[i] = components[i].getName().equals("command") ? command
                    : t == String.class ? components[i].getName() + "-value"
                    : t == long.class || t == Long.class ? (Object) (long) (i + 7)
                    : t == int.class || t == Integer.class ? (Object) (i + 7)
                    : t == List.class ? sampleList(components[i]) : null;
            assertThat(values[i]).as("a sample value for %s.%s of %s", type.getSimpleName(), components[i].getName(), t).isNotNull();
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static List<?> sampleList(RecordComponent c) {
        String element = c.getGenericType().getTypeName();
        return element.endsWith("<java.lang.Long>") ? List.of(5L, 8L) : List.of(c.getName() + "-entry");
    }

    private static Set<String> componentNames(Class<? extends Record> type) {
        return Stream.of(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    @Test
    void everyFieldOfTheLoadSummaryReachesTheReturnedMap() throws Exception {
        LoadSummary full = full(LoadSummary.class, "load");
        Path file = dir.resolve("load-summary.json");
        full.write(file);
        LinkedHashMap<String, Object> r = InfluxLoadStep.result(EngineSummary.readLoad(new FilePath(file.toFile())), "out/forecast.lp",
                false, true);
        assertThat(r.keySet()).containsAll(componentNames(LoadSummary.class)).containsAll(fileKeys(file));
        assertThat(r).containsEntry("pointsUnknown", full.pointsUnknown()).containsEntry("droppedLines", full.droppedLines())
                .containsEntry("failedBatch", full.failedBatch().longValue()).containsEntry("input", "out/forecast.lp")
                .containsEntry("unstable", true);
        ForecastStepIT.assertJdkOnly(r);
    }

    @Test
    void everyFieldOfTheExtractSummaryReachesTheReturnedMap() throws Exception {
        ExtractSummary full = full(ExtractSummary.class, "extract");
        Path file = dir.resolve("extract-summary.json");
        Files.writeString(file, Json.toJson(full), StandardCharsets.UTF_8);
        LinkedHashMap<String, Object> r = InfluxExtractStep.result(EngineSummary.readExtract(new FilePath(file.toFile())), "in.csv",
                "2024-05-01T00:00:00Z", false);
        assertThat(r.keySet()).containsAll(componentNames(ExtractSummary.class)).containsAll(fileKeys(file));
        assertThat(r).containsEntry("query", full.query()).containsEntry("output", "in.csv").containsEntry("warnings", full.warnings());
        ForecastStepIT.assertJdkOnly(r);
    }

    private static Set<String> fileKeys(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject().keySet();
    }

    /**
     * A real load whose second batch gets a 500 (its fate unknown) and unstableOnFailure: the
     * summary the engine writes has pointsUnknown and failedBatch, and they reach the map and the
     * one log line.
     */
    @Test
    @Timeout(60)
    void aPartlyWrittenLoadReturnsAndLogsWhatIsUnknown() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        HttpServer influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/write", x -> {
            x.getRequestBody().readAllBytes();
            if (writes.incrementAndGet() == 1) {
                x.sendResponseHeaders(204, -1);
            } else {
                byte[] body = "{\"error\":\"timeout\"}".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(500, body.length);
                x.getResponseBody().write(body);
            }
            x.close();
        });
        influx.start();
        try {
            StringBuilder lp = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                lp.append("pred value=").append(i).append(' ').append(1_600_000_000_000_000_000L + i * 1_000_000_000L).append('\n');
            }
            Files.writeString(dir.resolve("forecast.lp"), lp);
            Map<String, Object> o = new HashMap<>();
            o.put("url", "http://127.0.0.1:" + influx.getAddress().getPort());
            o.put("database", "db");
            o.put("batchSize", "5");
            o.put("concurrency", "1");
            o.put("retries", "0");
            o.put("unstableOnFailure", true);
            assertThat(LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), dir), l -> { }).unstable()).isTrue();
            Path file = dir.resolve("load-summary.json");
            LoadSummary s = EngineSummary.readLoad(new FilePath(file.toFile()));
            LinkedHashMap<String, Object> r = InfluxLoadStep.result(s, "forecast.lp", false, true);
            assertThat(r.keySet()).containsAll(fileKeys(file));
            assertThat(r).containsEntry("status", "unstable").containsEntry("points", 7L).containsEntry("pointsWritten", 5L)
                    .containsEntry("pointsUnknown", 2L).containsEntry("failedBatch", 2L);
            assertThat(InfluxLoadStep.partialWrite(s)).isEqualTo("5 of 7 point(s) written for sure, the load stopped at batch 2 of 2;"
                    + " 2 point(s) from batch 2 on of unknown fate: the server did not say whether it stored them; re-run the load,"
                    + " InfluxDB overwrites identical points");
        } finally {
            influx.stop(0);
        }
    }

    @Test
    void aCompleteLoadHasNoPartialWriteLine() {
        assertThat(InfluxLoadStep.partialWrite(new LoadSummary("load", "ok", 3L, 3, 1, null, null, null, null, null, "f", "u", 1))).isNull();
        assertThat(InfluxLoadStep.partialWrite(new LoadSummary("load", "failed", 9L, 4, 2, 1, 1L, null, List.of(5L), "e", "f", "u", 1)))
                .isEqualTo("4 of 9 point(s) written for sure, the load stopped at batch 1 of 2; InfluxDB dropped 1 point(s) (line 5);"
                        + " re-run the load to write the rest, InfluxDB overwrites identical points");
    }

    @Test
    void aFileThatIsNoSummaryIsAClearError() throws Exception {
        Path file = dir.resolve("load-summary.json");
        Files.writeString(file, "{\"command\": \"extract\", \"status\": \"ok\"}");
        assertThatThrownBy(() -> EngineSummary.readLoad(new FilePath(file.toFile()))).isInstanceOf(AbortException.class)
                .hasMessageContaining("load-summary.json cannot be read: not a load-summary.json");
        assertThatThrownBy(() -> EngineSummary.readLoad(new FilePath(dir.resolve("none.json").toFile()))).isInstanceOf(AbortException.class)
                .hasMessageContaining("wrote no none.json");
    }

}
