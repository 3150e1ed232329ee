package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection description, proxy selection and retry policy. */
class ConnectionTest {

    @Test
    void secretsComeFromTheEnvironmentAndNeverPrint() {
        InfluxConnection c = InfluxConnection.builder().url("https://influx.example.com:8086/").database("db")
                .environment(Map.of("INFLUX_USERNAME", "bob", "INFLUX_PASSWORD", "hunter2")).build();
        assertThat(c.url()).isEqualTo(URI.create("https://influx.example.com:8086"));
        assertThat(c.username()).isEqualTo("bob");
        assertThat(c.toString()).doesNotContain("hunter2").contains("password=****");
        assertThat(c.describe()).doesNotContain("hunter2").contains("user bob");
        assertThat(c.password().toString()).isEqualTo("****");
        assertThat(c.authorizationHeader()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "bob:hunter2".getBytes(StandardCharsets.UTF_8)));
        InfluxConnection v2 = InfluxConnection.builder().url("http://h:8086").version("2").org("o").bucket("b")
                .environment(Map.of("INFLUX_TOKEN", "tok")).build();
        assertThat(v2.authorizationHeader()).isEqualTo("Token tok");
        assertThat(v2.toString()).doesNotContain("tok,").contains("token=****");
        InfluxConnection none = InfluxConnection.builder().url("http://h:8086").database("d").build();
        assertThat(none.authorizationHeader()).isNull();
    }

    @Test
    void badConnectionsAreExplained() {
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://u:p4ss@h:8086").build())
                .hasMessageContaining("must not contain credentials").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("p4ss"));
        assertThatThrownBy(() -> InfluxConnection.builder().url("ftp://h").build())
                .hasMessage("url must start with http:// or https://, got 'ftp://h'");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h:8086/?db=x").build())
                .hasMessageContaining("must not have a query");
        // InfluxDB 1.x takes u=/p= in the query string: a URL carrying them is refused without echoing them
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h:8086/?u=admin&p=s3cret#frag").build())
                .hasMessageStartingWith("url must not have a query or fragment (?...#...), got 'http://h:8086/?****#****'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("admin"));
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h:8086/?p=s3 cret").build())
                .hasMessage("url is not a valid URL: 'http://h:8086/?****'");
        assertThatThrownBy(() -> InfluxConnection.builder().url("ftp://u:s3cret@h/x?p=s3cret").build())
                .hasMessage("url must start with http:// or https://, got 'ftp://****@h/x?****'");
        assertThatThrownBy(() -> InfluxConnection.builder().url(null).build()).hasMessageContaining("url is required");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").version("4").build())
                .hasMessage("influxVersion must be 1, 2 or 3, got '4'");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").timeout("2h").build())
                .hasMessage("timeout must be between 1s and 1h, got 2h");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").connectTimeout("10").build())
                .hasMessageContaining("connectTimeout must be a duration");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").environment(Map.of("INFLUX_PASSWORD", "x")).build())
                .hasMessageContaining("INFLUX_PASSWORD is set but no username");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").version("2").org("o").bucket("b").build())
                .hasMessageContaining("needs a token: set the environment variable INFLUX_TOKEN");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").caFile("/no/such.pem").build())
                .hasMessageContaining("caFile must be a readable PEM file");
        assertThatThrownBy(() -> InfluxConnection.builder().url("http://h").build().requireDatabase("load"))
                .hasMessage("load on InfluxDB 1.x needs a database (database option)");
    }

    @Test
    void proxyFromOptionOrEnvironmentWithNoProxy() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy:3128", "http_proxy", "proxy2:8080",
                "NO_PROXY", "localhost,.internal.example, 10.0.0.5:8086,corp.example");
        ProxyConfig p = ProxyConfig.from(null, env);
        assertThat(p.proxyFor(URI.create("https://influx.cloud:443"))).isEqualTo(URI.create("http://proxy:3128"));
        assertThat(p.proxyFor(URI.create("http://influx.cloud"))).isEqualTo(URI.create("http://proxy2:8080"));
        assertThat(p.proxyFor(URI.create("https://db.internal.example"))).isNull();
        assertThat(p.proxyFor(URI.create("https://internal.example"))).isNull();
        assertThat(p.proxyFor(URI.create("https://a.corp.example"))).isNull();
        assertThat(p.proxyFor(URI.create("https://notcorp.example"))).isNotNull();
        assertThat(p.proxyFor(URI.create("https://10.0.0.5:8086"))).isNull();
        assertThat(p.proxyFor(URI.create("https://localhost"))).isNull();
        assertThat(p.describe(URI.create("https://influx.cloud"))).isEqualTo("via proxy proxy:3128");
        assertThat(ProxyConfig.from("none", env).proxyFor(URI.create("https://influx.cloud"))).isNull();
        assertThat(ProxyConfig.from("http://explicit:1", env).proxyFor(URI.create("https://db.internal.example")))
                .isEqualTo(URI.create("http://explicit:1"));
        assertThat(ProxyConfig.from(null, Map.of("NO_PROXY", "*", "HTTPS_PROXY", "http://p:1"))
                .proxyFor(URI.create("https://x"))).isNull();
        assertThat(ProxyConfig.from(null, Map.of()).selector().select(URI.create("https://x")))
                .containsExactly(java.net.Proxy.NO_PROXY);
        assertThatThrownBy(() -> ProxyConfig.from(null, Map.of("HTTPS_PROXY", "http://user:pw@p:1")))
                .hasMessageContaining("HTTPS_PROXY must not contain credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw"));
        assertThatThrownBy(() -> ProxyConfig.from("socks5://p:1", Map.of()))
                .hasMessage("proxy must be http://host:port, got 'socks5://p:1'");
    }

    @Test
    void retryBackoffIsExponentialJitteredAndCapped() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(400), Duration.ofSeconds(2));
        for (int i = 0; i < 50; i++) {
            assertThat(p.backoff(1, null).toMillis()).isBetween(200L, 400L);
            assertThat(p.backoff(2, null).toMillis()).isBetween(400L, 800L);
            assertThat(p.backoff(5, null).toMillis()).isBetween(1000L, 2000L);
        }
        assertThat(p.backoff(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.retryable(0)).isTrue();
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(401)).isFalse();
        assertThat(RetryPolicy.retryable(404)).isFalse();
        assertThatThrownBy(() -> RetryPolicy.ofRetries(20, Duration.ZERO)).hasMessage("retries must be between 0 and 19, got 20");
    }
}
