package io.jenkins.plugins.influxforecast.influx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP server that records requests and plays scripted answers: for unit tests of what the
 * 2.x and 3.x paths send and how answers are read (no 2.x or 3.x server is available here). It is
 * not InfluxDB and no test claims it is.
 */
final class HttpFixture implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    record Answer(int status, Map<String, String> headers, String body, long stallMillis) {
        /** An answer; a JSON body comes with InfluxDB's content type. */
        static Answer of(int status, String body) {
            return new Answer(status, body.startsWith("{") ? Map.of("Content-Type", "application/json") : Map.of(), body, 0);
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-fixture");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Answer> answers = new ArrayDeque<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    HttpFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    HttpFixture answer(Answer a) {
        synchronized (answers) {
            answers.add(a);
        }
        return this;
    }

    HttpFixture answer(int status, String body) {
        return answer(Answer.of(status, body));
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        InputStream in = new ByteArrayInputStream(raw);
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                Map.copyOf(ex.getRequestHeaders()), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        Answer a;
        synchronized (answers) {
            a = answers.isEmpty() ? Answer.of(500, "{\"error\":\"no answer scripted\"}") : answers.poll();
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        if (a.status() == 204) {
            ex.sendResponseHeaders(204, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(a.status(), a.stallMillis() > 0 ? 0 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            if (a.stallMillis() > 0) {
                os.write(body, 0, body.length / 2);
                os.flush();
                Thread.sleep(a.stallMillis());
            }
            os.write(body, a.stallMillis() > 0 ? body.length / 2 : 0, a.stallMillis() > 0 ? body.length - body.length / 2
                    : body.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up: expected in the stall test
        }
    }

    @Override
    public void close() {
        executor.shutdownNow(); // interrupts a stalled answer
        server.stop(0);
    }
}
