package io.jenkins.plugins.influxforecast.report;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocolWriter;
import io.jenkins.plugins.influxforecast.model.Forecast;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * forecast.csv: {@code time,value} and {@code lower_<level>,upper_<level>} per interval level, ISO-8601
 * UTC times. With several series, leading {@code name,tags} columns say which series a row belongs
 * to (tags in line-protocol form, as InfluxDB 1.x CSV has them).
 */
public final class ForecastCsv {

    private ForecastCsv() {
    }

    public static void write(Path file, List<ForecastOutput> outputs) throws IOException {
        boolean multi = outputs.size() > 1;
        double[] levels = outputs.isEmpty() ? new double[0] : outputs.get(0).future().levels();
        List<String> header = new ArrayList<>();
        if (multi) {
            header.add("name");
            header.add("tags");
        }
        header.add("time");
        header.add("value");
        for (double l : levels) {
            header.add("lower_" + levelName(l));
            header.add("upper_" + levelName(l));
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).get().print(w)) {
            for (ForecastOutput o : outputs) {
                Forecast f = o.future();
                String tags = tagSet(o.history().tags());
                double[] mean = f.mean();
                double[][] lower = new double[levels.length][];
                double[][] upper = new double[levels.length][];
                for (int l = 0; l < levels.length; l++) {
                    if (f.hasIntervals() && contains(f.levels(), levels[l])) {
                        lower[l] = f.lower(levels[l]);
                        upper[l] = f.upper(levels[l]);
                    }
                }
                for (int i = 0; i < f.horizon(); i++) {
                    List<Object> row = new ArrayList<>();
                    if (multi) {
                        row.add(o.history().name());
                        row.add(tags);
                    }
                    row.add(DateTimeFormatter.ISO_INSTANT.format(f.time(i)));
                    row.add(number(mean[i]));
                    for (int l = 0; l < levels.length; l++) {
                        row.add(lower[l] != null ? number(lower[l][i]) : "");
                        row.add(upper[l] != null ? number(upper[l][i]) : "");
                    }
                    p.printRecord(row);
                }
            }
        }
    }

    private static boolean contains(double[] a, double v) {
        for (double x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** 95 -> "95", 99.5 -> "99.5". */
    public static String levelName(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
    }

    static String number(double v) {
        return Double.isFinite(v) ? LineProtocolWriter.formatFloat(v) : "";
    }

    private static String tagSet(Map<String, String> tags) {
        StringBuilder sb = new StringBuilder();
        tags.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(LineProtocolWriter.escapeKey(k)).append('=').append(LineProtocolWriter.escapeTagValue(k, v));
        });
        return sb.toString();
    }
}
