package io.jenkins.plugins.influxforecast.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Line protocol over HTTP: InfluxDB 1.x {@code /write?db=&rp=&precision=} and InfluxDB 3.x
 * {@code /api/v2/write?bucket=<database>&precision=} (v2 compatibility, with a token), gzip-compressed
 * (fastest level: on a LAN the server's time dominates, not the bytes).
 */
public final class HttpWriteTarget implements WriteTarget {

    private final InfluxHttp http;
    private final boolean gzip;

    HttpWriteTarget(InfluxHttp http, boolean gzip) {
        this.http = http;
        this.gzip = gzip;
    }

    public static HttpWriteTarget of(InfluxConnection connection, boolean gzip) {
        if (connection.version() == InfluxVersion.V2) {
            throw new IllegalArgumentException("InfluxDB 2.x writes go through influxdb-client-java (V2WriteTarget)");
        }
        connection.requireDatabase("load");
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
        params.put("bucket", c.retentionPolicy() == null ? c.database() : c.database() + "/" + c.retentionPolicy());
        params.put("precision", precision.v2());
        return http.endpoint("/api/v2/write", params);
    }

    @Override
    public void write(byte[] lines, int length, int points, Precision precision) {
        byte[] body;
        int bodyLength;
        if (gzip) {
            Compressed c = gzip(lines, length);
            body = c.bytes;
            bodyLength = c.length;
        } else {
            body = lines;
            bodyLength = length;
        }
        InfluxHttp.Request request = http.request(uri(precision)).header("Content-Type", "text/plain; charset=utf-8")
                .post(body, bodyLength);
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        try (InfluxHttp.Response response = http.exchange(request)) {
            int status = response.statusCode();
            if (status / 100 == 2) {
                response.discard();
                return;
            }
            throw new InfluxException(http.describeAnswer("write", status, InfluxHttp.errorMessage(response)), status)
                    .withRetryAfter(InfluxHttp.retryAfter(response));
        } catch (IOException e) {
            throw http.networkFailure("write", e);
        }
    }

    private record Compressed(byte[] bytes, int length) {
    }

    private static Compressed gzip(byte[] data, int length) {
        Exposed out = new Exposed(Math.max(1024, length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Compressed(out.buffer(), out.size());
    }

    /** A ByteArrayOutputStream whose buffer can be read without a copy. */
    private static final class Exposed extends ByteArrayOutputStream {
        Exposed(int size) {
            super(size);
        }

        byte[] buffer() {
            return buf;
        }
    }


    @Override
    public String describe() {
        InfluxConnection c = http.connection();
        return "InfluxDB " + c.version().number() + ".x at " + c.url() + ", database " + c.database()
                + (c.retentionPolicy() == null ? "" : ", retention policy " + c.retentionPolicy());
    }
}
