package io.jenkins.plugins.influxforecast.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.WritePrecision;
import io.jenkins.plugins.influxforecast.lineprotocol.Precision;
import java.nio.charset.StandardCharsets;

/** Writes line protocol to an InfluxDB 2.x bucket with influxdb-client-java (blocking, gzip). */
public final class V2WriteTarget implements WriteTarget, AutoCloseable {

    private final InfluxConnection connection;
    private final InfluxDBClient client;
    private final String org;
    private final String bucket;

    public V2WriteTarget(InfluxConnection connection) {
        this(connection, true);
    }

    public V2WriteTarget(InfluxConnection connection, boolean gzip) {
        this.connection = connection;
        this.org = connection.requireOrg("load");
        this.bucket = connection.requireBucket("load");
        this.client = V2Client.create(connection);
        if (!gzip) {
            client.disableGzip();
        }
    }

    static WritePrecision precision(Precision p) {
        return switch (p) {
            case NS -> WritePrecision.NS;
            case US -> WritePrecision.US;
            case MS -> WritePrecision.MS;
            case S -> WritePrecision.S;
        };
    }

    @Override
    public void write(byte[] lines, int length, int points, Precision precision) {
        // the library takes the body as text; the lines already end with line breaks
        String body = new String(lines, 0, length, StandardCharsets.UTF_8);
        try {
            client.getWriteApiBlocking().writeRecord(bucket, org, precision(precision), body);
        } catch (com.influxdb.exceptions.InfluxException e) {
            throw V2Client.translate(connection, "write", e);
        }
    }

    @Override
    public String describe() {
        return "InfluxDB 2.x at " + connection.url() + ", org " + org + ", bucket " + bucket;
    }

    @Override
    public void close() {
        client.close();
    }
}
