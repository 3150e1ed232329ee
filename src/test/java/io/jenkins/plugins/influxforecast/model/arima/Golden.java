package io.jenkins.plugins.influxforecast.model.arima;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the golden files made by src/test/resources/golden/make-arima-golden.R. */
final class Golden {

    final Map<String, String> values = new LinkedHashMap<>();

    private Golden() {
    }

    static Golden load(String file) {
        Golden g = new Golden();
        for (String line : lines(file)) {
            if (line.startsWith("#") || line.equals("key,value") || line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            g.values.put(line.substring(0, comma), line.substring(comma + 1).trim());
        }
        return g;
    }

    /** The values of a series file (one per line after the header). */
    static double[] series(String name) {
        List<Double> out = new ArrayList<>();
        for (String line : lines(name + ".csv")) {
            if (line.startsWith("#") || line.equals("value") || line.isBlank()) {
                continue;
            }
            out.add(Double.parseDouble(line.trim()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static int frequency(String name) {
        for (String line : lines(name + ".csv")) {
            if (line.startsWith("# frequency=")) {
                return (int) Math.round(Double.parseDouble(line.substring("# frequency=".length()).trim()));
            }
        }
        return 1;
    }

    private static List<String> lines(String file) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + file);
            }
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    double num(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key + " in golden file; keys: " + values.keySet());
        }
        return v.equals("NA") ? Double.NaN : Double.parseDouble(v);
    }

    String str(String key) {
        return values.get(key);
    }

    /** p, d, q, P, D, Q, m */
    ArimaOrder order() {
        String[] s = values.get("order").split(",");
        int[] o = new int[7];
        for (int i = 0; i < 7; i++) {
            o[i] = Integer.parseInt(s[i].trim());
        }
        return new ArimaOrder(o[0], o[1], o[2], o[3], o[4], o[5], o[6]);
    }

    /** The series this golden file was made from, transformed as its "series" key says. */
    double[] input() {
        String s = values.get("series");
        boolean log = s.endsWith(":log");
        double[] y = series(log ? s.substring(0, s.length() - 4) : s);
        if (log) {
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.log(y[i]);
            }
        }
        return y;
    }

    List<String> coefKeys() {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (k.startsWith("coef.")) {
                out.add(k.substring(5));
            }
        }
        return out;
    }
}
