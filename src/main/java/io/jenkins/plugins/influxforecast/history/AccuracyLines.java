package io.jenkins.plugins.influxforecast.history;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accuracy measurement (default {@code <name>-accuracy}): per scored run, one point with
 * {@code lead=all} and one per lead bucket ({@code lead=1}, {@code lead=3-4}...), timestamped with the
 * run's issue time. Tags: the series' tags and {@code lead}; fields: n, mae, rmse, mase, bias,
 * coverage_&lt;level&gt;, lead_from, lead_to, and on the {@code all} point backtest_mase, model, build,
 * origin and complete. A later score run rewrites the points of a run as more of its targets pass.
 */
public final class AccuracyLines {

    /** The lead tag value of a run's overall score. */
    public static final String ALL = "all";

    private AccuracyLines() {
    }

    public static String defaultMeasurement(String name) {
        return name + "-accuracy";
    }

    /** Writes the points; returns the number of lines. */
    public static int write(Writer w, LiveAccuracy accuracy, String measurement, LeadBuckets buckets) throws IOException {
        int lines = 0;
        for (RunScore r : accuracy.runs()) {
            long time = Math.multiplyExact(r.issued(), 1_000_000_000L);
            Map<String, String> tags = new TreeMap<>(r.tags());
            tags.put(HistoryLayout.LEAD, ALL);
            Map<String, Object> fields = fields(r.all());
            if (Double.isFinite(r.backtestMase())) {
                fields.put(HistoryLayout.BACKTEST_MASE, r.backtestMase());
            }
            if (r.model() != null) {
                fields.put(HistoryLayout.MODEL, r.model());
            }
            if (r.build() != null) {
                fields.put(HistoryLayout.BUILD, (double) r.build());
            }
            fields.put(HistoryLayout.ORIGIN, (double) r.origin());
            fields.put("complete", r.complete());
            w.write(LineProtocolWriter.line(LineProtocolWriter.seriesKey(measurement, tags), fields, time));
            w.write('\n');
            lines++;
            for (Map.Entry<String, Score> e : r.byLead().entrySet()) {
                tags.put(HistoryLayout.LEAD, e.getKey());
                Map<String, Object> f = fields(e.getValue());
                LeadBuckets.Bucket b = buckets.bucketOf(Scorer.bucketFrom(e.getKey()));
                f.put("lead_from", (double) b.from());
                if (b.to() != Integer.MAX_VALUE) {
                    f.put("lead_to", (double) b.to());
                }
                w.write(LineProtocolWriter.line(LineProtocolWriter.seriesKey(measurement, tags), f, time));
                w.write('\n');
                lines++;
            }
        }
        return lines;
    }

    private static Map<String, Object> fields(Score s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("n", (double) s.n());
        f.put("mae", s.mae());
        f.put("rmse", s.rmse());
        if (Double.isFinite(s.mase())) {
            f.put("mase", s.mase());
        }
        f.put("bias", s.bias());
        s.coverage().forEach((level, c) -> f.put("coverage_" + level, c));
        return f;
    }
}
