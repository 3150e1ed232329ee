package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.influx.FaultyInflux.Fault;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that never answers fails the run within {@code timeout}, retries and their waits
 * included: 2 minutes by default, not retries times the read timeout.
 */
class HungServerTest {

    @TempDir
    Path work;

    @Test
    void theDefaultTimeoutIsTwoMinutesForCommandLineAndStepsAlike() {
        assertThat(InfluxConnection.DEFAULT_TIMEOUT).isEqualTo(Duration.ofMinutes(2));
        assertThat(InfluxConnection.builder().url("http://h").database("d").build().timeout()).isEqualTo(Duration.ofMinutes(2));
        for (var command : List.of(Commands.EXTRACT, Commands.LOAD)) {
            assertThat(command.option("timeout").orElseThrow().defaultValue()).isEqualTo("2m");
            assertThat(command.option("timeout").orElseThrow().help()).contains("retries");
        }
    }

    Map<String, Object> options(String url) {
        Map<String, Object> o = new HashMap<>();
        o.put("url", url);
        o.put("database", "d");
        o.put("proxy", "none");
        o.put("retries", "19");
        o.put("retryBackoff", "10ms");
        o.put("timeout", "2s");
        return o;
    }

    @Test
    @Timeout(20) // 20 attempts of 2 s each would take 40 s
    void aHungServerFailsExtractWithinTheTimeoutRetriesIncluded() throws Exception {
        Fault[] hangs = Collections.nCopies(20, Fault.HANG_BEFORE).toArray(Fault[]::new);
        try (FaultyInflux fake = new FaultyInflux(null).script(hangs)) {
            Map<String, Object> o = options(fake.url());
            o.put("query", "SELECT value FROM m");
            List<String> log = new ArrayList<>();
            assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add))
                    .isInstanceOf(InfluxException.class).hasMessageContaining("did not answer the query within");
        }
    }

    @Test
    @Timeout(20)
    void aHungServerFailsLoadWithinTheTimeoutAndTheBatchIsUnknownNotWritten() throws Exception {
        Fault[] hangs = Collections.nCopies(20, Fault.HANG_BEFORE).toArray(Fault[]::new);
        try (FaultyInflux fake = new FaultyInflux(null).script(hangs)) {
            Files.writeString(work.resolve("forecast.lp"), "m value=1 1\nm value=2 2\n");
            Map<String, Object> o = options(fake.url());
            assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), l -> { }))
                    .isInstanceOf(LoadFailedException.class).hasMessageContaining("did not answer the write within")
                    .hasMessageContaining("0 of 2 points were written for sure")
                    .hasMessageContaining("for 2 point(s) (batch 1) InfluxDB's answer does not tell whether it kept them");
            assertThat(Files.readString(work.resolve("load-summary.json"))).contains("\"pointsUnknown\": 2");
        }
    }
}
