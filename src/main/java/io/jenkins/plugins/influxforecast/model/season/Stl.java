package io.jenkins.plugins.influxforecast.model.season;

import java.util.Arrays;

/**
 * STL: Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae and Terpenning, 1990,
 * Journal of Official Statistics 6(1)), with the defaults and numerical details of R's
 * {@code stats::stl}: inner loop of cycle-subseries smoothing, low-pass filtering and trend
 * smoothing; loess with tricube weights, local degree 0 or 1, evaluated every {@code jump} points
 * and linearly interpolated in between; optional outer robustness iterations with bisquare weights
 * of the remainder scaled by six median absolute residuals. Additive.
 */
public final class Stl {

    /**
     * STL settings, named as R's {@code stl} arguments. {@code seasonalWindow} is odd and >= 3, or
     * {@link #PERIODIC} for a periodic seasonal component; {@code trendWindow} 0 means R's default
     * {@code nextodd(ceiling(1.5 * period / (1 - 1.5 / s.window)))}; jumps 0 mean
     * {@code ceiling(window / 10)}; {@code lowpassWindow} 0 means the next odd number >= period.
     */
    public record Options(int seasonalWindow, int seasonalDegree, int trendWindow, int trendDegree, int lowpassWindow,
                          int lowpassDegree, int seasonalJump, int trendJump, int lowpassJump, int inner, int outer) {

        /** The seasonal window meaning "periodic" (R's {@code s.window = "periodic"}). */
        public static final int PERIODIC = -1;

        public Options {
            if (seasonalWindow != PERIODIC && seasonalWindow < 1) {
                throw new IllegalArgumentException("STL seasonal window must be >= 1 or periodic, got " + seasonalWindow);
            }
            checkDegree("seasonal", seasonalDegree);
            checkDegree("trend", trendDegree);
            checkDegree("low-pass", lowpassDegree);
            if (inner < 1 || outer < 0) {
                throw new IllegalArgumentException("STL needs inner >= 1 and outer >= 0 iterations, got " + inner + " and " + outer);
            }
        }

        private static void checkDegree(String what, int d) {
            if (d < 0 || d > 1) {
                throw new IllegalArgumentException("STL " + what + " degree must be 0 or 1, got " + d);
            }
        }

        /** R's defaults for a seasonal window: degree 0 seasonal, degree 1 trend, 2 inner and no outer iterations. */
        public static Options of(int seasonalWindow) {
            return new Options(seasonalWindow, 0, 0, 1, 0, 1, 0, 0, 0, 2, 0);
        }

        /** R's {@code robust = TRUE}: 1 inner and 15 outer iterations. */
        public Options robust() {
            return new Options(seasonalWindow, seasonalDegree, trendWindow, trendDegree, lowpassWindow, lowpassDegree,
                    seasonalJump, trendJump, lowpassJump, 1, 15);
        }

        public Options withTrendWindow(int window) {
            return new Options(seasonalWindow, seasonalDegree, window, trendDegree, lowpassWindow, lowpassDegree,
                    seasonalJump, trendJump, lowpassJump, inner, outer);
        }

        public Options withSeasonalDegree(int degree) {
            return new Options(seasonalWindow, degree, trendWindow, trendDegree, lowpassWindow, lowpassDegree,
                    seasonalJump, trendJump, lowpassJump, inner, outer);
        }
    }

    /** An STL result: the decomposition and the final robustness weights (all 1 without outer iterations). */
    public record Result(Decomposition decomposition, double[] weights) {
    }

    private Stl() {
    }

    public static Decomposition decompose(double[] y, int period, Options o) {
        return fit(y, period, o).decomposition();
    }

