package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadResult;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real InfluxDB stopped half-way through a multi-batch load, then started again. */
class InfluxInterruptedLoadIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    @TempDir
    Path work;

    @Test
    void serverStoppedHalfWaySaysHowManyPointsWereWrittenAndARerunCompletesWithoutDuplicates() throws Exception {
        server.createDatabase("half");
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            lp.append("pred,site=a value=").append(i * 0.5).append(' ').append(1_700_000_000_000_000_000L + i * 1_000_000_000L)
                    .append('\n');
        }
        Files.writeString(work.resolve("forecast.lp"), lp);
        Map<String, Object> o = new HashMap<>();
        o.put("url", server.url());
        o.put("database", "half");
        o.put("proxy", "none");
        o.put("batchSize", "500");
        o.put("concurrency", "1"); // the stop happens exactly between batches 3 and 4
        o.put("retries", "2");
        o.put("retryBackoff", "50ms");
        o.put("connectTimeout", "2s");
        LoadFailedException e = Assertions.assertThrows(LoadFailedException.class,
                () -> LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), line -> { }, (batch, batches, written) -> {
                    if (batch == 3) {
                        try {
                            server.stop();
                        } catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                }));
        assertThat(e.pointsWritten()).isEqualTo(1500);
        assertThat(e.failedBatch()).isEqualTo(4);
        assertThat(e.batches()).isEqualTo(20);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("batch 4 of 20 (lines 1501-2000, 500 points)")
                .contains("1500 of 10000 points were written").contains("after 3 attempts");
        assertThat(e.points()).isEqualTo(10_000);
        assertThat(Files.readString(work.resolve("load-summary.json"))).contains("\"failedBatch\": 4")
                .contains("\"points\": 10000").contains("\"pointsWritten\": 1500");

        server.start(); // same data folder
        assertThat(server.count("half", "pred", "value")).isEqualTo(1500);
        o.put("url", server.url());
        o.put("concurrency", "3");
        LoadResult r = LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), line -> { });
        assertThat(r.pointsWritten()).isEqualTo(10_000);
        assertThat(server.count("half", "pred", "value")).isEqualTo(10_000);
    }
}
