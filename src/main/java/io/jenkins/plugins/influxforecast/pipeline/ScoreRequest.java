package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.history.AccuracyLines;
import io.jenkins.plugins.influxforecast.history.HistoryLayout;
import io.jenkins.plugins.influxforecast.history.LeadBuckets;
import io.jenkins.plugins.influxforecast.history.Scorer;
import io.jenkins.plugins.influxforecast.influx.Durations;
import io.jenkins.plugins.influxforecast.influx.InfluxConnection;
import io.jenkins.plugins.influxforecast.influx.InfluxQl;
import io.jenkins.plugins.influxforecast.influx.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A validated {@code score} request (see {@link Commands#SCORE}): where the history and the actuals
 * are read from, as of when, how the scores are grouped and judged, and where they go.
 *
 * @param connection          the InfluxDB the history is read from and the accuracy written to
 * @param name                the forecast's name (the series name), for the default measurements and labels
 * @param historyMeasurement  the history measurement
 * @param accuracyMeasurement the accuracy measurement
 * @param field               the forecast value's field in the history
 * @param actuals             the CSV of actuals (the extract's output), or null
 * @param actualsQuery        a raw InfluxQL query for the actuals, or null
 * @param asOf                forecasts with a target at or before this are scored
 * @param lookback            how far back from asOf runs are read
 * @param scorer              lead buckets, runs compared for drift, drift factor and the live MASE gate
 * @param outputDir           the folder score.json, accuracy.lp and history.png go to
 * @param retry               retries of the queries and writes
 * @param every               the schedule's interval, for the missed runs; null for none
 */
public record ScoreRequest(InfluxConnection connection, String name, String historyMeasurement, String accuracyMeasurement,
        String field, Path actuals, String actualsQuery, Instant asOf, Duration lookback, Scorer scorer, Path outputDir,
        RetryPolicy retry, Duration every) {

    /** From option values keyed by step parameter name; {@code now} is the default asOf. */
    public static ScoreRequest fromOptions(Map<String, ?> given, Map<String, String> env, Path workDir, Instant now) {
        Map<String, Object> o = Commands.SCORE.withDefaults(given);
        String outputDir = InfluxOptions.string(o, "outputDir");
        if (outputDir == null) {
            throw new IllegalArgumentException("outputDir is required (the folder score.json, accuracy.lp and history.png go to)");
        }
        String name = InfluxOptions.string(o, "name");
        String history = InfluxOptions.string(o, "historyMeasurement");
        String accuracy = InfluxOptions.string(o, "accuracyMeasurement");
        if (name == null && (history == null || accuracy == null)) {
            throw new IllegalArgumentException("name is required (the forecast's name: the history is read from"
                    + " <name>-forecast-history, the accuracy written to <name>-accuracy), unless historyMeasurement and"
                    + " accuracyMeasurement are both given");
        }
        String actuals = InfluxOptions.string(o, "actuals");
        String query = InfluxOptions.string(o, "actualsQuery");
        if ((actuals == null) == (query == null)) {
            throw new IllegalArgumentException("give exactly one of actuals (the extract's CSV) or actualsQuery (a raw InfluxQL"
                    + " query), got " + (actuals == null ? "none" : "both"));
        }
        if (query != null) {
            InfluxQl.checkReadOnly(query);
        }
        String asOfText = InfluxOptions.string(o, "asOf");
        Instant asOf = now;
        if (asOfText != null) {
            try {
                asOf = java.time.OffsetDateTime.parse(asOfText.trim()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("asOf must be an ISO-8601 time such as 2024-05-01T12:00:00Z, got '" + asOfText.trim() + "'");
            }
        }
        Duration lookback = Durations.parse("lookback", InfluxOptions.stringOr(o, "lookback", "30d"));
        if (lookback.isZero() || lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must be > 0 (e.g. 30d), got '" + o.get("lookback") + "'");
        }
        Scorer scorer = new Scorer(LeadBuckets.parse(InfluxOptions.string(o, "leadBuckets")),
                InfluxOptions.integer(o, "runs", 5), decimal(o, "driftFactor", 1.5), decimalOrNull(o, "maxLiveMase"));
        String field = InfluxOptions.stringOr(o, "field", "value");
        InfluxConnection connection = InfluxOptions.connection(o, env);
        return new ScoreRequest(connection, name == null ? history : name,
                history != null ? history : HistoryLayout.defaultMeasurement(name),
                accuracy != null ? accuracy : AccuracyLines.defaultMeasurement(name), field,
                actuals == null ? null : workDir.resolve(actuals), query, asOf, lookback, scorer, workDir.resolve(outputDir),
                InfluxOptions.retry(o), every(InfluxOptions.string(o, "every")));
    }

    private static Duration every(String text) {
        if (text == null) {
            return null;
        }
        Duration d = Durations.parse("every", text);
        if (d.getSeconds() < 1) {
            throw new IllegalArgumentException("every must be at least 1s (the schedule's interval, e.g. 12h), got '" + text + "'");
        }
        return d;
    }

    private static double decimal(Map<String, ?> o, String key, double fallback) {
        Double d = decimalOrNull(o, key);
        return d == null ? fallback : d;
    }

    private static Double decimalOrNull(Map<String, ?> o, String key) {
        String s = InfluxOptions.string(o, key);
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + s + "'");
        }
    }
}
