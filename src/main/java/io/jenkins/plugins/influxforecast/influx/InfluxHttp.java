package io.jenkins.plugins.influxforecast.influx;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * HTTP to InfluxDB with {@code java.net.http}: no extra dependency, streaming bodies both ways, an
 * idle timeout on streamed answers, and full control of the headers (credentials only ever in
 * {@code Authorization}, never in a URL). Certificates are verified (the JVM's trust store, or the
 * connection's CA file); there is no way to turn that off.
 */
final class InfluxHttp {

    static final String USER_AGENT = "influx-forecast";
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final InfluxConnection connection;
    private final HttpClient client;

    InfluxHttp(InfluxConnection connection) {
        this.connection = connection;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(connection.proxy().selector());
        if ("https".equals(connection.url().getScheme())) {
            b.sslContext(Tls.sslContext(connection.caFile()));
        }
        this.client = b.build();
    }

    InfluxConnection connection() {
        return connection;
    }

    HttpClient client() {
        return client;
    }

    /** The URL of an endpoint with its (URL-encoded) query parameters; null values are left out. */
    URI endpoint(String path, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(connection.url().toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A request builder with the authorization, user agent and request timeout set. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(connection.timeout()).header("User-Agent", USER_AGENT);
        String auth = connection.authorizationHeader();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b;
    }

    /**
     * Sends a request, retrying network errors, 429 and 5xx as the policy allows. Returns the first
     * 2xx answer with its body still to be read (close it); throws {@link InfluxException} with the
     * server's message for any other answer.
     */
    HttpResponse<InputStream> send(Supplier<HttpRequest> request, RetryPolicy retry, String what, Consumer<String> log) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest req = request.get();
            InfluxException failure;
            Duration retryAfter = null;
            try {
                HttpResponse<InputStream> response = client.send(req, StreamingBody.handler(connection.timeout()));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response;
                }
                retryAfter = retryAfter(response);
                failure = new InfluxException(describeAnswer(what, status, errorMessage(response)), status);
            } catch (IOException e) {
                failure = networkFailure(what, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfluxException(what + " interrupted", 0, e);
            }
            if (!RetryPolicy.retryable(failure.status()) || attempt >= retry.maxAttempts()) {
                if (attempt > 1) {
                    throw new InfluxException(failure.getMessage() + " (after " + attempt + " attempts)", failure.status(), failure);
                }
                throw failure;
            }
            Duration wait = retry.backoff(attempt, retryAfter);
            log.accept("WARNING: " + failure.getMessage() + "; retrying in " + Durations.format(wait) + " (attempt "
                    + (attempt + 1) + " of " + retry.maxAttempts() + ")");
            RetryPolicy.sleep(wait);
        }
    }

    String describeAnswer(String what, int status, String serverMessage) {
        String hint = switch (status) {
            case 401 -> " (check the username and INFLUX_PASSWORD, or INFLUX_TOKEN)";
            case 403 -> " (the user or token lacks the permission)";
            case 413 -> " (request body too large for the server's max-body-size; use a smaller batch size)";
            default -> "";
        };
        return "InfluxDB at " + connection.url() + " answered " + status + " to the " + what + ": " + serverMessage + hint;
    }

    /** A network failure (no answer) as a clear error; never includes a credential. */
    InfluxException networkFailure(String what, IOException e) {
        String where = connection.url().toString();
        String msg;
        if (e instanceof HttpConnectTimeoutException) {
            msg = "could not connect to InfluxDB at " + where + " within " + Durations.format(connection.connectTimeout())
                    + " (connectTimeout) for the " + what;
        } else if (e instanceof HttpTimeoutException) {
            msg = "InfluxDB at " + where + " did not answer the " + what + " within " + Durations.format(connection.timeout())
                    + " (timeout)" + (e.getMessage() != null && e.getMessage().startsWith("no data") ? ": " + e.getMessage() : "");
        } else if (e instanceof ConnectException || causedBy(e, ConnectException.class)) {
            msg = "cannot connect to InfluxDB at " + where + " for the " + what + ": connection refused (is the server running"
                    + " and the url right?)";
        } else if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
            msg = "cannot connect to InfluxDB at " + where + ": unknown host '" + connection.url().getHost() + "'";
        } else if (e instanceof SSLHandshakeException || causedBy(e, SSLHandshakeException.class)) {
            msg = "TLS handshake with InfluxDB at " + where + " failed: " + rootMessage(e)
                    + " (is the server certificate signed by a CA you trust? give its CA with the caFile option)";
        } else if (e instanceof SSLException || causedBy(e, SSLException.class)) {
            msg = "TLS error talking to InfluxDB at " + where + ": " + rootMessage(e);
        } else {
            msg = "network error talking to InfluxDB at " + where + " during the " + what + ": " + rootMessage(e);
        }
        return new InfluxException(msg, 0, e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The server's error text: the "error" member of a JSON answer, else the body's start. */
    static String errorMessage(HttpResponse<InputStream> response) {
        String body;
        byte[] raw;
        try (InputStream in = response.body()) {
            raw = in.readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            raw = new byte[0];
        }
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/x-msgpack")) {
            String fromMsgpack = msgpackError(raw);
            if (fromMsgpack != null) {
                return fromMsgpack;
            }
        }
        body = new String(raw, StandardCharsets.UTF_8).trim();
        String fromJson = jsonError(body);
        if (fromJson != null) {
            return fromJson;
        }
        if (body.isEmpty()) {
            return "(no message)";
        }
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }

    /** The "error" member of a MessagePack error document, or null. */
    static String msgpackError(byte[] raw) {
        try {
            MsgpackReader r = new MsgpackReader(new java.io.ByteArrayInputStream(raw));
            if (r.peek() != MsgpackReader.Kind.MAP) {
                return null;
            }
            int n = r.mapHeader();
            for (int i = 0; i < n; i++) {
                String key = r.peek() == MsgpackReader.Kind.STRING ? r.string() : null;
                if ("error".equals(key) && r.peek() == MsgpackReader.Kind.STRING) {
                    return r.string();
                }
                r.skip();
            }
        } catch (IOException | RuntimeException e) {
            // not MessagePack after all
        }
        return null;
    }

    /** The "error" (or 2.x "message") member of a JSON error document, or null. */
    static String jsonError(String body) {
        if (!body.startsWith("{")) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject()) {
                JsonObject o = e.getAsJsonObject();
                for (String key : new String[] {"error", "message"}) {
                    if (o.has(key) && o.get(key).isJsonPrimitive()) {
                        return o.get(key).getAsString();
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // not JSON after all
        }
        return null;
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String v = response.headers().firstValue("Retry-After").orElse(null);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.trim();
        try {
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
