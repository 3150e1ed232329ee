package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractResult;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Authentication against a real InfluxDB 1.x with auth-enabled = true. */
class InfluxAuthIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.withAuth();

    @TempDir
    Path work;

    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void data() throws Exception {
        server.createDatabase("secure");
        server.write("secure", "m value=1 1000000000\nm value=2 2000000000\n");
    }

    Map<String, Object> options() {
        Map<String, Object> o = new HashMap<>();
        o.put("url", server.url());
        o.put("database", "secure");
        o.put("proxy", "none");
        o.put("retries", "3");
        o.put("query", "SELECT value FROM m");
        return o;
    }

    @Test
    void rightCredentialsFromTheEnvironmentWork() {
        Map<String, String> env = Map.of("INFLUX_USERNAME", "admin", "INFLUX_PASSWORD", server.adminPassword());
        ExtractResult r = ExtractRunner.run(ExtractRequest.fromOptions(options(), env, work), log::add);
        assertThat(r.points()).isEqualTo(2);
        assertThat(String.join("\n", log)).doesNotContain(server.adminPassword());
    }

    @Test
    void usernameOptionWithPasswordFromTheEnvironmentWorksForLoad() throws Exception {
        Files.writeString(work.resolve("forecast.lp"), "pred value=1.5 3000000000\n");
        Map<String, Object> o = options();
        o.remove("query");
        o.put("username", "admin");
        LoadRunner.run(LoadRequest.fromOptions(o, Map.of("INFLUX_PASSWORD", server.adminPassword()), work), log::add);
        assertThat(server.count("secure", "pred", "value")).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsA401WithTheServersMessageAndNoSecretAndNoRetry() throws Exception {
        String wrong = "wrong-" + server.adminPassword();
        Map<String, String> env = Map.of("INFLUX_USERNAME", "admin", "INFLUX_PASSWORD", wrong);
        assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(options(), env, work), log::add))
                .isInstanceOf(InfluxException.class)
                .hasMessageContaining("answered 401")
                .hasMessageContaining("authorization failed")
                .hasMessageContaining("INFLUX_PASSWORD")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(server.adminPassword()));
        assertThat(log).noneMatch(l -> l.contains("retrying"));
        assertThat(Files.readString(work.resolve("extract-summary.json"))).doesNotContain(wrong);
    }

    @Test
    void noCredentialsIsA401() {
        assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(options(), Map.of(), work), log::add))
                .isInstanceOf(InfluxException.class).hasMessageContaining("answered 401");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        Map<String, Object> o = options();
        o.put("url", "http://admin:s3cret@127.0.0.1:" + server.port());
        assertThatThrownBy(() -> ExtractRequest.fromOptions(o, Map.of(), work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
