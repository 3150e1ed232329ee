package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What load counts for each answer to a write that is not a plain 204: the words "partial write"
 * count only in a refusal (400, or 422 on 2.x), a count is taken from InfluxDB's own "dropped=N" at
 * the end, and what the answer does not tell is "unknown", never "written".
 */
@Timeout(30)
class WriteAnswersTest {

    @TempDir
    Path dir;

    private LoadFailedException load(HttpFixture.Answer first) throws Exception {
        Path lp = dir.resolve("f.lp");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append("m value=").append(i).append(' ').append(i + 1).append('\n');
        }
        Files.writeString(lp, sb);
        try (HttpFixture f = new HttpFixture().answer(204, "").answer(first).answer(204, "")) {
            InfluxConnection c = InfluxConnection.builder().url(f.url()).database("d").proxy("none").timeout("5s").build();
            return assertThrows(LoadFailedException.class, () -> LineProtocolLoader.load(lp, HttpWriteTarget.of(c, false),
                    new LineProtocolLoader.Options(10, Precision.NS, RetryPolicy.ofRetries(0, Duration.ZERO), false, 1),
                    l -> { }, (b, n, w) -> { }));
        }
    }

    private static HttpFixture.Answer json(int status, String error) {
        return new HttpFixture.Answer(status, Map.of("Content-Type", "application/json"), "{\"error\":\"" + error + "\"}", 0);
    }

    @Test
    void partialWriteWordsOutsideARefusalCountNothingAsWritten() throws Exception {
        for (int status : new int[] {200, 201, 202, 206, 302}) {
            LoadFailedException e = load(json(status, "partial write: points beyond retention policy dropped=0"));
            assertThat(e.pointsWritten()).as("%d", status).isEqualTo(10);
            assertThat(e.getMessage()).as("%d", status).contains("answered " + status).contains("not 204");
        }
        // a 5xx saying "partial write" tells nothing about what was kept
        LoadFailedException e = load(json(500, "partial write: dropped=0"));
        assertThat(e.pointsWritten()).isEqualTo(10);
        assertThat(e.pointsUnknown()).isEqualTo(10);
    }

    @Test
    void theCountIsInfluxDbsLastDroppedAndAnImpossibleOneIsUnknown() throws Exception {
        // a measurement named "dropped=9" quoted in the reason does not change the count
        LoadFailedException e = load(json(400, "partial write: field type conflict: input field \\\"value\\\" on measurement"
                + " \\\"dropped=9\\\" is type integer, already exists as type float dropped=1"));
        assertThat(e.pointsWritten()).isEqualTo(10 + 9);
        assertThat(e.dropped()).isEqualTo(1);
        assertThat(e.pointsUnknown()).isZero();
        for (String count : new String[] {"99999999999999999999999", "11", "-1", "x"}) {
            LoadFailedException u = load(json(400, "partial write: points beyond retention policy dropped=" + count));
            assertThat(u.pointsWritten()).as(count).isEqualTo(10);
            assertThat(u.pointsUnknown()).as(count).isEqualTo(10);
            assertThat(u.getMessage()).as(count).contains("unknown").doesNotContain("internal error");
        }
    }

    @Test
    void a422IsAPartialWriteOfInfluxDb2() throws Exception {
        LoadFailedException counted = load(new HttpFixture.Answer(422, Map.of("Content-Type", "application/json"),
                "{\"code\":\"unprocessable entity\",\"message\":\"failure writing points to database: partial write: points beyond"
                        + " retention policy dropped=3\"}", 0));
        assertThat(counted.pointsWritten()).isEqualTo(10 + 7);
        assertThat(counted.pointsUnknown()).isZero();
        LoadFailedException untold = load(new HttpFixture.Answer(422, Map.of("Content-Type", "application/json"),
                "{\"code\":\"unprocessable entity\",\"message\":\"schema conflict\"}", 0));
        assertThat(untold.pointsWritten()).isEqualTo(10);
        assertThat(untold.pointsUnknown()).isEqualTo(10);
        assertThat(untold.getMessage()).contains("some or all of its 10 points").contains("unknown");
    }

    @Test
    void tooLargeAndRefusedMidLoadAreCountedExactlyAndNotRetried() throws Exception {
        for (int status : new int[] {413, 401, 403}) {
            LoadFailedException e = load(json(status, "refused"));
            assertThat(e.pointsWritten()).as("%d", status).isEqualTo(10);
            assertThat(e.pointsUnknown()).as("%d", status).isZero();
            assertThat(e.failedBatch()).isEqualTo(2);
            assertThat(e.getMessage()).contains("10 of 20 points were written for sure").contains("not retried");
        }
        assertThat(load(json(413, "Request Entity Too Large")).getMessage()).contains("use a smaller batch size");
    }
}
