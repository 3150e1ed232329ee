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
        o.put("concurrency", "1"); // the stop happens once batch 3 was acknowledged, while batch 4 is queued or on its way
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
        // batch 4 waits ready in the sender's queue and may have been acknowledged before the server went down
        long written = e.pointsWritten();
        assertThat(written).isIn(1500L, 2000L);
        int failed = (int) (written / 500) + 1;
        assertThat(e.failedBatch()).isEqualTo(failed);
        assertThat(e.batches()).isEqualTo(20);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("batch " + failed + " of 20 (lines " + (written + 1) + "-" + (written + 500)
                + ", 500 points)").contains(written + " of 10000 points were written").contains("after 3 attempts");
        assertThat(e.points()).isEqualTo(10_000);
        assertThat(Files.readString(work.resolve("load-summary.json"))).contains("\"failedBatch\": " + failed)
                .contains("\"points\": 10000").contains("\"pointsWritten\": " + written);

        server.start(); // same data folder
        // what was acknowledged is there; the failed batch at most also (a server that dies answering may have kept it)
        assertThat(server.count("half", "pred", "value")).isIn(written, written + 500);
        o.put("url", server.url());
        o.put("concurrency", "3");
        LoadResult r = LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), line -> { });
        assertThat(r.pointsWritten()).isEqualTo(10_000);
        assertThat(server.count("half", "pred", "value")).isEqualTo(10_000);
    }
}
