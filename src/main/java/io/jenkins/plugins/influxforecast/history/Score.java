package io.jenkins.plugins.influxforecast.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live accuracy of a set of forecast points against their actuals.
 *
 * @param n        points scored (forecast and actual both known)
 * @param mae      mean absolute error
 * @param rmse     root mean squared error
 * @param mase     MAE divided by the run's training scale (see {@link HistoryLines#scale})
 * @param bias     mean of forecast minus actual (positive: the forecast was too high)
 * @param coverage per interval level, the share of actuals inside the interval
 */
public record Score(int n, double mae, double rmse, double mase, double bias, Map<String, Double> coverage) {

    public Score {
        coverage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
    }

    /** One scored point: the forecast, the actual and the bounds per level. */
    record Pair(double forecast, double actual, Map<String, double[]> bounds) {
    }

    /** Scores the pairs with the given MASE scale (NaN: MASE unknown). */
    static Score of(List<Pair> pairs, double scale) {
        double abs = 0;
        double sq = 0;
        double signed = 0;
        Map<String, int[]> inside = new java.util.TreeMap<>();
        for (Pair p : pairs) {
            double e = p.forecast() - p.actual();
            abs += Math.abs(e);
            sq += e * e;
            signed += e;
            p.bounds().forEach((level, b) -> {
                int[] c = inside.computeIfAbsent(level, k -> new int[2]);
                c[1]++;
                if (p.actual() >= b[0] && p.actual() <= b[1]) {
                    c[0]++;
                }
            });
        }
        int n = pairs.size();
        double mae = abs / n;
        Map<String, Double> coverage = new LinkedHashMap<>();
        inside.entrySet().stream().sorted((a, b) -> Double.compare(Double.parseDouble(a.getKey()), Double.parseDouble(b.getKey())))
                .forEach(e -> coverage.put(e.getKey(), (double) e.getValue()[0] / e.getValue()[1]));
        return new Score(n, mae, Math.sqrt(sq / n), scale > 0 ? mae / scale : Double.NaN, signed / n, coverage);
    }
}
