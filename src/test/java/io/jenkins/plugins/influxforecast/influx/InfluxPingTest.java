package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /ping through influx/'s HTTP: status, version header, no redirect followed, a refused port as one clear line. */
class InfluxPingTest {

    private static InfluxConnection connection(String url) {
        return InfluxConnection.builder().url(url).connectTimeout("2s").timeout("2s").environment(Map.of()).build();
    }

    @Test
    @Timeout(30)
    void answersStatusAndVersionAndFollowsNoRedirect() throws Exception {
        HttpServer influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/ping", x -> {
            x.getResponseHeaders().add("X-Influxdb-Version", "2.7.1");
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        influx.createContext("/moved/ping", x -> {
            x.getResponseHeaders().add("Location", "http://example.invalid/ping");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        influx.start();
        try {
            String url = "http://127.0.0.1:" + influx.getAddress().getPort();
            InfluxPing.Answer a = InfluxPing.ping(connection(url + "/"));
            assertThat(a).isEqualTo(new InfluxPing.Answer(204, "2.7.1"));
            assertThat(a.ok()).isTrue();
            InfluxPing.Answer moved = InfluxPing.ping(connection(url + "/moved"));
            assertThat(moved.status()).isEqualTo(302);
            assertThat(moved.ok()).isFalse();
            assertThat(moved.version()).isNull();
        } finally {
            influx.stop(0);
        }
    }

    @Test
    @Timeout(30)
    void aClosedPortIsAnInfluxExceptionNamingTheServer() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> InfluxPing.ping(connection("http://127.0.0.1:" + closed)))
                .isInstanceOf(InfluxException.class)
                .hasMessage("cannot connect to InfluxDB at http://127.0.0.1:" + closed + " for the ping: connection refused"
                        + " (is the server running and the url right?)");
    }
}
