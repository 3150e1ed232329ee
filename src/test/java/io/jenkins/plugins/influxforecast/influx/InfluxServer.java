package io.jenkins.plugins.influxforecast.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real InfluxDB 1.x (Debian's influxd) for one test class, started and stopped with
 * test-harness/influxdb/start.sh and stop.sh. Register it as
 * {@code @RegisterExtension static InfluxServer server = InfluxServer.plain();}. Its helpers talk
 * to the server with plain java.net.http, independently of the code under test.
 */
public final class InfluxServer implements BeforeAllCallback, AfterAllCallback {

    private final boolean auth;
    private final boolean tls;
    private final String adminPassword;
    private Path certs;
    private Path dir;
    private int port;
    private long pid;
    private boolean running;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .proxy(HttpClient.Builder.NO_PROXY).build();

    private InfluxServer(boolean auth, boolean tls) {
        this.auth = auth;
        this.tls = tls;
        this.adminPassword = auth ? "pw-" + Long.toHexString(System.nanoTime()) + "'\"x" : null;
    }

    /** Without authentication. */
    public static InfluxServer plain() {
        return new InfluxServer(false, false);
    }

    /** HTTPS with a certificate from a throw-away CA ({@link #caFile()}), made by make-certs.sh. */
    public static InfluxServer withTls() {
        return new InfluxServer(false, true);
    }

    /** The PEM file of the CA that signed the server's certificate (TLS variant). */
    public Path caFile() {
        return certs.resolve("ca.pem");
    }

    /** With authentication on and an admin user {@code admin} (password: {@link #adminPassword()}). */
    public static InfluxServer withAuth() {
        return new InfluxServer(true, false);
    }

    static Path harness() {
        String base = System.getProperty("influxforecast.baseDir", System.getProperty("user.dir"));
        return Path.of(base, "test-harness", "influxdb");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        if (dir != null) {
            run(harness().resolve("stop.sh").toString(), dir.toString());
        }
        if (certs != null) {
            run("-c", "rm -rf \"$0\"", certs.toString());
        }
    }

    /** Starts the server; after {@link #stop()}, starts it again on the same data (possibly another port). */
    public void start() throws IOException, InterruptedException {
        if (dir == null) {
            dir = Files.createTempDirectory("influx-it-");
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash",
                harness().resolve("start.sh").toString(), "--dir", dir.toString()));
        if (auth) {
            command.add("--auth");
        }
        if (tls) {
            if (certs == null) {
                certs = Files.createTempDirectory("influx-certs-");
                run(harness().resolve("make-certs.sh").toString(), certs.toString());
            }
            command.addAll(java.util.List.of("--tls", certs.resolve("server.pem").toString(),
                    certs.resolve("server.key").toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        if (auth) {
            pb.environment().put("INFLUX_ADMIN_USER", "admin");
            pb.environment().put("INFLUX_ADMIN_PASSWORD", adminPassword);
        }
        String out = run(pb);
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        port = Integer.parseInt(env.get("port"));
        pid = Long.parseLong(env.get("pid"));
        running = true;
    }

    /** Stops the server by its pid (keeps its folder until the class ends). */
    public void stop() throws IOException, InterruptedException {
        if (running) {
            run(harness().resolve("stop.sh").toString(), Long.toString(pid));
            running = false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return run(new ProcessBuilder("bash").command(prepend(command)));
    }

    private static String[] prepend(String[] command) {
        String[] c = new String[command.length + 1];
        c[0] = "bash";
        System.arraycopy(command, 0, c, 1, command.length);
        return c;
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", pb.command()) + " failed: " + out);
        }
        return out;
    }

    public int port() {
        return port;
    }

    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The environment the engine would get for this server (credentials for the auth variant). */
    public Map<String, String> engineEnvironment() {
        return auth ? Map.of("INFLUX_USERNAME", "admin", "INFLUX_PASSWORD", adminPassword) : Map.of();
    }

    /** A connection for the code under test. */
    public InfluxConnection connection(String database) {
        return InfluxConnection.builder().url(url()).version("1").database(database).environment(engineEnvironment())
                .proxy("none").connectTimeout("2s").timeout("30s").build();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (auth) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /** POST /query (any statement); returns the JSON answer; fails on a non-200. */
    public String query(String database, String q) throws IOException, InterruptedException {
        HttpResponse<String> r = queryRaw(database, q);
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
            throw new IOException("query '" + q + "' failed: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** POST /query of any text, as it is; the answer whatever it is. */
    public HttpResponse<String> queryRaw(String database, String q) throws IOException, InterruptedException {
        String body = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        return http.send(request(URI.create(url() + "/query?epoch=ns"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public void createDatabase(String database) throws IOException, InterruptedException {
        query(null, "CREATE DATABASE " + InfluxQl.identifier(database));
    }

    /** POST /write of line protocol (nanosecond timestamps). */
    public void write(String database, String lines) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(URI.create(url() + "/write?db=" + URLEncoder.encode(database,
                StandardCharsets.UTF_8) + "&precision=ns")).POST(HttpRequest.BodyPublishers.ofString(lines)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IOException("write failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** The number of points of a measurement (COUNT of a field). */
    public long count(String database, String measurement, String field) throws IOException, InterruptedException {
        String json = query(database, "SELECT count(" + InfluxQl.identifier(field) + ") FROM " + InfluxQl.identifier(measurement));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"values\":\\[\\[\\d+,(\\d+)\\]\\]").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
