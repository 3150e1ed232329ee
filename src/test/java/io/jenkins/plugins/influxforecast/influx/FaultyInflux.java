package io.jenkins.plugins.influxforecast.influx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A fake InfluxDB on a raw socket that answers each request with a scripted fault, in order, and
 * passes every request after the script on to a real InfluxDB (when it has one). It is not
 * InfluxDB: it only stands between the code under test and a real server, so that a test can say
 * what the real server holds after each fault. Every answer closes its connection.
 */
final class FaultyInflux implements AutoCloseable {

    /** What to do with one request. */
    enum Fault {
        /** Pass on to the real server, answer what it answers. */
        NONE,
        /** 500 with a JSON error, nothing passed on. */
        STATUS_500,
        /** 503 with Retry-After: 1, nothing passed on. */
        STATUS_503_RETRY_AFTER,
        /** 429 with Retry-After: 1, nothing passed on. */
        STATUS_429_RETRY_AFTER,
        /** 200 with an HTML page (a proxy's login page), nothing passed on. */
        LIE_200_HTML,
        /** 200 with {"error":...}, nothing passed on. */
        LIE_200_JSON_ERROR,
        /** 200 with an empty body and no content type, nothing passed on. */
        LIE_200_EMPTY,
        /** 307 to another host, nothing passed on. */
        REDIRECT,
        /** Passed on; the answer in chunked encoding, cut in the middle of a chunk. */
        TRUNCATED_CHUNKED,
        /** Passed on (asking JSON); the answer cut at the end of its first JSON document (a chunk marked partial). */
        TRUNCATED_AT_DOCUMENT,
        /** Passed on (MessagePack); the answer cut at the end of its first document (a chunk marked partial). */
        TRUNCATED_AT_MSGPACK_DOCUMENT,
        /** Passed on; the answer with its full Content-Length, but the connection closed after 40 bytes of it. */
        CLOSE_AFTER_BYTES,
        /** Nothing passed on, never answered. */
        HANG_BEFORE,
        /** Passed on; the headers and half the answer sent, then nothing more. */
        HANG_DURING_BODY,
        /** 401 whose body (and content type) echo the request line and every header, Authorization included. */
        ECHO_HEADERS,
        /** 200 whose body and content type echo the request's headers (a lie that leaks). */
        ECHO_HEADERS_200,
        /** 200 with {"error": the request line and every header} (InfluxDB's way to report a failed statement). */
        ECHO_HEADERS_200_JSON,
        /** A write: its last line dropped, the rest passed on, then 400 "partial write: ... dropped=1". */
        PARTIAL_WRITE,
        /** A write: its last line dropped, the rest passed on, then 400 "partial write: unable to parse '<line>': ...". */
        PARTIAL_WRITE_UNPARSED,
        /** A write: its last line dropped, the rest passed on, then 400 "partial write" without a count. */
        PARTIAL_WRITE_UNCOUNTED,
        /** Passed on (written), then 500: the acknowledgement lost. */
        LOST_ACK_500,
        /** Passed on (written), then the connection closed without an answer. */
        LOST_ACK_CLOSE
    }

