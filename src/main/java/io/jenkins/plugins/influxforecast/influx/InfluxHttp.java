package io.jenkins.plugins.influxforecast.influx;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP to InfluxDB with the JDK's {@link HttpURLConnection}: no extra dependency, blocking I/O on
 * the caller's thread (cheap to start: a run is one short-lived process, and java.net.http's
 * client costs about a second of start-up and more CPU per request), kept-alive connections,
 * streamed answers, a read timeout that bounds both the wait for an answer and every pause inside
 * a streamed one, and full control of the headers (credentials only ever in {@code Authorization},
 * never in a URL). Certificates and host names are verified (the JVM's trust store, or the
 * connection's CA file); there is no way to turn that off. Redirects are not followed.
 */
final class InfluxHttp {

    static final String USER_AGENT = "influx-forecast";
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final InfluxConnection connection;
    private final SSLSocketFactory tls;
    private final java.util.List<String> secretForms;

    InfluxHttp(InfluxConnection connection) {
        this.connection = connection;
        this.secretForms = connection.secretForms();
        this.tls = "https".equals(connection.url().getScheme()) ? Tls.sslContext(connection.caFile()).getSocketFactory() : null;
    }

    InfluxConnection connection() {
        return connection;
    }

    /** One request: method, URL, headers and an optional body. */
    static final class Request {
        final URI uri;
        final Map<String, String> headers = new LinkedHashMap<>();
        String method = "GET";
        byte[] body;
        int bodyLength;

        Request(URI uri) {
            this.uri = uri;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A POST of {@code body[0, length)} (not copied: keep it unchanged until the answer came). */
        Request post(byte[] data, int length) {
            method = "POST";
            body = data;
            bodyLength = length;
            return this;
        }
    }

    /** An answer: status, headers and the body stream (close it, or the response). */
    static final class Response implements AutoCloseable {
        private final HttpURLConnection conn;
        private final int status;
        private final InputStream body;

        Response(HttpURLConnection conn, int status, InputStream body) {
            this.conn = conn;
            this.status = status;
            this.body = body;
        }

        int statusCode() {
            return status;
        }

        /** A header's value, or null. */
        String header(String name) {
            return conn.getHeaderField(name);
        }

        InputStream body() {
            return body;
        }

        /** Reads the rest of the body (so the connection can be reused) and closes it. */
        void discard() {
            try (InputStream in = body) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the status was what mattered
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    /** Connecting took longer than connectTimeout. */
    static final class ConnectTimeout extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Duration after;

        ConnectTimeout(IOException cause, Duration after) {
            super(cause.getMessage(), cause);
            this.after = after;
        }
    }

    /** The answer did not start, or stopped coming, within the timeout. */
    static final class AnswerTimeout extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Duration after;

        AnswerTimeout(String message, IOException cause, Duration after) {
            super(message, cause);
            this.after = after;
        }
    }

    /** The answer stopped before its end: a connection closed mid-body, or a chunked answer cut after a partial chunk. */
    static final class TruncatedAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        TruncatedAnswer(String message) {
            super(message);
        }
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

    /** A request with the authorization and user agent set. */
    Request request(URI uri) {
        Request r = new Request(uri).header("User-Agent", USER_AGENT);
        String auth = connection.authorizationHeader();
        if (auth != null) {
            r.header("Authorization", auth);
        }
        return r;
    }

    /**
     * Sends one request and returns the answer, whatever its status, with the body to be read
     * (the error body for a 4xx or 5xx). Connecting may take {@code connectTimeout} and the answer
     * {@code timeLeft} to start and between two reads (both capped to {@code timeLeft}). Network
     * failures, including timeouts, are IOExceptions for {@link #networkFailure}.
     */
    Response exchange(Request r, Duration timeLeft) throws IOException {
        HttpURLConnection c = (HttpURLConnection) r.uri.toURL().openConnection(connection.proxy().proxy(r.uri));
        if (tls != null && c instanceof HttpsURLConnection s) {
            s.setSSLSocketFactory(tls);
        }
        Duration connectTimeout = connection.connectTimeout().compareTo(timeLeft) < 0 ? connection.connectTimeout() : timeLeft;
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(timeLeft));
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestMethod(r.method);
        r.headers.forEach(c::setRequestProperty);
        if (!r.headers.containsKey("Accept")) {
            c.setRequestProperty("Accept", "*/*");
        }
        if (r.body != null) {
            // buffered, not streamed: the JDK then reads a 401 answer instead of failing with HttpRetryException
            c.setDoOutput(true);
        }
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            throw new ConnectTimeout(e, connectTimeout);
        }
        int status;
        try {
            if (r.body != null) {
                try (OutputStream out = c.getOutputStream()) {
                    out.write(r.body, 0, r.bodyLength);
                }
            }
            status = c.getResponseCode();
        } catch (SocketTimeoutException e) {
            c.disconnect();
            throw new AnswerTimeout(null, e, timeLeft);
        } catch (IOException e) {
            c.disconnect();
            throw e;
        }
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            in = new ByteArrayInputStream(new byte[0]);
        }
        return new Response(c, status, new IdleTimeoutStream(in, c, timeLeft));
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** A streamed body whose read timeout is reported as "no data for ..." and drops the connection. */
    private static final class IdleTimeoutStream extends FilterInputStream {
        private final HttpURLConnection conn;
        private final Duration idle;

        IdleTimeoutStream(InputStream in, HttpURLConnection conn, Duration idle) {
            super(in);
            this.conn = conn;
            this.idle = idle;
        }

        private AnswerTimeout timeout(SocketTimeoutException e) {
            conn.disconnect();
            return new AnswerTimeout("no data for " + Durations.format(idle) + " while reading the answer (timeout)", e, idle);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                throw timeout(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw timeout(e);
            }
        }
    }

    /** One attempt of a request: it may use {@code timeLeft}; an IOException is a network failure (retryable). */
    @FunctionalInterface
    interface Attempt<T> {
        T run(Duration timeLeft) throws IOException;
    }

    /**
     * Runs attempts of one idempotent request until one succeeds, retrying network failures
     * (including answers cut off mid-body), 429 and 5xx as the policy allows, all within the
     * connection's {@code timeout}: no attempt starts, and no wait runs, past it, and each attempt
     * may only use the time left. {@code beforeRetry} runs before each retry (to forget what a
     * failed attempt delivered). Throws the last failure, with the number of attempts.
     */
    <T> T call(RetryPolicy retry, String what, Consumer<String> log, Attempt<T> attempt, Runnable beforeRetry) {
        long deadline = System.nanoTime() + connection.timeout().toNanos();
        for (int n = 1; ; n++) {
            InfluxException failure;
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            try {
                return attempt.run(left);
            } catch (IOException e) {
                failure = networkFailure(what, e);
            } catch (InfluxException e) {
                failure = e;
            }
            String stop = null;
            Duration wait = null;
            if (!RetryPolicy.retryable(failure.status())) {
                stop = "";
            } else if (n >= retry.maxAttempts()) {
                stop = " (after " + n + " attempts)";
            } else {
                wait = retry.backoff(n, failure.retryAfter());
                Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
                if (remaining.compareTo(wait.plusMillis(100)) <= 0) {
                    stop = " (after " + n + " attempt" + (n == 1 ? "" : "s") + "; no time left for another within the timeout of "
                            + Durations.format(connection.timeout()) + ")";
                }
            }
            if (stop != null) {
                if (stop.isEmpty()) {
                    throw failure;
                }
                throw new InfluxException(failure.getMessage() + stop, failure.status(), failure).notSent(failure.notSent());
            }
            log.accept("WARNING: " + failure.getMessage() + "; retrying in " + Durations.format(wait) + " (attempt "
                    + (n + 1) + " of " + retry.maxAttempts() + ")");
            RetryPolicy.sleep(wait);
            beforeRetry.run();
        }
    }

    /** An answer that is not a success of this request, as a failure naming its status and content type. */
    InfluxException unexpectedAnswer(String what, Response response, String expected) {
        String type = response.header("Content-Type");
        return new InfluxException("InfluxDB at " + connection.url() + " answered " + response.statusCode() + " ("
                + (type == null || type.isBlank() ? "no content type" : scrub(type)) + ") to the " + what + ", not " + expected
                + ": " + errorMessage(response), response.statusCode()).withRetryAfter(retryAfter(response));
    }

    String describeAnswer(String what, int status, String serverMessage) {
        String hint = switch (status) {
            case 401 -> " (check the username and INFLUX_PASSWORD, or INFLUX_TOKEN)";
            case 403 -> " (the user or token lacks the permission)";
            case 413 -> " (request body too large for the server's max-body-size; use a smaller batch size)";
            default -> "";
        };
        return "InfluxDB at " + connection.url() + " answered " + status + " to the " + what + ": " + scrub(serverMessage) + hint;
    }

    /** A network failure (no answer) as a clear error; never includes a credential. */
    InfluxException networkFailure(String what, IOException e) {
        String where = connection.url().toString();
        String msg;
        boolean notSent = false;
        if (e instanceof ConnectTimeout t) {
            msg = "could not connect to InfluxDB at " + where + " within " + Durations.format(t.after)
                    + " (connectTimeout) for the " + what;
            notSent = true;
        } else if (e instanceof AnswerTimeout t) {
            msg = "InfluxDB at " + where + " did not answer the " + what + " within " + Durations.format(t.after)
                    + " (timeout)" + (e.getMessage() != null && e.getMessage().startsWith("no data") ? ": " + e.getMessage() : "");
        } else if (e instanceof TruncatedAnswer) {
            msg = "InfluxDB at " + where + " cut off its answer to the " + what + ": " + e.getMessage();
        } else if (e instanceof ConnectException || causedBy(e, ConnectException.class)) {
            notSent = true;
            msg = "cannot connect to InfluxDB at " + where + " for the " + what + ": connection refused (is the server running"
                    + " and the url right?)";
        } else if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
            msg = "cannot connect to InfluxDB at " + where + ": unknown host '" + connection.url().getHost() + "'";
            notSent = true;
        } else if (e instanceof SSLHandshakeException || causedBy(e, SSLHandshakeException.class)) {
            notSent = true;
            msg = "TLS handshake with InfluxDB at " + where + " failed: " + rootMessage(e)
                    + " (is the server certificate signed by a CA you trust? give its CA with the caFile option)";
        } else if (e instanceof SSLException || causedBy(e, SSLException.class)) {
            msg = "TLS error talking to InfluxDB at " + where + ": " + rootMessage(e);
        } else {
            msg = "network error talking to InfluxDB at " + where + " during the " + what + ": " + rootMessage(e);
        }
        return new InfluxException(scrub(msg), 0, e).notSent(notSent);
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

    /** The server's error text (credentials in use scrubbed): the "error" member of a JSON answer, else the body's start. */
    String errorMessage(Response response) {
        return scrub(rawErrorMessage(response));
    }

    /** Every form of the credentials in use replaced by {@code ****}. */
    String scrub(String text) {
        return Secret.scrub(text, secretForms);
    }

    private static String rawErrorMessage(Response response) {
        String body;
        byte[] raw;
        try (InputStream in = response.body()) {
            raw = in.readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            raw = new byte[0];
        }
        String type = response.header("Content-Type");
        if (type != null && type.startsWith("application/x-msgpack")) {
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
    static Duration retryAfter(Response response) {
        String v = response.header("Retry-After");
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
