package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolValidator;
import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * load's validation against the real influxd, line by line, each into a fresh database: every line
 * the validator passes is one InfluxDB stores, so no load fails half-way on a line it could have
 * refused before writing. (The validator is stricter on purpose in a few places InfluxDB 1.x lets
 * through: a point without a timestamp, a field key twice, the tag keys 2.x reserves.)
 */
@Timeout(120)
class ValidatorAgreesWithInfluxIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    @TempDir
    Path dir;

    /** Value spellings, signs, booleans, escapes and limits: each is one line to try. */
    static final List<String> LINES = List.of("m v=1 1", "m v=+1 1", "m v=+1i 1", "m v=-1i 1", "m v=-0i 1", "m v=+.5 1",
            "m v=-.5 1", "m v=1e+5 1", "m v=+1e5 1", "m v=1e 1", "m v=1. 1", "m v=.1 1", "m v=01 1", "m v=0x10 1", "m v=1_0 1",
            "m v=9223372036854775807i 1", "m v=9223372036854775808i 1", "m v=-9223372036854775808i 1",
            "m v=-9223372036854775809i 1", "m v=1.0i 1", "m v=i 1", "m v=-i 1", "m v=-1u 1", "m v=t 1", "m v=T 1",
            "m v=true 1", "m v=True 1", "m v=TRUE 1", "m v=tRUE 1", "m v=f 1", "m v=FALSE 1", "m v=FaLsE 1", "m v=\"a\\\"b\" 1",
            "m v=\"a\\\\\" 1", "m v=\"a\\\" 1", "m v=\"\" 1", "m v=NaN 1", "m v=-Inf 1", "m v=1e400 1", "m v=1 +1", "m v=1 -1",
            "m v=1 01", "m v=1 1.0", "m v=1 9223372036854775806", "m v=1 9223372036854775807", "m v=1 -9223372036854775806",
            "m v=1 -9223372036854775807", "m,t= v=1 1", "m,=x v=1 1", "m,t=a\\ v=1 1", "m,time=x v=1 1", "m time=1 1",
            "m v= 1", "m =1 1", "m\\ v=1 1", "m v\\=x=1 1", "m v=1 1 1", "m v=1, 1", "m ,v=1 1", "#m v=1 1");

    @Test
    void everyLineTheValidatorPassesInfluxDbStores() throws Exception {
        List<String> disagreements = new ArrayList<>();
        int n = 0;
        for (String line : LINES) {
            Path f = dir.resolve("l" + n + ".lp");
            Files.write(f, (line + "\n").getBytes(StandardCharsets.UTF_8));
            boolean valid;
            try {
                LineProtocolValidator.validate(f, Precision.NS);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            String db = "agree" + n++;
            server.createDatabase(db);
            boolean stored;
            try {
                server.write(db, line + "\n");
                stored = true;
            } catch (IOException e) {
                stored = false;
            }
            if (valid && !stored) {
                disagreements.add("validator passes, InfluxDB refuses: " + line);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void unsignedIntegersAreRefusedBeforeWritingToInfluxDb1() throws Exception {
        String db = "unsigned";
        server.createDatabase(db);
        Path lp = dir.resolve("u.lp");
        Files.writeString(lp, "m a=1 1\nm v=1u 2\n");
        assertThatThrownBy(() -> server.write(db, "m v=1u 1\n")).hasMessageContaining("400");
        assertThatThrownBy(() -> LineProtocolLoader.load(lp, HttpWriteTarget.of(server.connection(db), false),
                new LineProtocolLoader.Options(1, Precision.NS, RetryPolicy.ofRetries(0, Duration.ZERO), false), l -> { },
                (b, c, w) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'v' of measurement 'm' holds unsigned integers (1u)")
                .hasMessageContaining("nothing was written");
        assertThat(server.query(db, "SHOW MEASUREMENTS")).doesNotContain("\"m\"");
    }
}
