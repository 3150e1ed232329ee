package io.jenkins.plugins.influxforecast.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * An influxdb-client-java client for InfluxDB 2.x (Flux queries and writes) configured from an
 * {@link InfluxConnection}: the same proxy, CA file and bounded timeouts as the 1.x path, gzip on,
 * the client's own HTTP logging off (it would print headers).
 */
final class V2Client {

    private V2Client() {
    }

    static InfluxDBClient create(InfluxConnection c) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(c.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(c.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(c.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .proxySelector(c.proxy().selector())
                .followRedirects(false)
                .retryOnConnectionFailure(false);
        if ("https".equals(c.url().getScheme())) {
            X509TrustManager tm = Tls.trustManager(c.caFile());
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
                http.sslSocketFactory(ctx.getSocketFactory(), tm);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(c.url().toString())
                .okHttpClient(http)
                .logLevel(LogLevel.NONE);
        if (c.token() != null) {
            options.authenticateToken(c.token().reveal().toCharArray());
        } else if (c.username() != null) {
            options.authenticate(c.username(), c.password() == null ? new char[0] : c.password().reveal().toCharArray());
        }
        if (c.org() != null) {
            options.org(c.org());
        }
        if (c.bucket() != null) {
            options.bucket(c.bucket());
        }
        InfluxDBClient client = InfluxDBClientFactory.create(options.build());
        client.enableGzip();
        return client;
    }

    /** The library's exception as ours: the status, the server's message, Retry-After; no credential. */
    static InfluxException translate(InfluxConnection c, String what, com.influxdb.exceptions.InfluxException e) {
        int status = e.status();
        if (status == 0) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.io.IOException io) {
                return new InfluxHttp(c).networkFailure(what, io);
            }
            return new InfluxException("network error talking to InfluxDB at " + c.url() + " during the " + what + ": "
                    + Secret.scrub(e.getMessage(), c.secretForms()), 0);
        }
        // the library's message holds the server's body, which may echo the credentials: scrubbed, and the
        // library's exception (with the raw text) is not kept as the cause
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "(no message)"
                : Secret.scrub(e.getMessage(), c.secretForms());
        InfluxException out = new InfluxException("InfluxDB at " + c.url() + " answered " + status + " to the " + what + ": "
                + message + (status == 401 ? " (check INFLUX_TOKEN)" : ""), status);
        Map<String, String> headers = e.headers();
        String retryAfter = headers == null ? null : headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Retry-After")).map(Map.Entry::getValue).findFirst().orElse(null);
        if (retryAfter != null) {
            try {
                out.withRetryAfter(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to our own backoff
            }
        }
        return out;
    }
}
