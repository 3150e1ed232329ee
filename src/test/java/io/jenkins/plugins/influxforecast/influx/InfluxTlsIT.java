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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a real InfluxDB 1.x whose certificate comes from a throw-away CA. */
class InfluxTlsIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.withTls();

    @TempDir
    Path work;

    Map<String, Object> options() {
        Map<String, Object> o = new HashMap<>();
        o.put("url", server.url());
        o.put("database", "tls");
        o.put("proxy", "none");
        o.put("retries", "0");
        return o;
    }

    @Test
    void certificateIsVerifiedAndTheCaFileMakesItTrusted() throws Exception {
        // without the CA: the JVM's trust store does not know it, so the handshake fails
        Files.writeString(work.resolve("forecast.lp"), "pred value=1.25 1000000000\npred value=2.5 2000000000\n");
        assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(options(), Map.of(), work), l -> { }))
                .isInstanceOf(InfluxException.class).hasMessageContaining("TLS handshake")
                .hasMessageContaining("caFile");

        // with the CA file: trusted; create the database over HTTPS through the load path's own server
        Map<String, Object> o = options();
        o.put("caFile", server.caFile().toString());
        Map<String, Object> load = new HashMap<>(o);
        load.put("database", "_internal_missing");
        assertThatThrownBy(() -> LoadRunner.run(LoadRequest.fromOptions(load, Map.of(), work), l -> { }))
                .isInstanceOf(LoadFailedException.class).hasMessageContaining("404"); // reached the server over TLS
        InfluxHttp http = new InfluxHttp(InfluxOptionsForTest.connection(o));
        try (var response = http.exchange(http.request(http.endpoint("/query", Map.of("q", "CREATE DATABASE tls")))
                .post(new byte[0], 0), java.time.Duration.ofSeconds(30))) {
            assertThat(response.statusCode()).isEqualTo(200);
        }
        LoadRunner.run(LoadRequest.fromOptions(o, Map.of(), work), l -> { });
        Map<String, Object> e = new HashMap<>(o);
        e.put("query", "SELECT value FROM pred");
        ExtractResult r = ExtractRunner.run(ExtractRequest.fromOptions(e, Map.of(), work), l -> { });
        assertThat(r.points()).isEqualTo(2);

        // a CA file of another CA: refused
        Path other = work.resolve("other");
        new ProcessBuilder("bash", InfluxServer.harness().resolve("make-certs.sh").toString(), other.toString())
                .redirectErrorStream(true).start().waitFor();
        e.put("caFile", other.resolve("ca.pem").toString());
        assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(e, Map.of(), work), l -> { }))
                .isInstanceOf(InfluxException.class).hasMessageContaining("TLS handshake");
    }

    /** The "Test connection" ping speaks the HTTP of extract and load: the same certificate checks and CA file. */
    @Test
    void thePingVerifiesTheCertificateAndTrustsTheCaFile() {
        assertThatThrownBy(() -> InfluxPing.ping(InfluxOptionsForTest.connection(options())))
                .isInstanceOf(InfluxException.class).hasMessageContaining("TLS handshake").hasMessageContaining("caFile");
        Map<String, Object> o = options();
        o.put("caFile", server.caFile().toString());
        InfluxPing.Answer a = InfluxPing.ping(InfluxOptionsForTest.connection(o));
        assertThat(a.ok()).isTrue();
        assertThat(a.status()).isEqualTo(204);
        assertThat(a.version()).startsWith("1."); // what the server says, e.g. Debian's "1.6.7~rc0"
    }
}
