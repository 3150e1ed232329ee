package io.jenkins.plugins.influxforecast.influx;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /ping}, which InfluxDB 1.x, 2.x and 3.x answer without credentials: whether a server
 * is reachable and which version it says it is. The same HTTP as extract and load ({@link
 * InfluxHttp}): the connection's TLS (CA file, verified host names), proxy and timeouts, no
 * redirect followed, and a network failure as one clear line with every credential scrubbed.
 */
public final class InfluxPing {

    /** The answer: the HTTP status and the {@code X-Influxdb-Version} header (null when absent). */
    public record Answer(int status, String version) {

        /** 204 (1.x, 2.x) or 200 (3.x and proxies in front of one): an InfluxDB answered. */
        public boolean ok() {
            return status == 204 || status == 200;
        }
    }

    private InfluxPing() {
    }

    /**
     * Pings {@code connection} once (no retry: a check shows what happens now), within its
     * connectTimeout and timeout; an {@link InfluxException} when no answer came.
     */
    public static Answer ping(InfluxConnection connection) {
        InfluxHttp http = new InfluxHttp(connection);
        try (InfluxHttp.Response r = http.exchange(http.request(http.endpoint("/ping", Map.of())), connection.timeout())) {
            String version = r.header("X-Influxdb-Version");
            r.discard();
            return new Answer(r.statusCode(), version == null ? null : http.scrub(version));
        } catch (IOException e) {
            throw http.networkFailure("ping", e);
        }
    }
}
