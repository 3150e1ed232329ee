package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.influxforecast.files.Json;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load killed while it writes is never reported by the previous run's "ok". */
class LoadStatusTest {

    @TempDir
    Path dir;

    @Test
    void theSummarySaysRunningBeforeTheFirstBatchIsSent() throws Exception {
        Path lp = Files.writeString(dir.resolve("forecast.lp"), "m value=1 1700000000000000000\nm value=2 1700000003600000000\n");
        Path summary = dir.resolve("load-summary.json");
        Json.writeAtomically(summary, Map.of("command", "load", "status", "ok", "pointsWritten", 2)); // the previous run's
        List<Object> seenByServer = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            if (ex.getRequestURI().getPath().endsWith("/write")) {
                seenByServer.add(Json.read(summary).get("status"));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            Map<String, Object> o = new HashMap<>();
            o.put("url", "http://127.0.0.1:" + server.getAddress().getPort());
            o.put("database", "d");
            o.put("input", lp.toString());
            o.put("batchSize", 1);
            o.put("concurrency", 1);
            LoadResult r = LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), dir), l -> { });
            assertThat(r.pointsWritten()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
        assertThat(seenByServer).containsExactly("running", "running");
        assertThat(Json.read(summary)).containsEntry("status", "ok");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("forecast.lp", "load-summary.json");
        }
    }
}
