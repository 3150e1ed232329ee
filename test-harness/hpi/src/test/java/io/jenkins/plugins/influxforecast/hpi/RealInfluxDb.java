package io.jenkins.plugins.influxforecast.hpi;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away InfluxDB 1.x with authentication, started and stopped by the repository's
 * test-harness/influxdb scripts (Debian's influxd must be installed), with plain-HTTP helpers that
 * do not share code with the plugin.
 */
final class RealInfluxDb implements AutoCloseable {

    final String password = "pw-" + Long.toHexString(System.nanoTime()) + "'\"$x";
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Skips the calling test (JUnit assumption) with the reason when Debian's influxd is not on the
     * PATH: these tests need a real InfluxDB, never a stand-in.
     */
    static void assumeInstalled() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "influxd"));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(found,
                "influxd is not installed (Debian package influxdb, 1.x): this test needs a real InfluxDB and is skipped");
    }

    RealInfluxDb() throws IOException, InterruptedException {
        assumeInstalled();
        dir = Files.createTempDirectory("influx-hpi-");
        ProcessBuilder pb = new ProcessBuilder("bash", harness().resolve("start.sh").toString(), "--auth", "--dir", dir.toString());
        pb.environment().put("INFLUX_ADMIN_USER", "admin");
        pb.environment().put("INFLUX_ADMIN_PASSWORD", password);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("start.sh failed: " + out);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        port = Integer.parseInt(env.get("port"));
    }

    static Path harness() {
        return Path.of(System.getProperty("influxforecast.baseDir", "../.."), "test-harness", "influxdb");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }

    String query(String db, String q) throws IOException, InterruptedException {
        String body = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + (db == null ? "" : "&db=" + URLEncoder.encode(db, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(request("/query").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
            throw new IOException(q + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    void write(String db, String lines) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request("/write?precision=ns&db=" + URLEncoder.encode(db, StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IOException("write: " + r.statusCode() + " " + r.body());
        }
    }

    long count(String db, String measurement) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"values\":\\[\\[[^,]+,(\\d+)\\]\\]").matcher(query(db, "SELECT count(\"value\") FROM \"" + measurement + "\""));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("bash", harness().resolve("stop.sh").toString(), dir.toString()).inheritIO().start().waitFor();
    }
}
