package io.jenkins.plugins.influxforecast.influx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A structured query: one field of one measurement, filtered by tag values, optionally aggregated
 * per time window, over a time range or the last N points, optionally one series per tag set. It
 * renders to InfluxQL ({@link #toInfluxQl()}) or Flux ({@link #toFlux(String)}) with every name and
 * value quoted, so no tag value can change the query's meaning.
 *
 * @param measurement the measurement
 * @param field       the field to read (renamed {@code value} in the result)
 * @param tagFilters  tag key = value conditions; several values of one key are alternatives (OR),
 *                    different keys must all hold (AND)
 * @param aggregate   mean, median, mode, sum, count, min, max, first, last, spread or stddev, or null for raw points
 * @param window      the aggregation window (InfluxQL duration: 10m, 1h...), required with an aggregate
 * @param start       inclusive start: an instant (2024-05-01T00:00:00Z), a date (2024-05-01, UTC) or a
 *                    duration back from now (30d); null for no lower bound
 * @param end         exclusive end, same forms (or now); null for no upper bound
 * @param last        only the last N points (per series), or null for all
 * @param groupBy     tag keys: one series per combination of their values
 */
public record SeriesQuery(String measurement, String field, List<TagFilter> tagFilters, String aggregate, String window,
        String start, String end, Integer last, List<String> groupBy) {

    /** One {@code key = value} condition. */
    public record TagFilter(String key, String value) {

        /** Parses {@code key=value}; the first {@code =} separates (the value may contain more). */
        public static TagFilter parse(String text) {
            int eq = text == null ? -1 : text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("tag filter must be key=value, got '" + text + "'");
            }
            return new TagFilter(text.substring(0, eq), text.substring(eq + 1));
        }
    }

    /** In the order the help lists them. */
    public static final List<String> AGGREGATES = List.of("mean", "median", "mode", "sum", "count", "min", "max", "first",
            "last", "spread", "stddev");

    public SeriesQuery {
        if (measurement == null || measurement.isEmpty()) {
            throw new IllegalArgumentException("measurement is required for a structured query (or give a raw query)");
        }
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("field must not be empty");
        }
        tagFilters = tagFilters == null ? List.of() : List.copyOf(tagFilters);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        if (aggregate != null && aggregate.isBlank()) {
            aggregate = null;
        }
        if (aggregate != null) {
            aggregate = aggregate.trim().toLowerCase(Locale.ROOT);
            if (!AGGREGATES.contains(aggregate)) {
                throw new IllegalArgumentException("aggregate must be one of " + String.join(", ", AGGREGATES)
                        + ", got '" + aggregate + "'");
            }
            if (window == null || window.isBlank()) {
                throw new IllegalArgumentException("window is required with aggregate '" + aggregate + "' (e.g. 10m, 1h)");
            }
        }
        if (window != null && window.isBlank()) {
            window = null;
        }
        if (window != null) {
            if (aggregate == null) {
                throw new IllegalArgumentException("window '" + window + "' needs an aggregate (e.g. mean)");
            }
            window = InfluxQl.duration("window", window);
        }
        if (last != null && last < 1) {
            throw new IllegalArgumentException("last must be >= 1, got " + last);
        }
        for (String g : groupBy) {
            if (g == null || g.isEmpty()) {
                throw new IllegalArgumentException("groupBy tag keys must not be empty");
            }
        }
        start = blankToNull(start);
        end = blankToNull(end);
        if (start != null) {
            timeBound("start", start);
        }
        if (end != null) {
            timeBound("end", end);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A time bound: {@code now}, a duration back from now, an instant or a date. */
    sealed interface TimeBound permits Now, Ago, At {
    }

    record Now() implements TimeBound {
    }

    record Ago(String duration) implements TimeBound {
    }

    record At(Instant instant) implements TimeBound {
    }

    static TimeBound timeBound(String parameter, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return new Now();
        }
        if (InfluxQl.isDuration(t)) {
            return new Ago(t);
        }
        try {
            return new At(Instant.parse(t));
        } catch (DateTimeParseException e) {
            try {
                return new At(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(parameter + " must be an instant (2024-05-01T00:00:00Z), a date"
                        + " (2024-05-01), a duration back from now (30d) or now, got '" + text + "'");
            }
        }
    }

    /** The InfluxQL statement; the selected column is always named {@code value}. */
    public String toInfluxQl() {
        StringBuilder q = new StringBuilder("SELECT ");
        String f = InfluxQl.identifier(field);
        q.append(aggregate == null ? f : aggregate + "(" + f + ")").append(" AS \"value\" FROM ")
                .append(InfluxQl.identifier(measurement));
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : filtersByKey().entrySet()) {
            String key = InfluxQl.identifier(e.getKey());
            conditions.add(e.getValue().stream().map(v -> key + " = " + InfluxQl.string(v))
                    .collect(Collectors.joining(" OR ", "(", ")")));
        }
        if (start != null) {
            conditions.add("time >= " + influxQlTime(timeBound("start", start)));
        }
        if (end != null) {
            conditions.add("time < " + influxQlTime(timeBound("end", end)));
        }
        if (!conditions.isEmpty()) {
            q.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        List<String> groups = new ArrayList<>();
        if (window != null) {
            groups.add("time(" + window + ")");
        }
        groupBy.forEach(g -> groups.add(InfluxQl.identifier(g)));
        if (!groups.isEmpty()) {
            q.append(" GROUP BY ").append(String.join(", ", groups));
        }
        if (window != null) {
            // empty windows would come back as nulls (and, without a time range, one per window up
            // to now()); leaving them out lets the forecast's own gap filling see real gaps
            q.append(" fill(none)");
        }
        if (last != null) {
            q.append(" ORDER BY time DESC LIMIT ").append(last);
        }
        return q.toString();
    }

    private Map<String, List<String>> filtersByKey() {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (TagFilter t : tagFilters) {
            byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.value());
        }
        return byKey;
    }

    private static String influxQlTime(TimeBound b) {
        if (b instanceof Now) {
            return "now()";
        }
        if (b instanceof Ago a) {
            return "now() - " + a.duration();
        }
        return InfluxQl.string(((At) b).instant().toString());
    }

    /**
     * The Flux query for InfluxDB 2.x on {@code bucket}. Flux needs a range: without a start, the
     * query reads from the epoch. Results are sorted by time within each series.
     */
    public String toFlux(String bucket) {
        StringBuilder q = new StringBuilder();
        q.append("from(bucket: ").append(Flux.string(bucket)).append(")\n");
        q.append("  |> range(start: ").append(start == null ? "0" : fluxTime(timeBound("start", start)));
        if (end != null) {
            q.append(", stop: ").append(fluxTime(timeBound("end", end)));
        }
        q.append(")\n");
        q.append("  |> filter(fn: (r) => r._measurement == ").append(Flux.string(measurement))
                .append(" and r._field == ").append(Flux.string(field)).append(")\n");
        for (Map.Entry<String, List<String>> e : filtersByKey().entrySet()) {
            String key = Flux.column(e.getKey());
            q.append("  |> filter(fn: (r) => ").append(e.getValue().stream().map(v -> key + " == " + Flux.string(v))
                    .collect(Collectors.joining(" or "))).append(")\n");
        }
        List<String> keys = new ArrayList<>(List.of("_measurement", "_field"));
        keys.addAll(groupBy);
        q.append("  |> group(columns: ").append(keys.stream().map(Flux::string).collect(Collectors.joining(", ", "[", "]")))
                .append(")\n");
        if (aggregate != null) {
            q.append("  |> aggregateWindow(every: ").append(window).append(", fn: ").append(fluxAggregate())
                    .append(", createEmpty: false, timeSrc: \"_start\")\n");
        }
        q.append("  |> sort(columns: [\"_time\"])\n");
        if (last != null) {
            q.append("  |> tail(n: ").append(last).append(")\n");
        }
        return q.toString();
    }

    private String fluxAggregate() {
        return switch (aggregate) {
            case "first", "last", "mean", "median", "mode", "sum", "count", "min", "max", "spread", "stddev" -> aggregate;
            default -> throw new IllegalStateException(aggregate);
        };
    }

    private static String fluxTime(TimeBound b) {
        if (b instanceof Now) {
            return "now()";
        }
        if (b instanceof Ago a) {
            return "-" + a.duration();
        }
        return ((At) b).instant().toString();
    }
}
