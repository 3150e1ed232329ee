package io.jenkins.plugins.influxforecast.influx;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs an InfluxQL query over HTTP {@code /query} (InfluxDB 1.x; 2.x and 3.x through their v1
 * compatibility API) and streams the answer into a {@link PointSink}.
 *
 * <p>The answer is asked for as MessagePack (1.x: faster to encode than JSON, exact floats) or
 * JSON, never CSV: InfluxDB's CSV answers a missing database, a missing retention policy or an
 * invalid GROUP BY with an empty 200, indistinguishable from "no data"; MessagePack and JSON carry
 * the error of each statement. Times come as epoch nanoseconds
 * ({@code epoch=ns}) and the answer is chunked ({@code chunked=true}), one JSON document per chunk,
 * read as a stream so memory stays bounded whatever the size. A query longer than
 * {@value #MAX_GET_QUERY_LENGTH} characters (URL-encoded) goes in a POST form body.
 */
public final class InfluxQlSource {

    static final int MAX_GET_QUERY_LENGTH = 4000;
    static final String MSGPACK = "application/x-msgpack";
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    private final InfluxHttp http;
    private final RetryPolicy retry;
    private final Consumer<String> log;

    public InfluxQlSource(InfluxConnection connection, RetryPolicy retry, Consumer<String> log) {
        this.http = new InfluxHttp(connection);
        this.retry = retry;
        this.log = log;
    }

    /** The request for a query: GET with the query in the URL, or POST with a form body when long. */
    InfluxHttp.Request request(String query, int chunkSize) {
        InfluxConnection c = http.connection();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("db", c.requireDatabase("an InfluxQL query"));
        params.put("rp", c.retentionPolicy());
        params.put("epoch", "ns");
        params.put("chunked", "true");
        params.put("chunk_size", Integer.toString(chunkSize));
        String accept = c.version() == InfluxVersion.V1 ? MSGPACK : "application/json";
        String encodedQuery = InfluxHttp.encode(query);
        if (encodedQuery.length() <= MAX_GET_QUERY_LENGTH) {
            params.put("q", query);
            return http.request(http.endpoint("/query", params)).header("Accept", accept);
        }
        URI uri = http.endpoint("/query", params);
        byte[] form = ("q=" + encodedQuery).getBytes(StandardCharsets.UTF_8);
        return http.request(uri).header("Accept", accept)
                .header("Content-Type", "application/x-www-form-urlencoded").post(form, form.length);
    }

    /**
     * Runs the query and streams its series into the sink.
     *
     * @param valueColumn the column holding the values, or null for the only column besides time
     */
    public QueryAnswer query(String query, String valueColumn, int chunkSize, PointSink sink) {
        if (chunkSize < 1 || chunkSize > 1_000_000) {
            throw new IllegalArgumentException("chunkSize must be between 1 and 1000000, got " + chunkSize);
        }
        // a query only reads: an attempt cut off mid-answer is run again from the start, after the sink forgot it
        return http.call(retry, "query", log, timeLeft -> {
            try (InfluxHttp.Response response = http.exchange(request(query, chunkSize), timeLeft)) {
                int status = response.statusCode();
                String type = response.header("Content-Type") == null ? "" : response.header("Content-Type");
                if (status >= 400) {
                    throw new InfluxException(http.describeAnswer("query", status, http.errorMessage(response)), status)
                            .withRetryAfter(InfluxHttp.retryAfter(response));
                }
                if (status != 200 || !(type.startsWith(MSGPACK) || type.startsWith("application/json"))) {
                    throw http.unexpectedAnswer("query", response, "200 with JSON or MessagePack");
                }
                InputStream in = response.body();
                QueryAnswer answer;
                try {
                    if (type.startsWith(MSGPACK)) {
                        answer = new MsgpackAnswerParser(new MsgpackReader(in), valueColumn, sink).parse();
                    } else {
                        JsonReader reader = new JsonReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                                1 << 16));
                        reader.setLenient(true); // one JSON document per chunk, one after the other
                        answer = new AnswerParser(reader, valueColumn, sink).parse();
                    }
                } catch (InfluxException e) {
                    // the server's own words (an error in a 200): scrubbed of the credentials like any echo
                    throw new InfluxException(http.scrub(e.getMessage()), e.status());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(http.scrub(e.getMessage()));
                }
                return new QueryAnswer(answer.series(), answer.rows(), answer.messages().stream().map(http::scrub).toList());
            }
        }, sink::discardAll);
    }

    /** Reads the chunked JSON answer: {"results":[{"statement_id":0,"series":[...],"error":...}]} per chunk. */
    static final class AnswerParser extends AnswerState {
        private final JsonReader r;

        AnswerParser(JsonReader r, String valueColumn, PointSink sink) {
            super(valueColumn, sink);
            this.r = r;
        }

        QueryAnswer parse() throws IOException {
            while (r.peek() != JsonToken.END_DOCUMENT) {
                document();
                r.beginObject();
                while (r.hasNext()) {
                    String key = r.nextName();
                    if (key.equals("results")) {
                        r.beginArray();
                        while (r.hasNext()) {
                            result();
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
            return finish();
        }

        private void result() throws IOException {
            partial(false);
            r.beginObject();
            while (r.hasNext()) {
                switch (r.nextName()) {
                    case "statement_id" -> {
                        int id = r.nextInt();
                        if (id != 0) {
                            throw new InfluxException("the query has more than one statement; extract reads one SELECT", 200);
                        }
                    }
                    case "error" -> throw new InfluxException("InfluxDB rejected the query: " + r.nextString(), 200);
                    case "partial" -> partial(r.nextBoolean());
                    case "messages" -> {
                        r.beginArray();
                        while (r.hasNext()) {
                            message();
                        }
                        r.endArray();
                    }
                    case "series" -> {
                        r.beginArray();
                        while (r.hasNext()) {
                            series();
                        }
                        r.endArray();
                    }
                    default -> r.skipValue();
                }
            }
            r.endObject();
        }

        private void message() throws IOException {
            String level = "";
            String text = "";
            r.beginObject();
            while (r.hasNext()) {
                switch (r.nextName()) {
                    case "level" -> level = r.nextString();
                    case "text" -> text = r.nextString();
                    default -> r.skipValue();
                }
            }
            r.endObject();
            message(level, text);
        }

        private void series() throws IOException {
            String name = "";
            Map<String, String> tags = Map.of();
            List<String> columns = null;
            r.beginObject();
            while (r.hasNext()) {
                switch (r.nextName()) {
                    case "name" -> name = r.nextString();
                    case "tags" -> {
                        Map<String, String> t = new LinkedHashMap<>();
                        r.beginObject();
                        while (r.hasNext()) {
                            String k = r.nextName();
                            if (r.peek() == JsonToken.NULL) {
                                r.nextNull();
                            } else {
                                tag(t, k, r.nextString());
                            }
                        }
                        r.endObject();
                        tags = t;
                    }
                    case "columns" -> {
                        columns = new ArrayList<>();
                        r.beginArray();
                        while (r.hasNext()) {
                            columns.add(r.nextString());
                        }
                        r.endArray();
                    }
                    case "values" -> {
                        if (columns == null) {
                            throw new InfluxException("unexpected answer from InfluxDB: values before columns", 200);
                        }
                        startOrContinue(name, tags);
                        values(columns, name, tags);
                    }
                    default -> r.skipValue();
                }
            }
            r.endObject();
        }

        private void values(List<String> columns, String name, Map<String, String> tags) throws IOException {
            int timeIndex = columns.indexOf("time");
            if (timeIndex < 0) {
                throw new IllegalArgumentException("the query's answer has no time column (columns " + columns
                        + "); extract needs time series, e.g. SELECT ... FROM ...");
            }
            int valueIndex = valueIndex(columns);
            int width = columns.size();
            r.beginArray();
            while (r.hasNext()) {
                r.beginArray();
                long time = 0;
                double value = Double.NaN;
                for (int i = 0; i < width && r.hasNext(); i++) {
                    if (i == timeIndex) {
                        time = time();
                    } else if (i == valueIndex) {
                        value = value(columns.get(i), name, tags);
                    } else {
                        r.skipValue();
                    }
                }
                while (r.hasNext()) {
                    r.skipValue();
                }
                r.endArray();
                point(time, value);
            }
            r.endArray();
        }

        private long time() throws IOException {
            if (r.peek() == JsonToken.NUMBER) {
                return r.nextLong();
            }
            String s = r.nextString();
            try {
                Instant t = Instant.parse(s);
                return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new InfluxException("unexpected time '" + s + "' in InfluxDB's answer", 200);
            }
        }

        private double value(String column, String name, Map<String, String> tags) throws IOException {
            JsonToken t = r.peek();
            if (t == JsonToken.NUMBER) {
                return r.nextDouble();
            }
            if (t == JsonToken.NULL) {
                r.nextNull();
                return Double.NaN;
            }
            String v = t == JsonToken.BOOLEAN ? Boolean.toString(r.nextBoolean()) : r.nextString();
            throw notNumeric(column, name, tags, t == JsonToken.BOOLEAN, v);
        }
    }

    /** What both answer parsers share: series boundaries across chunks, the value column, counts. */
    abstract static class AnswerState {
        private final String valueColumn;
        private final PointSink sink;
        private final List<String> messages = new ArrayList<>();
        private String currentName;
        private Map<String, String> currentTags;
        private int series;
        private long rows;

        AnswerState(String valueColumn, PointSink sink) {
            this.valueColumn = valueColumn == null || valueColumn.isBlank() ? null : valueColumn;
            this.sink = sink;
        }

        /** The last result read was marked partial: more chunks must follow. */
        private boolean partial;

        final void partial(boolean more) {
            partial = more;
        }

        private int documents;

        final void document() {
            documents++;
        }

        /**
         * A tag of a series; an empty value (InfluxDB's answer for a GROUP BY tag that the points
         * lack) is no tag at all, as line protocol has no empty tag values.
         */
        static void tag(Map<String, String> tags, String key, String value) {
            if (!value.isEmpty()) {
                tags.put(key, value);
            }
        }

        final void message(String level, String text) {
            messages.add(level + ": " + text);
        }

        final void point(long time, double value) {
            rows++;
            sink.point(time, value);
        }

        final QueryAnswer finish() throws IOException {
            if (documents == 0) {
                throw new InfluxHttp.TruncatedAnswer("the answer was empty");
            }
            if (partial) {
                throw new InfluxHttp.TruncatedAnswer("the answer ended after a chunk marked partial, before its last chunk");
            }
            if (currentName != null) {
                sink.endSeries();
            }
            return new QueryAnswer(series, rows, messages);
        }

        final void startOrContinue(String name, Map<String, String> tags) {
            if (currentName != null && currentName.equals(name) && Objects.equals(currentTags, tags)) {
                return; // the next chunk of the same series
            }
            if (currentName != null) {
                sink.endSeries();
            }
            currentName = name;
            currentTags = tags;
            series++;
            sink.beginSeries(name, tags);
        }

        final int valueIndex(List<String> columns) {
            if (valueColumn != null) {
                int i = columns.indexOf(valueColumn);
                if (i < 0 || valueColumn.equals("time")) {
                    throw new IllegalArgumentException("valueColumn '" + valueColumn + "' is not among the query's columns "
                            + columns);
                }
                return i;
            }
            if (columns.size() == 2) {
                return columns.get(0).equals("time") ? 1 : 0;
            }
            throw new IllegalArgumentException("the query returns the columns " + columns
                    + "; select one value column, or name it with valueColumn");
        }

        static int timeIndex(List<String> columns) {
            int timeIndex = columns.indexOf("time");
            if (timeIndex < 0) {
                throw new IllegalArgumentException("the query's answer has no time column (columns " + columns
                        + "); extract needs time series, e.g. SELECT ... FROM ...");
            }
            return timeIndex;
        }

        static IllegalArgumentException notNumeric(String column, String name, Map<String, String> tags, boolean bool,
                String v) {
            return new IllegalArgumentException("column '" + column + "' of series " + name + (tags.isEmpty() ? "" : tags)
                    + " holds " + (bool ? "booleans" : "text") + " ('" + (v.length() > 40 ? v.substring(0, 40) + "..." : v)
                    + "'), not numbers; a forecast needs a numeric field");
        }
    }

    /** Reads the chunked MessagePack answer of InfluxDB 1.x: the same documents as JSON, binary. */
    static final class MsgpackAnswerParser extends AnswerState {
        private final MsgpackReader r;

        MsgpackAnswerParser(MsgpackReader r, String valueColumn, PointSink sink) {
            super(valueColumn, sink);
            this.r = r;
        }

        QueryAnswer parse() throws IOException {
            while (r.peek() != MsgpackReader.Kind.END) {
                document();
                int n = r.mapHeader();
                for (int k = 0; k < n; k++) {
                    String key = r.string();
                    if (key.equals("results")) {
                        int results = r.arrayHeader();
                        for (int j = 0; j < results; j++) {
                            result();
                        }
                    } else if (key.equals("error")) {
                        throw new InfluxException("InfluxDB rejected the query: " + r.string(), 200);
                    } else {
                        r.skip();
                    }
                }
            }
            return finish();
        }

        private void result() throws IOException {
            partial(false);
            int n = r.mapHeader();
            for (int k = 0; k < n; k++) {
                switch (r.string()) {
                    case "statement_id" -> {
                        if (r.integer() != 0) {
                            throw new InfluxException("the query has more than one statement; extract reads one SELECT", 200);
                        }
                    }
                    case "error" -> throw new InfluxException("InfluxDB rejected the query: " + r.string(), 200);
                    case "partial" -> partial(r.bool());
                    case "messages" -> {
                        int m = r.arrayHeader();
                        for (int j = 0; j < m; j++) {
                            String level = "";
                            String text = "";
                            int fields = r.mapHeader();
                            for (int f = 0; f < fields; f++) {
                                switch (r.string()) {
                                    case "level" -> level = r.string();
                                    case "text" -> text = r.string();
                                    default -> r.skip();
                                }
                            }
                            message(level, text);
                        }
                    }
                    case "series" -> {
                        int m = r.arrayHeader();
                        for (int j = 0; j < m; j++) {
                            series();
                        }
                    }
                    default -> r.skip();
                }
            }
        }

        private void series() throws IOException {
            String name = "";
            Map<String, String> tags = Map.of();
            List<String> columns = null;
            int n = r.mapHeader();
            for (int k = 0; k < n; k++) {
                switch (r.string()) {
                    case "name" -> name = r.string();
                    case "tags" -> {
                        Map<String, String> t = new LinkedHashMap<>();
                        int m = r.mapHeader();
                        for (int j = 0; j < m; j++) {
                            String key = r.string();
                            if (r.peek() == MsgpackReader.Kind.NIL) {
                                r.nil();
                            } else {
                                tag(t, key, r.string());
                            }
                        }
                        tags = t;
                    }
                    case "columns" -> {
                        columns = new ArrayList<>();
                        int m = r.arrayHeader();
                        for (int j = 0; j < m; j++) {
                            columns.add(r.string());
                        }
                    }
                    case "values" -> {
                        if (columns == null) {
                            throw new InfluxException("unexpected answer from InfluxDB: values before columns", 200);
                        }
                        startOrContinue(name, tags);
                        values(columns, name, tags);
                    }
                    default -> r.skip();
                }
            }
        }

        private void values(List<String> columns, String name, Map<String, String> tags) throws IOException {
            int timeIndex = timeIndex(columns);
            int valueIndex = valueIndex(columns);
            int rows = r.arrayHeader();
            boolean timeThenValue = timeIndex == 0 && valueIndex == 1;
            for (int j = 0; j < rows; j++) {
                int width = r.arrayHeader();
                if (width == 2 && timeThenValue && r.timeAndFloat()) {
                    point(r.fastTime, r.fastValue);
                    continue;
                }
                long time = 0;
                double value = Double.NaN;
                for (int i = 0; i < width; i++) {
                    if (i == timeIndex) {
                        if (r.peek() != MsgpackReader.Kind.INTEGER) {
                            throw new InfluxException("unexpected time in InfluxDB's answer (not epoch nanoseconds)", 200);
                        }
                        time = r.integer();
                    } else if (i == valueIndex) {
                        MsgpackReader.Kind kind = r.peek();
                        switch (kind) {
                            case FLOAT, INTEGER -> value = r.number();
                            case NIL -> r.nil();
                            case BOOLEAN -> throw notNumeric(columns.get(i), name, tags, true, Boolean.toString(r.bool()));
                            case STRING -> throw notNumeric(columns.get(i), name, tags, false, r.string());
                            default -> throw new InfluxException("unexpected value in InfluxDB's answer", 200);
                        }
                    } else {
                        r.skip();
                    }
                }
                point(time, value);
            }
        }
    }
}
