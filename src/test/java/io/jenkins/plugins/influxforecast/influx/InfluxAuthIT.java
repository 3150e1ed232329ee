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
    void theReadOnlyUserTheDocsRecommendExtractsAndCannotWrite() throws Exception {
        // docs/influxdb.md: CREATE USER ... / GRANT READ ON <database> TO ...
        server.query(null, "CREATE USER \"forecast_reader\" WITH PASSWORD 'reader-pw'");
        server.query(null, "GRANT READ ON \"secure\" TO \"forecast_reader\"");
        Map<String, String> env = Map.of("INFLUX_USERNAME", "forecast_reader", "INFLUX_PASSWORD", "reader-pw");
        ExtractResult r = ExtractRunner.run(ExtractRequest.fromOptions(options(), env, work), log::add);
        assertThat(r.points()).isEqualTo(2);
        // a write with its credentials: the server itself refuses it
        Files.writeString(work.resolve("forecast.lp"), "pred value=1.5 3000000000\n");
        Map<String, Object> o = options();
        o.remove("query");
        o.put("retries", "0");
        assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(o, env, work), log::add))
                .isInstanceOf(LoadFailedException.class).hasMessageContaining("answered 403");
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

    /** Runs the engine jar as the steps do: options on the command line, secrets in the environment. */
    record Run(int exit, String out) {
    }

    Run engine(Map<String, String> env, String... args) throws Exception {
        String jar = System.getProperty("influxforecast.engineJar", "target/influx-forecast-cli.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("INFLUX_") || k.toUpperCase().endsWith("_PROXY"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void commandLineExtractForecastLoadWithSecretsOnlyInTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("INFLUX_USERNAME", "admin", "INFLUX_PASSWORD", server.adminPassword());
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            lp.append("cli,site=a value=").append(10 + i % 24).append(' ').append(1_700_000_000L + i * 3600L).append("000000000\n");
        }
        server.write("secure", lp.toString());
        Run extract = engine(env, "extract", "--url", server.url(), "--database", "secure", "--measurement", "cli",
                "--where", "site=a", "--output", "cli.csv");
        assertThat(extract.exit()).as(extract.out()).isZero();
        assertThat(extract.out()).contains("extracted 48 point(s) in 1 series").doesNotContain(server.adminPassword());
        assertThat(Files.readString(work.resolve("extract-summary.json"))).contains("\"points\": 48");

        Run forecast = engine(Map.of(), "forecast", "--input", "cli.csv", "--output-dir", "out", "--model", "snaive(season=24)",
                "--horizon", "24", "--validation", "0");
        assertThat(forecast.exit()).as(forecast.out()).isZero();

        Run load = engine(env, "load", "--url", server.url(), "--database", "secure", "--input", "out/forecast.lp",
                "--batch-size", "10");
        assertThat(load.exit()).as(load.out()).isZero();
        assertThat(load.out()).contains("loaded 24 point(s) in 3 batch(es)");
        assertThat(server.count("secure", "cli-prediction", "value")).isEqualTo(24);

        Map<String, String> wrong = Map.of("INFLUX_USERNAME", "admin", "INFLUX_PASSWORD", "not-it");
        Run failed = engine(wrong, "load", "--url", server.url(), "--database", "secure", "--input", "out/forecast.lp");
        assertThat(failed.exit()).as(failed.out()).isEqualTo(1);
        assertThat(failed.out()).contains("error: ").contains("401").doesNotContain("not-it");
        Run unstable = engine(wrong, "load", "--url", server.url(), "--database", "secure", "--input", "out/forecast.lp",
                "--unstable-on-failure");
        assertThat(unstable.exit()).as(unstable.out()).isEqualTo(3);
        assertThat(Files.readString(work.resolve("out/load-summary.json"))).contains("\"status\": \"unstable\"");

        Run bad = engine(env, "extract", "--url", server.url(), "--database", "secure", "--measurement", "cli",
                "--aggregate", "avg", "--window", "1h");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).contains("aggregate must be one of");
    }
}
