package io.jenkins.plugins.influxforecast.steps;

import hudson.util.FormValidation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The "Test connection" button of a server: whether the controller reaches the server's
 * {@code /ping} (answered by InfluxDB 1.x, 2.x and 3.x without credentials). What the controller
 * reaches is not what the forecast pods reach: the engine runs in the pods and connects to InfluxDB
 * from there, so every answer says so. No credential is sent, none is shown.
 */
final class ConnectionCheck {

    static final String PODS_NOTE = "The forecast pods connect to InfluxDB on their own, from the agents' network:"
            + " this test does not show whether they can reach it.";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ConnectionCheck() {
    }

    /** Pings {@code url} from the controller and says what came back. */
    static FormValidation ping(String url) {
        String u;
        try {
            u = InfluxServer.checkUrl("url", url);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        if (u == null) {
            return FormValidation.error("url is required");
        }
        URI ping = URI.create(u.endsWith("/") ? u + "ping" : u + "/ping");
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ping).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            Optional<String> version = r.headers().firstValue("X-Influxdb-Version");
            if (r.statusCode() == 204 || r.statusCode() == 200) {
                return FormValidation.ok("The controller reached InfluxDB at " + u + " (HTTP " + r.statusCode()
                        + version.map(v -> ", version " + v).orElse("") + "). " + PODS_NOTE);
            }
            return FormValidation.warning("The controller reached " + u + " but /ping answered HTTP " + r.statusCode()
                    + (version.isPresent() ? "" : " without an InfluxDB version header") + ": is this InfluxDB? " + PODS_NOTE);
        } catch (IOException e) {
            return FormValidation.warning("The controller cannot reach " + u + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + ". " + PODS_NOTE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.warning("The connection test was interrupted. " + PODS_NOTE);
        }
    }
}