    public static Result fit(double[] y, int period, Options o) {
        int n = y.length;
        if (period < 2) {
            throw new IllegalArgumentException("STL needs a period >= 2, got " + period);
        }
        if (n <= 2 * period) {
            throw new IllegalArgumentException("series too short for STL with period " + period + ": " + n
                    + " points, need at least " + (2 * period + 1));
        }
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("STL needs finite values, got " + v);
            }
        }
        boolean periodic = o.seasonalWindow() == Options.PERIODIC;
        int ns = periodic ? 10 * n + 1 : o.seasonalWindow();
        int sdeg = periodic ? 0 : o.seasonalDegree();
        int nt = o.trendWindow() > 0 ? o.trendWindow() : nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / ns)));
        int nl = o.lowpassWindow() > 0 ? o.lowpassWindow() : nextOdd(period);
        int sjump = o.seasonalJump() > 0 ? o.seasonalJump() : (int) Math.ceil(ns / 10.0);
        int tjump = o.trendJump() > 0 ? o.trendJump() : (int) Math.ceil(nt / 10.0);
        int ljump = o.lowpassJump() > 0 ? o.lowpassJump() : (int) Math.ceil(nl / 10.0);

        // 1-based work arrays, as in the original algorithm description
        double[] yy = new double[n + 1];
        System.arraycopy(y, 0, yy, 1, n);
        double[] rw = new double[n + 1];
        double[] season = new double[n + 2 * period + 1];
        double[] trend = new double[n + 1];
        int w = n + 2 * period;
        double[][] work = new double[5][w + 1];

        int newns = odd(Math.max(3, ns));
        int newnt = odd(Math.max(3, nt));
        int newnl = odd(Math.max(3, nl));
        int np = Math.max(2, period);
        boolean userw = false;
        int k = 0;
        while (true) {
            step(yy, n, np, newns, newnt, newnl, sdeg, o.trendDegree(), o.lowpassDegree(), sjump, tjump, ljump,
                    o.inner(), userw, rw, season, trend, work);
            k++;
            if (k > o.outer()) {
                break;
            }
            for (int i = 1; i <= n; i++) {
                work[0][i] = trend[i] + season[i];
            }
            robustnessWeights(yy, n, work[0], rw);
            userw = true;
        }
        if (o.outer() <= 0) {
            Arrays.fill(rw, 1.0);
        }
        double[] s = Arrays.copyOfRange(season, 1, n + 1);
        if (periodic) {
            // R averages the seasonal values at each position of the cycle
            double[] mean = new double[period];
            int[] count = new int[period];
            for (int t = 0; t < n; t++) {
                mean[t % period] += s[t];
                count[t % period]++;
            }
            for (int t = 0; t < n; t++) {
                s[t] = mean[t % period] / count[t % period];
            }
        }
        double[] tr = Arrays.copyOfRange(trend, 1, n + 1);
        double[] rem = new double[n];
        for (int t = 0; t < n; t++) {
            rem[t] = y[t] - s[t] - tr[t];
        }
        Decomposition d = new Decomposition(Decomposition.Type.ADDITIVE, new int[] {period}, y, tr, new double[][] {s}, rem);
        return new Result(d, Arrays.copyOfRange(rw, 1, n + 1));
    }

    static int nextOdd(double x) {
        int r = (int) Math.round(x);
        return r % 2 == 0 ? r + 1 : r;
    }

    private static int odd(int x) {
        return x % 2 == 0 ? x + 1 : x;
    }

    /** The inner loop, {@code ni} passes. All arrays 1-based. */
    private static void step(double[] y, int n, int np, int ns, int nt, int nl, int isdeg, int itdeg, int ildeg,
                             int nsjump, int ntjump, int nljump, int ni, boolean userw, double[] rw,
                             double[] season, double[] trend, double[][] work) {
        for (int j = 0; j < ni; j++) {
            for (int i = 1; i <= n; i++) {
                work[0][i] = y[i] - trend[i];
            }
            // cycle-subseries smoothing into work[1] (n + 2 np values: one extra cycle at each end)
            subseries(work[0], n, np, ns, isdeg, nsjump, userw, rw, work[1], work[2], work[3], work[4], season);
            // low-pass filter of the smoothed subseries: moving averages np, np, 3, then loess
            movingAverage(work[1], n + 2 * np, np, work[2]);
            movingAverage(work[2], n + np + 1, np, work[0]);
            movingAverage(work[0], n + 2, 3, work[2]);
            loess(work[2], 0, n, nl, ildeg, nljump, false, rw, work[0], 0, work[3]);
            for (int i = 1; i <= n; i++) {
                season[i] = work[1][np + i] - work[0][i];
            }
            for (int i = 1; i <= n; i++) {
                work[0][i] = y[i] - season[i];
            }
            loess(work[0], 0, n, nt, itdeg, ntjump, userw, rw, trend, 0, work[2]);
        }
    }

    /** Smooths each cycle-subseries and extends it by one value at each end. */
    private static void subseries(double[] y, int n, int np, int ns, int isdeg, int nsjump, boolean userw, double[] rw,
                                  double[] season, double[] w1, double[] w2, double[] w3, double[] w4) {
        for (int j = 1; j <= np; j++) {
            int k = (n - j) / np + 1;
            for (int i = 1; i <= k; i++) {
                w1[i] = y[(i - 1) * np + j];
            }
            if (userw) {
                for (int i = 1; i <= k; i++) {
                    w3[i] = rw[(i - 1) * np + j];
                }
            }
            // smoothed values at 1..k go to w2[2..k+1]
            loess(w1, 0, k, ns, isdeg, nsjump, userw, w3, w2, 1, w4);
            int nright = Math.min(ns, k);
            double v = estimate(w1, k, ns, isdeg, 0, 1, nright, w4, userw, w3);
            w2[1] = Double.isNaN(v) ? w2[2] : v;
            int nleft = Math.max(1, k - ns + 1);
            v = estimate(w1, k, ns, isdeg, k + 1, nleft, k, w4, userw, w3);
            w2[k + 2] = Double.isNaN(v) ? w2[k + 1] : v;
            for (int m = 1; m <= k + 2; m++) {
                season[(m - 1) * np + j] = w2[m];
            }
        }
    }

    /**
     * Loess smoothing of y[yo+1 .. yo+n] into ys[yso+1 .. yso+n], evaluated every {@code njump}
     * points and interpolated linearly in between.
     */
    private static void loess(double[] y, int yo, int n, int len, int ideg, int njump, boolean userw, double[] rw,
                              double[] ys, int yso, double[] res) {
        if (n < 2) {
            ys[yso + 1] = y[yo + 1];
            return;
        }
        // work on a view starting at yo: estimate() reads y[1..n], so copy when offset
        double[] yv = y;
        if (yo != 0) {
            yv = Arrays.copyOfRange(y, yo, yo + n + 1);
        }
        int newnj = Math.min(njump, n - 1);
        int nleft = 0;
        int nright = 0;
        if (len >= n) {
            nleft = 1;
            nright = n;
            for (int i = 1; i <= n; i += newnj) {
                double v = estimate(yv, n, len, ideg, i, nleft, nright, res, userw, rw);
                ys[yso + i] = Double.isNaN(v) ? yv[i] : v;
            }
        } else if (newnj == 1) {
            int nsh = (len + 1) / 2;
            nleft = 1;
            nright = len;
            for (int i = 1; i <= n; i++) {
                if (i > nsh && nright != n) {
                    nleft++;
                    nright++;
                }
                double v = estimate(yv, n, len, ideg, i, nleft, nright, res, userw, rw);
                ys[yso + i] = Double.isNaN(v) ? yv[i] : v;
            }
        } else {
            int nsh = (len + 1) / 2;
            for (int i = 1; i <= n; i += newnj) {
                if (i < nsh) {
                    nleft = 1;
                    nright = len;
                } else if (i >= n - nsh + 1) {
                    nleft = n - len + 1;
                    nright = n;
                } else {
                    nleft = i - nsh + 1;
                    nright = len + i - nsh;
                }
                double v = estimate(yv, n, len, ideg, i, nleft, nright, res, userw, rw);
                ys[yso + i] = Double.isNaN(v) ? yv[i] : v;
            }
        }
        if (newnj != 1) {
            for (int i = 1; i <= n - newnj; i += newnj) {
                double delta = (ys[yso + i + newnj] - ys[yso + i]) / newnj;
                for (int j = i + 1; j <= i + newnj - 1; j++) {
                    ys[yso + j] = ys[yso + i] + delta * (j - i);
                }
            }
            int k = ((n - 1) / newnj) * newnj + 1;
            if (k != n) {
                double v = estimate(yv, n, len, ideg, n, nleft, nright, res, userw, rw);
                ys[yso + n] = Double.isNaN(v) ? yv[n] : v;
                if (k != n - 1) {
                    double delta = (ys[yso + n] - ys[yso + k]) / (n - k);
                    for (int j = k + 1; j <= n - 1; j++) {
                        ys[yso + j] = ys[yso + k] + delta * (j - k);
                    }
                }
            }
        }
    }

    /**
     * The loess estimate at {@code xs} from y[nleft..nright] (1-based), tricube weights times the
     * robustness weights; NaN when all weights vanish.
     */
    private static double estimate(double[] y, int n, int len, int ideg, double xs, int nleft, int nright, double[] w,
                                   boolean userw, double[] rw) {
        double range = n - 1.0;
        double h = Math.max(xs - nleft, nright - xs);
        if (len > n) {
            h += Math.floorDiv(len - n, 2); // whole points, as R's stlest does (integer division)
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double a = 0;
        for (int j = nleft; j <= nright; j++) {
            w[j] = 0;
            double r = Math.abs(j - xs);
            if (r <= h9) {
                if (r <= h1) {
                    w[j] = 1;
                } else {
                    double q = r / h;
                    q = 1 - q * q * q;
                    w[j] = q * q * q;
                }
                if (userw) {
                    w[j] = rw[j] * w[j];
                }
                a += w[j];
            }
        }
        if (a <= 0) {
            return Double.NaN;
        }
        for (int j = nleft; j <= nright; j++) {
            w[j] /= a;
        }
        if (h > 0 && ideg > 0) {
            a = 0;
            for (int j = nleft; j <= nright; j++) {
                a += w[j] * j;
            }
            double b = xs - a;
            double c = 0;
            for (int j = nleft; j <= nright; j++) {
                c += w[j] * (j - a) * (j - a);
            }
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (int j = nleft; j <= nright; j++) {
                    w[j] = w[j] * (b * (j - a) + 1);
                }
            }
        }
        double ys = 0;
        for (int j = nleft; j <= nright; j++) {
            ys += w[j] * y[j];
        }
        return ys;
    }

    /** Moving average of length len over x[1..n] into ave[1..n-len+1]. */
    private static void movingAverage(double[] x, int n, int len, double[] ave) {
        int newn = n - len + 1;
        double v = 0;
        for (int i = 1; i <= len; i++) {
            v += x[i];
        }
        ave[1] = v / len;
        int k = len;
        int m = 0;
        for (int j = 2; j <= newn; j++) {
            k++;
            m++;
            v = v - x[m] + x[k];
            ave[j] = v / len;
        }
    }

    /** Bisquare robustness weights of the residuals y - fit, scaled by six times their median absolute value. */
    private static void robustnessWeights(double[] y, int n, double[] fit, double[] rw) {
        double[] r = new double[n];
        for (int i = 1; i <= n; i++) {
            r[i - 1] = Math.abs(y[i] - fit[i]);
        }
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        int mid1 = n / 2 + 1;
        int mid2 = n - mid1 + 1;
        double cmad = 3 * (sorted[mid1 - 1] + sorted[mid2 - 1]);
        double c9 = 0.999 * cmad;
        double c1 = 0.001 * cmad;
        for (int i = 1; i <= n; i++) {
            double ri = r[i - 1];
            if (ri <= c1) {
                rw[i] = 1;
            } else if (ri <= c9) {
                double q = ri / cmad;
                q = 1 - q * q;
                rw[i] = q * q;
            } else {
                rw[i] = 0;
            }
        }
    }
}
