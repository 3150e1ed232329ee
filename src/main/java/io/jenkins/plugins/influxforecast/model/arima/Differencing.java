package io.jenkins.plugins.influxforecast.model.arima;

/**
 * How many differences a series needs, decided as R's forecast package does by default: the KPSS
 * test (Kwiatkowski, Phillips, Schmidt and Shin 1992) at the 5% level for ordinary differences
 * ({@code ndiffs}), and the seasonal-strength heuristic (Wang, Smith and Hyndman 2006: strength above
 * 0.64) for seasonal ones ({@code nsdiffs(test = "seas")}), with the strength measured on an STL
 * decomposition as R's {@code seas.heuristic} does (engine I's {@code Mstl}, R's defaults).
 */
final class Differencing {

    /** KPSS critical value at 5% for the level-stationarity test (Kwiatkowski et al. 1992, table 1). */
    static final double KPSS_CRITICAL_5 = 0.463;
    /** The seasonal strength above which a seasonal difference is taken. */
    static final double SEASONAL_STRENGTH_THRESHOLD = 0.64;

    private Differencing() {
    }

    /** R's is.constant: the mean absolute deviation from the first value is negligible (all.equal). */
    static boolean isConstant(double[] x) {
        if (x.length == 0) {
            return true;
        }
        double x0 = x[0];
        double dev = 0;
        double size = 0;
        for (double v : x) {
            dev += Math.abs(v - x0);
            size += Math.abs(v);
        }
        if (size > 0) {
            return dev / size < 1.5e-8;
        }
        return dev / x.length < 1.5e-8;
    }

    /**
     * The KPSS statistic for level stationarity with the Bartlett long-run variance over
     * {@code trunc(3 sqrt(n) / 13)} lags (the lag ndiffs uses).
     */
    static double kpss(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] e = new double[n];
        for (int t = 0; t < n; t++) {
            e[t] = x[t] - mean;
        }
        double s = 0;
        double num = 0;
        double s2 = 0;
        for (int t = 0; t < n; t++) {
            s += e[t];
            num += s * s;
            s2 += e[t] * e[t];
        }
        num /= (double) n * n;
        s2 /= n;
        int lags = (int) (3 * Math.sqrt(n) / 13);
        double lr = s2;
        for (int l = 1; l <= lags; l++) {
            double c = 0;
            for (int t = l; t < n; t++) {
                c += e[t] * e[t - l];
            }
            lr += 2.0 / n * (1 - l / (lags + 1.0)) * c;
        }
        return num / lr;
    }

    /** The number of ordinary differences (0..maxD) after which KPSS no longer rejects stationarity. */
    static int ndiffs(double[] x, int maxD) {
        int d = 0;
        if (isConstant(x)) {
            return 0;
        }
        boolean dodiff = x.length > 1 && kpss(x) > KPSS_CRITICAL_5;
        double[] cur = x;
        while (dodiff && d < maxD) {
            d++;
            cur = ArimaProblem.diff(cur, 1);
            if (isConstant(cur)) {
                return d;
            }
            dodiff = cur.length > 1 && kpss(cur) > KPSS_CRITICAL_5;
        }
        return d;
    }

    /**
     * The number of seasonal differences (0..maxD) with period m by the seasonal-strength heuristic;
     * {@code strength} computes the strength of period m in a series.
     */
    static int nsdiffs(double[] x, int m, int maxD, java.util.function.ToDoubleBiFunction<double[], Integer> strength) {
        if (isConstant(x) || m >= x.length || m < 2) {
            return 0;
        }
        int sd = 0;
        boolean dodiff = strength.applyAsDouble(x, m) > SEASONAL_STRENGTH_THRESHOLD;
        double[] cur = x;
        while (dodiff && sd < maxD) {
            sd++;
            cur = ArimaProblem.diff(cur, m);
            if (isConstant(cur)) {
                return sd;
            }
            dodiff = cur.length >= 2 * m && sd < maxD && strength.applyAsDouble(cur, m) > SEASONAL_STRENGTH_THRESHOLD;
        }
        return sd;
    }

    /**
     * Seasonal strength max(0, 1 - var(remainder) / var(seasonal + remainder)) of period m from STL
     * (R's {@code mstl} with one period: seasonal window 11, one pass), as R's {@code seas.heuristic}.
     * Falls back to a classical decomposition when STL cannot run.
     */
    static double seasonalStrength(double[] x, int m) {
        if (m < 2 || !(m < x.length / 2.0)) {
            return 0;
        }
        io.jenkins.plugins.influxforecast.model.season.Decomposition d;
        try {
            d = io.jenkins.plugins.influxforecast.model.season.Mstl.decompose(x, m);
        } catch (IllegalArgumentException e) {
            return classicalSeasonalStrength(x, m);
        }
        double[] rem = d.remainder();
        double[] seas = d.seasonal(0);
        double[] sum = new double[rem.length];
        for (int t = 0; t < rem.length; t++) {
            sum[t] = rem[t] + seas[t];
        }
        double vs = variance(sum, sum.length);
        if (!(vs > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - variance(rem, rem.length) / vs));
    }

    /**
     * Seasonal strength from a classical additive decomposition (centred moving-average trend, mean
     * seasonal pattern): the fallback of {@link #seasonalStrength}.
     */
    static double classicalSeasonalStrength(double[] x, int m) {
        int n = x.length;
        if (n < 2 * m || m < 2) {
            return 0;
        }
        double[] trend = new double[n];
        java.util.Arrays.fill(trend, Double.NaN);
        int half = m / 2;
        boolean even = m % 2 == 0;
        for (int t = half; t < n - half; t++) {
            double s = 0;
            if (even) {
                s += 0.5 * x[t - half] + 0.5 * x[t + half];
                for (int j = -half + 1; j < half; j++) {
                    s += x[t + j];
                }
            } else {
                for (int j = -half; j <= half; j++) {
                    s += x[t + j];
                }
            }
            trend[t] = s / m;
        }
        double[] seasonSum = new double[m];
        int[] seasonCount = new int[m];
        for (int t = 0; t < n; t++) {
            if (!Double.isNaN(trend[t])) {
                seasonSum[t % m] += x[t] - trend[t];
                seasonCount[t % m]++;
            }
        }
        double[] pattern = new double[m];
        double avg = 0;
        for (int i = 0; i < m; i++) {
            pattern[i] = seasonCount[i] > 0 ? seasonSum[i] / seasonCount[i] : 0;
            avg += pattern[i];
        }
        avg /= m;
        double[] rem = new double[n];
        double[] seasRem = new double[n];
        int cnt = 0;
        for (int t = 0; t < n; t++) {
            if (!Double.isNaN(trend[t])) {
                double s = pattern[t % m] - avg;
                double r = x[t] - trend[t] - s;
                rem[cnt] = r;
                seasRem[cnt] = r + s;
                cnt++;
            }
        }
        double vr = variance(rem, cnt);
        double vs = variance(seasRem, cnt);
        if (!(vs > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - vr / vs));
    }

    private static double variance(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (x[i] - mean) * (x[i] - mean);
        }
        return s / (n - 1);
    }
}
