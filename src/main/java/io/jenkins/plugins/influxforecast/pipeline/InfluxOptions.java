package io.jenkins.plugins.influxforecast.pipeline;

import static io.jenkins.plugins.influxforecast.pipeline.OptionDef.optional;
import static io.jenkins.plugins.influxforecast.pipeline.OptionDef.required;

import io.jenkins.plugins.influxforecast.influx.Durations;
import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.RetryPolicy;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The connection options shared by {@code extract} and {@code load}, and the reading of option
 * values (keyed by step parameter name, as strings or lists, as the command line and the steps
 * both produce them). Secrets are never options: {@code INFLUX_PASSWORD} and {@code INFLUX_TOKEN}
 * come from the environment ({@code INFLUX_USERNAME} may replace the username option).
 */
public final class InfluxOptions {

    private InfluxOptions() {
    }

    /** Connection options, in the order they are listed in help. */
    static List<OptionDef> connection() {
        return List.of(
                required("url", "--url", Type.STRING,
                        "InfluxDB base URL, http:// or https:// (no credentials in it), e.g. http://influxdb:8086."),
                optional("influxVersion", "--influx-version", Type.STRING, "1",
                        "InfluxDB major version: 1 (InfluxQL, user/password), 2 (Flux, org/bucket/token) or 3 (InfluxQL, token)."),
                optional("database", "--database", Type.STRING, null,
                        "Database (1.x, 3.x; on 2.x the database name mapped to a bucket for InfluxQL)."),
                optional("retentionPolicy", "--retention-policy", Type.STRING, null,
                        "Retention policy (1.x); default: the database's default policy."),
                optional("org", "--org", Type.STRING, null, "Organisation (2.x)."),
                optional("bucket", "--bucket", Type.STRING, null, "Bucket (2.x)."),
                optional("username", "--username", Type.STRING, null,
                        "User name (1.x); default: the INFLUX_USERNAME environment variable. The password comes from INFLUX_PASSWORD, a token from INFLUX_TOKEN."),
                optional("caFile", "--ca-file", Type.STRING, null,
                        "PEM file of the certificate authorities trusted for https, instead of the JVM's (certificates are always verified)."),
                optional("proxy", "--proxy", Type.STRING, null,
                        "HTTP proxy http://host:port, or none; default: HTTPS_PROXY/HTTP_PROXY minus NO_PROXY from the environment."),
                optional("connectTimeout", "--connect-timeout", Type.STRING, "10s",
                        "Time allowed to connect (100ms to 5m)."),
                optional("timeout", "--timeout", Type.STRING, "2m",
                        "Time allowed for one request, its retries and their waits included: for its answer to start, and between two reads of a streamed answer; a server that hangs fails the run after it (1s to 1h)."),
                optional("retries", "--retries", Type.INT, "4",
                        "Retries of a request after a network error, 429 or 5xx, with exponential backoff and jitter (0 to 19); a 4xx is never retried."),
                optional("retryBackoff", "--retry-backoff", Type.STRING, "500ms",
                        "Wait before the first retry; it doubles for each further one (capped at 30s), or follows Retry-After."));
    }

    static List<OptionDef> with(List<OptionDef> own) {
        List<OptionDef> all = new ArrayList<>(connection());
        all.addAll(own);
        return all;
    }

    /** The connection from option values and the environment. */
    public static InfluxConnection connection(Map<String, ?> values, Map<String, String> env) {
        return InfluxConnection.builder()
                .url(string(values, "url"))
                .version(stringOr(values, "influxVersion", "1"))
                .database(string(values, "database"))
                .retentionPolicy(string(values, "retentionPolicy"))
                .org(string(values, "org"))
                .bucket(string(values, "bucket"))
                .username(string(values, "username"))
                .caFile(string(values, "caFile"))
                .proxy(string(values, "proxy"))
                .connectTimeout(string(values, "connectTimeout"))
                .timeout(string(values, "timeout"))
                .environment(env)
                .build();
    }

    public static RetryPolicy retry(Map<String, ?> values) {
        int retries = integer(values, "retries", 4);
        String backoff = stringOr(values, "retryBackoff", "500ms");
        return RetryPolicy.ofRetries(retries, Durations.parse("retryBackoff", backoff));
    }

    static String string(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Collection<?> c) {
            throw new IllegalArgumentException(name + " takes one value, got " + c.size());
        }
        String s = String.valueOf(v);
        return s.isBlank() ? null : s;
    }

    static String stringOr(Map<String, ?> values, String name, String fallback) {
        String s = string(values, name);
        return s == null ? fallback : s;
    }

    static Integer integerOrNull(Map<String, ?> values, String name) {
        String s = string(values, name);
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + s + "'");
        }
    }

    static int integer(Map<String, ?> values, String name, int fallback) {
        Integer i = integerOrNull(values, name);
        return i == null ? fallback : i;
    }

    static boolean bool(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return false;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.isEmpty()) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, got '" + s + "'");
    }

    static List<String> list(Map<String, ?> values, String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }
}
