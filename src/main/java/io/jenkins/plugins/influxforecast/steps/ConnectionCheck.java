package io.jenkins.plugins.influxforecast.steps;

import hudson.util.FormValidation;
import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.InfluxException;
import io.jenkins.plugins.influxforecast.influx.InfluxPing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "Test connection" button of a server: whether the controller reaches the server's
 * {@code /ping} (answered by InfluxDB 1.x, 2.x and 3.x without credentials), through influx/'s
 * {@link InfluxPing} (the HTTP, TLS and proxy handling of extract and load; the controller's
 * {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}). What the controller reaches is not
 * what the forecast pods reach: the engine runs in the pods and connects to InfluxDB from there, so
 * every answer says so. No credential is sent, none is shown.
 */
final class ConnectionCheck {

    static final String PODS_NOTE = "The forecast pods connect to InfluxDB on their own, from the agents' network:"
            + " this test does not show whether they can reach it.";

    private static final String TIMEOUT = "5s";

    private ConnectionCheck() {
    }

    /** Pings {@code url} from the controller and says what came back. */
    static FormValidation ping(String url) {
        String u;
        InfluxConnection connection;
        try {
            u = InfluxServer.checkUrl("url", url);
            if (u == null) {
                return FormValidation.error("url is required");
            }
            connection = InfluxConnection.builder().url(u).connectTimeout(TIMEOUT).timeout(TIMEOUT)
                    .environment(proxyEnvironment(System.getenv())).build();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        try {
            InfluxPing.Answer a = InfluxPing.ping(connection);
            if (a.ok()) {
                return FormValidation.ok("The controller reached InfluxDB at " + u + " (HTTP " + a.status()
                        + (a.version() == null ? "" : ", version " + a.version()) + "). " + PODS_NOTE);
            }
            return FormValidation.warning("The controller reached " + u + " but /ping answered HTTP " + a.status()
                    + (a.version() != null ? "" : " without an InfluxDB version header") + ": is this InfluxDB? " + PODS_NOTE);
        } catch (InfluxException e) {
            return FormValidation.warning("The controller cannot reach " + u + ": " + e.getMessage() + ". " + PODS_NOTE);
        }
    }

    /** Only the proxy settings of the controller's environment (never an INFLUX_ credential of it). */
    static Map<String, String> proxyEnvironment(Map<String, String> env) {
        Map<String, String> proxy = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            String key = k.toUpperCase(java.util.Locale.ROOT);
            if (key.equals("HTTPS_PROXY") || key.equals("HTTP_PROXY") || key.equals("NO_PROXY")) {
                proxy.put(k, v);
            }
        });
        return proxy;
    }
}
