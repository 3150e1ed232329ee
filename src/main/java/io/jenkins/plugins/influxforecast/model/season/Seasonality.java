package io.jenkins.plugins.influxforecast.model.season;

import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which seasonal periods a series has. Candidate periods come from the series' frequency
 * ({@link io.jenkins.plugins.influxforecast.series.Frequency#candidatePeriods()}: 1h gives 24 and
 * 168, 10m gives 144 and 1008, ...); a candidate is kept when the series holds at least three full
 * cycles (which the test needs) and the autocorrelation test of the M4 competition says the period
 * is there:
 * <pre>  |r_m| &gt; 1.645 * sqrt((1 + 2 * sum_{k&lt;m} r_k^2) / n)</pre>
 * A period that is a multiple of a period already found (168 after 24) is tested on the series with
 * the shorter cycle removed (classical additive decomposition), because a daily cycle alone also
 * correlates at lag 168.
 * Model specs override the detection with {@code season=24}, {@code seasons=[24,168]},
 * {@code season=none} or {@code season=auto} (the default).
 */
public final class Seasonality {

    /** The one-sided 95% normal quantile of the M4 test. */
    public static final double M4_CRITICAL_VALUE = 1.645;

    /** The spec parameters that choose seasonal periods; models that take them list these in allowOnly. */
    public static final String SEASON = "season";
    public static final String SEASONS = "seasons";

    private Seasonality() {
    }

    /**
     * Sample autocorrelations {@code r_1 .. r_maxLag} as R's {@code acf}: the series is centred
     * on its mean and every lag divided by the lag-0 sum of squares. Element 0 holds r_1. Empty
     * when the series is constant.
     */
    public static double[] acf(double[] y, int maxLag) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[] c = new double[n];
        double c0 = 0;
        for (int i = 0; i < n; i++) {
            c[i] = y[i] - mean;
            c0 += c[i] * c[i];
        }
        if (!(c0 > 0)) {
            return new double[0];
        }
        int lags = Math.min(maxLag, n - 1);
        double[] r = new double[lags];
        for (int k = 1; k <= lags; k++) {
            double s = 0;
            for (int i = k; i < n; i++) {
                s += c[i] * c[i - k];
            }
            r[k - 1] = s / c0;
        }
        return r;
    }

    /**
     * The M4 seasonality test for period {@code m}: false when {@code m < 2}, when the series has
     * fewer than {@code 3m} values or is constant.
     */
    public static boolean m4Test(double[] y, int m) {
        return acfTest(y, m, 3 * m);
    }

    /**
     * The autocorrelation test at lag {@code m} with a minimum length: R's {@code thetaf} uses the
     * same statistic with {@code n > 2m}, the M4 benchmarks with {@code n >= 3m}.
     */
    public static boolean acfTest(double[] y, int m, int minLength) {
        if (m < 2 || y.length < minLength || y.length <= m) {
            return false;
        }
        double[] r = acf(y, m);
        if (r.length < m) {
            return false;
        }
        return Math.abs(r[m - 1]) > limit(r, m, y.length);
    }

    /** The test's critical value for lag m given the autocorrelations r (r[0] = r_1). */
    static double limit(double[] r, int m, int n) {
        double s = 1;
        for (int k = 1; k < m; k++) {
            s += 2 * r[k - 1] * r[k - 1];
        }
        return M4_CRITICAL_VALUE * Math.sqrt(s / n);
    }

    /**
     * The candidate periods that pass the test, shortest first; the reasons for dropping the others
     * go to {@code notes} (may be null).
     */
    public static List<Integer> detect(double[] y, List<Integer> candidates, List<String> notes) {
        List<Integer> out = new ArrayList<>();
        for (int m : candidates.stream().sorted().distinct().toList()) {
            if (m < 2) {
                continue;
            }
            if (y.length < 3 * m) {
                if (notes != null) {
                    notes.add(String.format(Locale.ROOT, "seasonal period %d not tested: %d points hold %.1f cycles, the test needs 3 (%d points)",
                            m, y.length, (double) y.length / m, 3 * m));
                }
                continue;
            }
            // a multiple of a period already found is tested on the series without that cycle:
            // a daily cycle alone also correlates at lag 168
            double[] tested = y;
            for (int p : out) {
                if (m % p == 0) {
                    tested = ClassicalDecomposition.decompose(tested, p, Decomposition.Type.ADDITIVE).adjusted();
                }
            }
            if (m4Test(tested, m)) {
                out.add(m);
            } else if (notes != null) {
                notes.add("seasonal period " + m + " dropped: no significant autocorrelation at lag " + m
                        + (tested != y ? " once the shorter cycles are removed" : ""));
            }
        }
        return out;
    }

    /** The periods of {@code series} detected from its frequency's candidates, shortest first. */
    public static List<Integer> detect(TimeSeries series) {
        return detect(series.values(), series.frequency().candidatePeriods(), null);
    }

    /**
     * The periods a model uses, from its spec ({@code season}, {@code seasons}) or, by default,
     * detected on the series.
     */
    public static Periods resolve(TimeSeries series, ModelSpec spec) {
        Choice choice = choice(spec);
        if (choice.explicit) {
            return new Periods(choice.periods, true, List.of());
        }
        List<String> notes = new ArrayList<>();
        List<Integer> found = detect(series.values(), series.frequency().candidatePeriods(), notes);
        return new Periods(found, false, notes);
    }

    /**
     * The choice written in a spec, validated without data: explicit periods, or automatic
     * detection. Fails with a clear message on a bad value.
     */
    public static Choice choice(ModelSpec spec) {
        if (spec.has(SEASON) && spec.has(SEASONS)) {
            throw new IllegalArgumentException("model " + spec.name() + ": give either season or seasons, not both");
        }
        if (spec.has(SEASONS)) {
            List<Integer> list = spec.intListParam(SEASONS, 1, 1_000_000);
            return new Choice(true, list.stream().filter(p -> p > 1).sorted().distinct().toList());
        }
        String v = spec.param(SEASON).orElse("auto").trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "auto":
                return new Choice(false, List.of());
            case "none", "0", "1":
                return new Choice(true, List.of());
            default:
                int m = spec.intParam(SEASON, 1, 1, 1_000_000);
                return new Choice(true, List.of(m));
        }
    }

    /** What a spec says about seasonality before the data are seen. */
    public record Choice(boolean explicit, List<Integer> periods) {
        public Choice {
            periods = List.copyOf(periods);
        }
    }

    /**
     * The periods for one series (shortest first; empty: not seasonal), whether the user gave them,
     * and notes on the candidates that were dropped.
     */
    public record Periods(List<Integer> periods, boolean explicit, List<String> notes) {
        public Periods {
            periods = List.copyOf(periods);
            notes = List.copyOf(notes);
        }

        public boolean seasonal() {
            return !periods.isEmpty();
        }

        /** The shortest period, or 1 when not seasonal. */
        public int first() {
            return periods.isEmpty() ? 1 : periods.get(0);
        }
    }
}
