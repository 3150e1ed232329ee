package io.jenkins.plugins.influxforecast.history;

import io.jenkins.plugins.influxforecast.evaluate.MaseScale;
import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.report.ForecastCsv;
import io.jenkins.plugins.influxforecast.report.ForecastOutput;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import io.jenkins.plugins.influxforecast.series.Timestamps;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's forecasts as history points (line protocol, nanosecond timestamps) in the
 * {@link HistoryLayout}. The series key holds the lead, the timestamp the target time: a target and
 * a lead determine the origin, so two runs from different origins never share a point, while a
 * rerun from the same origin replaces its own points (idempotent).
 */
public final class HistoryLines {

    private HistoryLines() {
    }

    /** Writes the history points of every series; returns the number of lines. */
    public static int write(Writer w, List<ForecastOutput> outputs, HistoryLayout layout) throws IOException {
        int lines = 0;
        for (ForecastOutput o : outputs) {
            TimeSeries h = o.history();
            Forecast f = o.future();
            Map<String, String> tags = new TreeMap<>(h.tags());
            tags.putAll(layout.extraTags());
            if (tags.containsKey(HistoryLayout.LEAD)) {
                throw new IllegalArgumentException("series " + h.label() + " has a tag '" + HistoryLayout.LEAD
                        + "', which the history uses for the steps ahead; rename the tag or turn history off");
            }
            double scale = scale(h);
            double backtest = backtestMase(o);
            String measurement = layout.measurementFor(h.name());
            for (int i = 0; i < f.horizon(); i++) {
                tags.put(HistoryLayout.LEAD, Integer.toString(i + 1));
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put(layout.valueField(), f.mean(i));
                for (double level : f.levels()) {
                    String name = ForecastCsv.levelName(level);
                    fields.put(HistoryLayout.LOWER + name, f.lower(level)[i]);
                    fields.put(HistoryLayout.UPPER + name, f.upper(level)[i]);
                }
                fields.put(HistoryLayout.ISSUED, (double) layout.issued().getEpochSecond());
                fields.put(HistoryLayout.ORIGIN, (double) h.end().getEpochSecond());
                fields.put(HistoryLayout.MODEL, f.model());
                if (layout.build() != null) {
                    fields.put(HistoryLayout.BUILD, (double) layout.build());
                }
                if (Double.isFinite(scale)) {
                    fields.put(HistoryLayout.SCALE, scale);
                }
                if (Double.isFinite(backtest)) {
                    fields.put(HistoryLayout.BACKTEST_MASE, backtest);
                }
                w.write(LineProtocolWriter.line(LineProtocolWriter.seriesKey(measurement, tags), fields,
                        Timestamps.toEpochNanos(f.time(i))));
                w.write('\n');
                lines++;
            }
        }
        return lines;
    }

    /** MASE's denominator on all the data the forecast was fitted on, with the training lag rule. */
    public static double scale(TimeSeries trained) {
        int m = MaseScale.lag(trained.frequency().defaultSeason(), trained.size());
        double s = Metrics.naiveScale(trained.values(), m);
        return s > 0 ? s : Double.NaN;
    }

    /** The validation MASE of the run (the backtest score), NaN when nothing was held out. */
    public static double backtestMase(ForecastOutput o) {
        if (o.validationForecast() == null || o.validationSize() == 0) {
            return Double.NaN;
        }
        TimeSeries h = o.history();
        int k = o.validationSize();
        TimeSeries train = h.head(h.size() - k);
        int m = MaseScale.lag(h.frequency().defaultSeason(), train.size());
        return Metrics.mase(h.tail(k).values(), o.validationForecast().mean(), train.values(), m);
    }
}
