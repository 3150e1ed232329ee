package io.jenkins.plugins.influxforecast.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.query.FluxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a Flux query on InfluxDB 2.x with influxdb-client-java and streams its records into a
 * {@link PointSink}: one series per Flux table, named by {@code _measurement}, tagged with the
 * table's columns that do not start with {@code _} (besides result and table), the time from
 * {@code _time} and the value from {@code _value}.
 */
public final class FluxSource implements AutoCloseable {

    private final InfluxConnection connection;
    private final InfluxDBClient client;
    private final RetryPolicy retry;
    private final java.util.function.Consumer<String> log;

    /** Without retries. */
    public FluxSource(InfluxConnection connection) {
        this(connection, RetryPolicy.ofRetries(0, Duration.ZERO), m -> { });
    }

    /** Retrying a network error, a 429 or a 5xx (an answer cut off included) as {@code retry} allows, within the timeout. */
    public FluxSource(InfluxConnection connection, RetryPolicy retry, java.util.function.Consumer<String> log) {
        this.connection = connection;
        connection.requireOrg("a Flux query");
        this.client = V2Client.create(connection);
        this.retry = retry;
        this.log = log;
    }

    /**
     * Runs the query and streams its tables into the sink; a query only reads, so an attempt that
     * failed on the network, with a 429 or a 5xx is run again from the start after the sink forgot it.
     */
    public QueryAnswer query(String flux, PointSink sink) {
        return new InfluxHttp(connection).call(retry, "Flux query", log, timeLeft -> attempt(flux, sink), sink::discardAll);
    }

    private QueryAnswer attempt(String flux, PointSink sink) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        RecordHandler handler = new RecordHandler(sink);
        client.getQueryApi().query(flux, connection.org(), (cancellable, record) -> {
            try {
                handler.record(record);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                cancellable.cancel();
                done.countDown();
            }
        }, error -> {
            failure.compareAndSet(null, error);
            done.countDown();
        }, done::countDown);
        try {
            // the read timeout bounds every wait for data; this bounds the whole answer
            if (!done.await(Math.max(connection.timeout().toMillis() * 12, Duration.ofMinutes(10).toMillis()),
                    TimeUnit.MILLISECONDS)) {
                throw new InfluxException("the Flux query on " + connection.url() + " did not finish in time", 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException("Flux query interrupted", 0, e);
        }
        Throwable t = failure.get();
        if (t instanceof com.influxdb.exceptions.InfluxException e) {
            throw V2Client.translate(connection, "Flux query", e);
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t != null) {
            throw new InfluxException("the Flux query on " + connection.url() + " failed: "
                    + Secret.scrub(t.getMessage(), connection.secretForms()), 0);
        }
        handler.finish();
        return new QueryAnswer(handler.series, handler.rows, List.of());
    }

    /** Turns records into series; package-private so a test can feed it records. */
    static final class RecordHandler {
        private final PointSink sink;
        private Integer table;
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        int series;
        long rows;

        RecordHandler(PointSink sink) {
            this.sink = sink;
        }

        void record(FluxRecord r) {
            if (table == null || !table.equals(r.getTable())) {
                if (table != null) {
                    sink.endSeries();
                }
                table = r.getTable();
                String name = r.getMeasurement() == null ? "_result" : r.getMeasurement();
                Map<String, String> tags = new TreeMap<>();
                for (Map.Entry<String, Object> e : r.getValues().entrySet()) {
                    String k = e.getKey();
                    if (!k.startsWith("_") && !k.equals("result") && !k.equals("table") && e.getValue() != null
                            && !String.valueOf(e.getValue()).isEmpty()) {
                        tags.put(k, String.valueOf(e.getValue()));
                    }
                }
                String key = name + tags;
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("the Flux answer has several tables for " + key
                            + " (several fields?); filter one _field or group the tables");
                }
                series++;
                sink.beginSeries(name, tags);
            }
            Instant t = r.getTime();
            if (t == null) {
                throw new IllegalArgumentException("the Flux answer has no _time column; extract needs time series");
            }
            Object v = r.getValue();
            double value;
            if (v == null) {
                value = Double.NaN;
            } else if (v instanceof Number n) {
                value = n.doubleValue();
            } else {
                throw new IllegalArgumentException("_value of " + r.getMeasurement() + " holds " + v.getClass().getSimpleName()
                        + " ('" + v + "'), not numbers; a forecast needs a numeric field");
            }
            rows++;
            sink.point(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()), value);
        }

        void finish() {
            if (table != null) {
                sink.endSeries();
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