    /** A request as it arrived. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket socket;
    private final String upstream;
    private final Deque<Fault> script = new ArrayDeque<>();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-influx");
        t.setDaemon(true);
        return t;
    });
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Fault> played = Collections.synchronizedList(new ArrayList<>());

    /** @param upstream the real server's URL, or null: then a request after the script is answered 500 */
    FaultyInflux(String upstream) throws IOException {
        this.upstream = upstream;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** The next requests get these faults, one each, in order. */
    FaultyInflux script(Fault... faults) {
        synchronized (script) {
            script.addAll(List.of(faults));
        }
        return this;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            Request r = read(s.getInputStream());
            if (r == null) {
                return;
            }
            requests.add(r);
            Fault f;
            synchronized (script) {
                f = script.isEmpty() ? Fault.NONE : script.poll();
            }
            played.add(f);
            answer(f, r, s.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ended
        } finally {
            open.remove(s);
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                    : c == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] first = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(first[0], first[1], headers, body);
    }

    private record Upstream(int status, String contentType, byte[] body) {
    }

    private Upstream forward(Request r, byte[] body, boolean json) throws IOException {
        if (upstream == null) {
            return new Upstream(500, "application/json", "{\"error\":\"no server behind the fake\"}".getBytes(StandardCharsets.UTF_8));
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(upstream + r.target()).toURL().openConnection(java.net.Proxy.NO_PROXY);
        c.setRequestMethod(r.method());
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        for (String h : List.of("authorization", "content-type", "content-encoding", "accept")) {
            if (r.header(h) != null && !(h.equals("content-encoding") && body != r.body())) {
                c.setRequestProperty(h, r.header(h));
            }
        }
        if (json) {
            c.setRequestProperty("Accept", "application/json");
        }
        if (r.method().equals("POST")) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] answer = in == null ? new byte[0] : in.readAllBytes();
        String type = c.getContentType();
        c.disconnect();
        return new Upstream(status, type, answer);
    }

    private void answer(Fault f, Request r, OutputStream out) throws IOException, InterruptedException {
        switch (f) {
            case NONE -> {
                Upstream u = forward(r, r.body(), false);
                respond(out, u.status(), u.contentType(), Map.of(), u.body());
            }
            case STATUS_500 -> respond(out, 500, "application/json", Map.of(), json("{\"error\":\"internal error (injected)\"}"));
            case STATUS_503_RETRY_AFTER -> respond(out, 503, "text/plain", Map.of("Retry-After", "1"), json("busy (injected)"));
            case STATUS_429_RETRY_AFTER -> respond(out, 429, "application/json", Map.of("Retry-After", "1"),
                    json("{\"error\":\"too many requests (injected)\"}"));
            case LIE_200_HTML -> respond(out, 200, "text/html; charset=utf-8", Map.of(),
                    json("<html><body>Please log in to the proxy</body></html>"));
            case LIE_200_JSON_ERROR -> respond(out, 200, "application/json", Map.of(),
                    json("{\"error\":\"timeout (injected)\"}"));
            case LIE_200_EMPTY -> respond(out, 200, null, Map.of(), new byte[0]);
            case REDIRECT -> respond(out, 307, "text/plain", Map.of("Location", "http://127.0.0.2:9" + r.target()),
                    json("moved"));
            case TRUNCATED_CHUNKED -> {
                Upstream u = forward(r, r.body(), false);
                String head = "HTTP/1.1 " + u.status() + " X\r\nContent-Type: " + u.contentType()
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (u.body().length > 0) {
                    out.write((Integer.toHexString(u.body().length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(u.body(), 0, u.body().length / 2);
                }
                out.flush();
            }
            case TRUNCATED_AT_DOCUMENT -> {
                Upstream u = forward(r, r.body(), true);
                int end = indexOf(u.body(), (byte) '\n');
                byte[] first = java.util.Arrays.copyOf(u.body(), end < 0 ? u.body().length : end + 1);
                String head = "HTTP/1.1 " + u.status() + " X\r\nContent-Type: " + u.contentType()
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write((Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(first);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)); // a well-formed end: only "partial" tells
                out.flush();
            }
            case TRUNCATED_AT_MSGPACK_DOCUMENT -> {
                Upstream u = forward(r, r.body(), false);
                byte[] first = java.util.Arrays.copyOf(u.body(), firstMsgpackDocument(u.body()));
                String head = "HTTP/1.1 " + u.status() + " X\r\nContent-Type: " + u.contentType()
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write((Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(first);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            case CLOSE_AFTER_BYTES -> {
                Upstream u = forward(r, r.body(), false);
                writeHead(out, u.status(), u.contentType(), Map.of(), u.body().length);
                out.write(u.body(), 0, Math.min(40, u.body().length / 2));
                out.flush();
            }
            case HANG_BEFORE -> Thread.sleep(60_000);
            case HANG_DURING_BODY -> {
                Upstream u = forward(r, r.body(), false);
                writeHead(out, u.status(), u.contentType(), Map.of(), u.body().length);
                out.write(u.body(), 0, u.body().length / 2);
                out.flush();
                Thread.sleep(60_000);
            }
            case ECHO_HEADERS -> {
                String echo = echo(r);
                respond(out, 401, "text/plain; echo=" + r.header("authorization"), Map.of(), json(echo));
            }
            case ECHO_HEADERS_200 -> {
                String echo = echo(r);
                respond(out, 200, "text/plain; echo=" + r.header("authorization"), Map.of(), json(echo));
            }
            case ECHO_HEADERS_200_JSON -> respond(out, 200, "application/json", Map.of(),
                    json("{\"error\":" + quoteJson(echo(r)) + "}"));
            case PARTIAL_WRITE, PARTIAL_WRITE_UNPARSED, PARTIAL_WRITE_UNCOUNTED -> {
                byte[] lines = plain(r);
                String text = new String(lines, StandardCharsets.UTF_8).strip();
                int cut = text.lastIndexOf('\n');
                String kept = cut < 0 ? "" : text.substring(0, cut + 1);
                String last = text.substring(cut + 1);
                if (!kept.isEmpty()) {
                    Upstream u = forward(r, kept.getBytes(StandardCharsets.UTF_8), false);
                    if (u.status() != 204) {
                        throw new IOException("the server behind the fake refused the kept lines: " + u.status());
                    }
                }
                String error = switch (f) {
                    case PARTIAL_WRITE -> "partial write: points beyond retention policy dropped=1";
                    case PARTIAL_WRITE_UNPARSED -> "partial write: unable to parse '" + last + "': bad timestamp dropped=0";
                    default -> "partial write: some points were not stored";
                };
                respond(out, 400, "application/json", Map.of(), json("{\"error\":" + quoteJson(error) + "}"));
            }
            case LOST_ACK_500 -> {
                forward(r, r.body(), false);
                respond(out, 500, "application/json", Map.of(), json("{\"error\":\"engine: write failed (injected)\"}"));
            }
            case LOST_ACK_CLOSE -> forward(r, r.body(), false);
            default -> throw new IllegalStateException(f.toString());
        }
    }

    /** The length of the first MessagePack document of an answer (read one byte at a time, so none is read ahead). */
    static int firstMsgpackDocument(byte[] body) throws IOException {
        int[] consumed = {0};
        InputStream oneByOne = new InputStream() {
            @Override
            public int read() {
                return consumed[0] < body.length ? body[consumed[0]++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        new MsgpackReader(oneByOne).skip();
        return consumed[0];
    }

    /** The body of a write, gunzipped when it came gzip-compressed. */
    private static byte[] plain(Request r) throws IOException {
        if ("gzip".equalsIgnoreCase(r.header("content-encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                return in.readAllBytes();
            }
        }
        return r.body();
    }

    private static String echo(Request r) {
        StringBuilder sb = new StringBuilder("you sent: ").append(r.method()).append(' ').append(r.target()).append('\n');
        r.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String quoteJson(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void writeHead(OutputStream out, int status, String type, Map<String, String> headers, int length)
            throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        if (type != null) {
            sb.append("Content-Type: ").append(type).append("\r\n");
        }
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (status != 204) {
            sb.append("Content-Length: ").append(length).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(OutputStream out, int status, String type, Map<String, String> headers, byte[] body)
            throws IOException {
        writeHead(out, status, type, headers, body.length);
        if (status != 204) {
            out.write(body);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
        pool.shutdownNow();
    }
}
