package io.jenkins.plugins.influxforecast.influx;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs an InfluxQL SELECT that answers with several columns of any type (floats, strings, booleans)
 * and returns its series as tables, e.g. the forecast history with its bounds, model and issue time.
 * For queries of bounded size (the answer is held in memory); a stream of one numeric column goes
 * through {@link InfluxQlSource} instead. The answer is chunked JSON with epoch-nanosecond times;
 * the chunks of one series are joined.
 */
public final class InfluxQlTable {

    /**
     * One series of the answer.
     *
     * @param name    the measurement
     * @param tags    the GROUP BY tags
     * @param columns the column names, {@code time} first as InfluxDB sends it
     * @param rows    the values per row: Long for time, Double for numbers, String, Boolean, or null
     */
    public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> rows) {

        public Series {
            tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
            columns = columns == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
            rows = rows == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rows));
        }

        /** The index of a column, or -1. */
        public int column(String column) {
            return columns.indexOf(column);
        }
    }

    /** A series while its answer is read: the chunks of one series are appended to its rows. */
    private static final class Part {
        final String name;
        final Map<String, String> tags;
        final List<String> columns;
        final List<List<Object>> rows;

        Part(String name, Map<String, String> tags, List<String> columns, List<List<Object>> rows) {
            this.name = name;
            this.tags = tags;
            this.columns = columns;
            this.rows = rows;
        }
    }

    private final InfluxHttp http;
    private final RetryPolicy retry;
    private final Consumer<String> log;

    public InfluxQlTable(InfluxConnection connection, RetryPolicy retry, Consumer<String> log) {
        this.http = new InfluxHttp(connection);
        this.retry = retry == null ? RetryPolicy.DEFAULT : retry;
        this.log = log;
    }

    /** Runs one read-only SELECT and returns its series; an answer cut off mid-body is asked for again. */
    public List<Series> query(String query) {
        InfluxQl.checkReadOnly(query);
        InfluxConnection c = http.connection();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("db", c.requireDatabase("an InfluxQL query"));
        params.put("rp", c.retentionPolicy());
        params.put("epoch", "ns");
        params.put("chunked", "true");
        params.put("chunk_size", "10000");
        byte[] form = ("q=" + InfluxHttp.encode(query)).getBytes(StandardCharsets.UTF_8);
        return http.call(retry, "query", log, timeLeft -> {
            try (InfluxHttp.Response response = http.exchange(http.request(http.endpoint("/query", params))
                    .header("Accept", "application/json").header("Content-Type", "application/x-www-form-urlencoded")
                    .post(form, form.length), timeLeft)) {
                int status = response.statusCode();
                String type = response.header("Content-Type") == null ? "" : response.header("Content-Type");
                if (status >= 400) {
                    throw new InfluxException(http.describeAnswer("query", status, http.errorMessage(response)), status)
                            .withRetryAfter(InfluxHttp.retryAfter(response));
                }
                if (status != 200 || !type.startsWith("application/json")) {
                    throw http.unexpectedAnswer("query", response, "200 with JSON");
                }
                InputStream in = response.body();
                JsonReader r = new JsonReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
                r.setLenient(true); // one JSON document per chunk
                List<Part> out = new ArrayList<>();
                try {
                    while (r.peek() != JsonToken.END_DOCUMENT) {
                        document(r, out);
                    }
                } catch (InfluxException e) {
                    throw new InfluxException(http.scrub(e.getMessage()), e.status());
                }
                return out.stream().map(p -> new Series(p.name, p.tags, p.columns, p.rows)).toList();
            }
        }, () -> { });
    }

    private static void document(JsonReader r, List<Part> out) throws IOException {
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            if (key.equals("results")) {
                r.beginArray();
                while (r.hasNext()) {
                    result(r, out);
                }
                r.endArray();
            } else if (key.equals("error")) {
                throw new InfluxException("InfluxDB rejected the query: " + r.nextString(), 200);
            } else {
                r.skipValue();
            }
        }
        r.endObject();
    }

    private static void result(JsonReader r, List<Part> out) throws IOException {
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "error" -> throw new InfluxException("InfluxDB rejected the query: " + r.nextString(), 200);
                case "series" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        series(r, out);
                    }
                    r.endArray();
                }
                default -> r.skipValue();
            }
        }
        r.endObject();
    }

    private static void series(JsonReader r, List<Part> out) throws IOException {
        String name = "";
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "name" -> name = r.nextString();
                case "tags" -> {
                    r.beginObject();
                    while (r.hasNext()) {
                        String k = r.nextName();
                        if (r.peek() == JsonToken.NULL) {
                            r.nextNull();
                            tags.put(k, "");
                        } else {
                            tags.put(k, r.nextString());
                        }
                    }
                    r.endObject();
                }
                case "columns" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        columns.add(r.nextString());
                    }
                    r.endArray();
                }
                case "values" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        List<Object> row = new ArrayList<>();
                        r.beginArray();
                        while (r.hasNext()) {
                            row.add(value(r, row.isEmpty() && !columns.isEmpty() && columns.get(0).equals("time")));
                        }
                        r.endArray();
                        rows.add(row);
                    }
                    r.endArray();
                }
                default -> r.skipValue();
            }
        }
        r.endObject();
        Part last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.name.equals(name) && Objects.equals(last.tags, tags) && last.columns.equals(columns)) {
            last.rows.addAll(rows); // the next chunk of the same series
        } else {
            out.add(new Part(name, tags, columns, rows));
        }
    }

    private static Object value(JsonReader r, boolean time) throws IOException {
        JsonToken t = r.peek();
        return switch (t) {
            case NULL -> {
                r.nextNull();
                yield null;
            }
            case NUMBER -> time ? (Object) r.nextLong() : (Object) r.nextDouble();
            case BOOLEAN -> r.nextBoolean();
            case STRING -> r.nextString();
            default -> {
                r.skipValue();
                yield null;
            }
        };
    }
}
