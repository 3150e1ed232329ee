package io.jenkins.plugins.influxforecast.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden CSV files under src/test/resources/golden (made by make-golden.R): a comment
 * line with the R command, a header, then rows. "NaN" marks R's NA.
 */
public final class Golden {

    private final String command;
    private final List<String> header;
    private final List<String[]> rows;

    private Golden(String command, List<String> header, List<String[]> rows) {
        this.command = command;
        this.header = header;
        this.rows = rows;
    }

    public static Golden read(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String command = null;
            List<String> header = null;
            List<String[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    command = line.substring(1).trim();
                } else if (header == null) {
                    header = List.of(line.split(","));
                } else if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            return new Golden(command, header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of an input series: golden/series/NAME.csv. */
    public static double[] series(String name) {
        return read("series/" + name + ".csv").column("value");
    }

    public String command() {
        return command;
    }

    public double[] column(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(rows.get(i)[c]);
        }
        return out;
    }

    /** For key,value files. */
    public Map<String, String> keyValues() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] row : rows) {
            m.put(row[0], row[1]);
        }
        return m;
    }

    public double value(String key) {
        String v = keyValues().get(key);
        if (v == null) {
            throw new IllegalArgumentException("no key " + key);
        }
        return Double.parseDouble(v);
    }

    public double[] values(String prefix, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = value(prefix + (i + 1));
        }
        return out;
    }

    /** Asserts a and b equal within a relative tolerance (absolute near zero); NaN must match NaN. */
    public static void assertClose(String what, double[] expected, double[] actual, double relTol) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        double scale = 0;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    throw new AssertionError(what + "[" + i + "]: expected " + e + ", got " + a);
                }
                continue;
            }
            double tol = relTol * Math.max(Math.abs(e), 1e-3 * scale);
            if (Math.abs(e - a) > tol) {
                throw new AssertionError(what + "[" + i + "]: expected " + e + ", got " + a + " (tolerance " + tol + ")");
            }
        }
    }
}
