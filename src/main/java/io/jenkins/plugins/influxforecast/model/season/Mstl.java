package io.jenkins.plugins.influxforecast.model.season;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MSTL: decomposition with several seasonal periods (Bandara, Hyndman and Bergmeir, 2021, "MSTL: A
 * Seasonal-Trend Decomposition Algorithm for Time Series with Multiple Seasonal Patterns"), with the
 * defaults of R's {@code forecast::mstl}: periods shortest first, each seasonal component estimated
 * by STL on the series with the other components removed, seasonal windows 11, 15, 19, ... (7 + 4i),
 * two passes over the components (one when there is a single period), the trend from the last STL
 * fit. Periods without two full cycles of data are dropped (see {@link #usablePeriods}).
 */
public final class Mstl {

    private Mstl() {
    }

    /** R's default seasonal window of the i-th component (0-based): 11, 15, 19, ... */
    public static int defaultSeasonalWindow(int component) {
        return 7 + 4 * (component + 1);
    }

    /**
     * The periods that can be estimated on {@code n} values (R keeps {@code period < n / 2}),
     * sorted and without duplicates or periods below 2.
     */
    public static int[] usablePeriods(int n, List<Integer> periods) {
        return periods.stream().filter(p -> p >= 2 && p < n / 2.0).sorted().distinct().mapToInt(Integer::intValue).toArray();
    }

    /** MSTL with R's defaults. */
    public static Decomposition decompose(double[] y, int... periods) {
        return decompose(y, periods, null, periods.length > 1 ? 2 : 1, false);
    }

    /**
     * MSTL. {@code seasonalWindows} (null: defaults) gives one STL seasonal window per period
     * ({@link Stl.Options#PERIODIC} allowed); {@code iterate} is the number of passes; {@code robust}
     * uses robust STL fits. Fails when a period has fewer than two full cycles of data.
     */
    public static Decomposition decompose(double[] y, int[] periods, int[] seasonalWindows, int iterate, boolean robust) {
        int n = y.length;
        if (periods.length == 0) {
            throw new IllegalArgumentException("MSTL needs at least one seasonal period");
        }
        int[] p = periods.clone();
        Arrays.sort(p);
        for (int m : p) {
            if (m < 2) {
                throw new IllegalArgumentException("MSTL periods must be >= 2, got " + m);
            }
            if (!(m < n / 2.0)) {
                throw new IllegalArgumentException("series too short for MSTL with period " + m + ": " + n
                        + " points, need at least " + (2 * m + 1));
            }
        }
        if (seasonalWindows != null && seasonalWindows.length != p.length) {
            throw new IllegalArgumentException("MSTL needs one seasonal window per period: " + p.length + " periods, "
                    + seasonalWindows.length + " windows");
        }
        if (iterate < 1) {
            throw new IllegalArgumentException("MSTL iterate must be >= 1, got " + iterate);
        }
        double[][] seas = new double[p.length][n];
        double[] deseas = y.clone();
        double[] trend = null;
        for (int it = 0; it < iterate; it++) {
            for (int i = 0; i < p.length; i++) {
                for (int t = 0; t < n; t++) {
                    deseas[t] += seas[i][t];
                }
                int sw = seasonalWindows != null ? seasonalWindows[i] : defaultSeasonalWindow(i);
                Stl.Options o = Stl.Options.of(sw);
                if (robust) {
                    o = o.robust();
                }
                Decomposition fit = Stl.decompose(deseas, p[i], o);
                seas[i] = fit.seasonal(0);
                trend = fit.trend();
                for (int t = 0; t < n; t++) {
                    deseas[t] -= seas[i][t];
                }
            }
        }
        double[] rem = new double[n];
        for (int t = 0; t < n; t++) {
            rem[t] = deseas[t] - trend[t];
        }
        return new Decomposition(Decomposition.Type.ADDITIVE, p, y, trend, seas, rem);
    }

    /** The periods of {@code candidates} dropped by {@link #usablePeriods}, for warnings. */
    public static List<Integer> droppedPeriods(int n, List<Integer> candidates) {
        List<Integer> out = new ArrayList<>();
        for (int m : candidates) {
            if (m >= 2 && !(m < n / 2.0)) {
                out.add(m);
            }
        }
        return out;
    }
}
