package io.jenkins.plugins.influxforecast.influx;

import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Line protocol over HTTP: InfluxDB 1.x {@code /write?db=&rp=&precision=}, InfluxDB 2.x
 * {@code /api/v2/write?org=&bucket=&precision=} and InfluxDB 3.x
 * {@code /api/v2/write?bucket=<database>&precision=} (v2 compatibility), with a token on 2.x and
 * 3.x, gzip-compressed (fastest level: on a LAN the server's time dominates, not the bytes). One
 * HTTP path for all three, so that "written" means the same everywhere: a 204.
 */
public final class HttpWriteTarget implements WriteTarget {

    private final InfluxHttp http;
    private final boolean gzip;
    private final Gzipper gzipper = new Gzipper();

    HttpWriteTarget(InfluxHttp http, boolean gzip) {
        this.http = http;
        this.gzip = gzip;
    }

    public static HttpWriteTarget of(InfluxConnection connection, boolean gzip) {
        if (connection.version() == InfluxVersion.V2) {
            connection.requireOrg("load");
            connection.requireBucket("load");
            if (connection.token() == null) {
                throw new IllegalArgumentException("load on InfluxDB 2.x needs a token with write permission on bucket '"
                        + connection.bucket() + "': set the environment variable " + InfluxConnection.ENV_TOKEN
                        + " (a username and password only reach its v1 API)");
            }
        } else {
            connection.requireDatabase("load");
        }
        return new HttpWriteTarget(new InfluxHttp(connection), gzip);
    }

    URI uri(Precision precision) {
        InfluxConnection c = http.connection();
        Map<String, String> params = new LinkedHashMap<>();
        if (c.version() == InfluxVersion.V1) {
            params.put("db", c.database());
            params.put("rp", c.retentionPolicy());
            params.put("precision", precision.v1());
            return http.endpoint("/write", params);
        }
        if (c.version() == InfluxVersion.V2) {
            params.put("org", c.org());
            params.put("bucket", c.bucket());
            params.put("precision", precision.v2());
            return http.endpoint("/api/v2/write", params);
        }
        params.put("bucket", c.retentionPolicy() == null ? c.database() : c.database() + "/" + c.retentionPolicy());
        params.put("precision", precision.v2());
        return http.endpoint("/api/v2/write", params);
    }

    @Override
    public void write(byte[] lines, int length, int points, Precision precision) {
        Body body;
        if (gzip) {
            synchronized (gzipper) {
                body = prepare(lines, length);
            }
        } else {
            body = prepare(lines, length);
        }
        send(body, points, precision);
    }

    @Override
    public Body prepare(byte[] lines, int length) {
        return gzip ? gzipper.compress(lines, length) : new Body(lines, length, false);
    }

    @Override
    public void send(Body body, int points, Precision precision) {
        send(body, points, precision, http.connection().timeout());
    }

    /**
     * One attempt: done only when InfluxDB answers 204 (what /write and /api/v2/write answer for
     * points written); any other answer, a 200 or a redirect included, is a failure naming its
     * status and content type, with nothing counted as written.
     */
    @Override
    public void send(Body body, int points, Precision precision, java.time.Duration timeLeft) {
        InfluxHttp.Request request = http.request(uri(precision)).header("Content-Type", "text/plain; charset=utf-8")
                .post(body.bytes(), body.length());
        if (body.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        try (InfluxHttp.Response response = http.exchange(request, timeLeft)) {
            int status = response.statusCode();
            if (status == 204) {
                response.discard();
                return;
            }
            if (status / 100 == 2 || status / 100 == 3 || status / 100 == 1) {
                throw http.unexpectedAnswer("write", response, "204");
            }
            throw new InfluxException(http.describeAnswer("write", status, http.errorMessage(response)), status)
                    .withRetryAfter(InfluxHttp.retryAfter(response));
        } catch (IOException e) {
            throw http.networkFailure("write", e);
        }
    }

    @Override
    public java.time.Duration timeout() {
        return http.connection().timeout();
    }

    /**
     * gzip (RFC 1952) with one reused deflater at the fastest level: on a LAN the server's time
     * dominates, not the bytes, and a new deflater per batch would set up zlib's tables each time.
     */
    static final class Gzipper {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final CRC32 crc = new CRC32();

        Body compress(byte[] data, int length) {
            byte[] out = new byte[Math.max(64, length / 3)];
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            int n = HEADER.length;
            deflater.reset();
            deflater.setInput(data, 0, length);
            deflater.finish();
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            crc.reset();
            crc.update(data, 0, length);
            if (n + 8 > out.length) {
                out = Arrays.copyOf(out, n + 8);
            }
            n = putIntLe(out, n, (int) crc.getValue());
            n = putIntLe(out, n, length);
            return new Body(out, n, true);
        }

        private static int putIntLe(byte[] b, int at, int v) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
            b[at + 2] = (byte) (v >>> 16);
            b[at + 3] = (byte) (v >>> 24);
            return at + 4;
        }
    }

    @Override
    public String describe() {
        InfluxConnection c = http.connection();
        if (c.version() == InfluxVersion.V2) {
            return "InfluxDB 2.x at " + c.url() + ", org " + c.org() + ", bucket " + c.bucket();
        }
        return "InfluxDB " + c.version().number() + ".x at " + c.url() + ", database " + c.database()
                + (c.retentionPolicy() == null ? "" : ", retention policy " + c.retentionPolicy());
    }
}
