package io.jenkins.plugins.influxforecast.model.ets;

/**
 * The ETS filter: runs the state-space recursions of Hyndman, Koehler, Snyder and Grose (2002) over a
 * series and accumulates the fitting criterion. The point recursions are the same for additive and
 * multiplicative errors; only the error used in the criterion differs.
 *
 * <p>The seasonal states live in a ring buffer (oldest first), so a step costs O(1) whatever the
 * period. States are exchanged in R's order: {@code l, b, s1 .. sm} with {@code s1} the most
 * recent seasonal state and {@code sm} the one that applies to the next observation.
 */
final class EtsKernel {

    static final int NONE = 0;
    static final int ADD = 1;
    static final int MULT = 2;

    /** Below this a divisor is treated as zero (R's TOL). */
    static final double TOL = 1.0e-10;
    /** The value used instead of a division by (nearly) zero (R's HUGEN). */
    static final double HUGEN = 1.0e10;

    /** Criteria: R's likelihood term, the mean squared one-step error, mean squared / absolute residual. */
    static final int CRIT_LIK = 0;
    static final int CRIT_MSE = 1;
    static final int CRIT_SIGMA = 2;
    static final int CRIT_MAE = 3;

    private EtsKernel() {
    }

    static int code(char c) {
        return switch (c) {
            case 'N' -> NONE;
            case 'A' -> ADD;
            case 'M' -> MULT;
            default -> throw new IllegalArgumentException("component " + c);
        };
    }

    /**
     * Runs the filter from the initial state {@code x0} (R's order) and returns the criterion:
     * for {@link #CRIT_LIK} R's {@code n log(sum e^2) + 2 sum log|f|} (the last term for
     * multiplicative errors only), else the mean squared raw one-step error, the mean squared
     * residual or the mean absolute residual. NaN when a forecast is not finite.
     *
     * @param ring      work array of at least m values (overwritten)
     * @param residuals where the residuals go (relative errors for multiplicative error), or null
     * @param fitted    where the one-step forecasts go, or null
     * @param last      where the final state goes (R's order, same length as x0), or null
     */
    static double run(double[] y, int m, int error, int trend, int season, double alpha, double beta, double gamma,
                      double phi, double[] x0, double[] ring, double[] residuals, double[] fitted, double[] last, int crit) {
        return run(y, m, error, trend, season, alpha, beta, gamma, phi, x0, ring, residuals, fitted, last, crit, false);
    }

    /**
     * With {@code rArith} the growth and seasonal updates are written exactly as R's C code writes
     * them ({@code b = phib + beta/alpha (l_t - l_{t-1} - phib)}, {@code s = s + gamma((y - q) - s)}):
     * the same numbers up to rounding, but bit for bit R's, so that R's optimiser path is retraced.
     * Otherwise the growth uses the level's correction directly, which shortens the dependency
     * chain of each step.
     */
    static double run(double[] y, int m, int error, int trend, int season, double alpha, double beta, double gamma,
                      double phi, double[] x0, double[] ring, double[] residuals, double[] fitted, double[] last, int crit,
                      boolean rArith) {
        return run(y, m, error, trend, season, alpha, beta, gamma, phi, x0, ring, residuals, fitted, last, crit, rArith,
                error == MULT ? new double[y.length] : null);
    }

    /** As above, with a work array of at least n values for multiplicative errors ({@code logs}). */
    static double run(double[] y, int m, int error, int trend, int season, double alpha, double beta, double gamma,
                      double phi, double[] x0, double[] ring, double[] residuals, double[] fitted, double[] last, int crit,
                      boolean rArith, double[] logs) {
        int off = trend != NONE ? 2 : 1;
        double l0 = x0[0];
        double b0 = trend != NONE ? x0[1] : 0.0;
        if (season != NONE) {
            // ring[j], oldest first: ring[0] = s_m, ..., ring[m-1] = s_1
            for (int j = 0; j < m; j++) {
                ring[j] = x0[off + m - 1 - j];
            }
        }
        // no trend is the same recursion with phi = beta = 0 (the growth stays 0)
        double ph = trend != NONE ? phi : 0.0;
        double be = trend != NONE ? beta : 0.0;
        double[] acc = new double[6]; // sse, sseRaw, sae, sumLog, final l, final b
        // one loop per season type, so that each is compiled for its own branch profile
        int p;
        boolean ok;
        if (!rArith) {
            p = fast(y, m, season, error == MULT, alpha, be, gamma, ph, l0, b0, ring, residuals, fitted, acc, logs);
            ok = p >= 0;
        } else if (season == NONE) {
            ok = loopNone(y, error == MULT, rArith, alpha, be, ph, l0, b0, residuals, fitted, acc, logs);
            p = 0;
        } else if (season == ADD) {
            p = loopAdd(y, m, error == MULT, rArith, alpha, be, gamma, ph, l0, b0, ring, residuals, fitted, acc, logs);
            ok = p >= 0;
        } else {
            p = loopMult(y, m, error == MULT, rArith, alpha, be, gamma, ph, l0, b0, ring, residuals, fitted, acc, logs);
            ok = p >= 0;
        }
        if (!ok) {
            return Double.NaN;
        }
        if (last != null) {
            last[0] = acc[4];
            if (trend != NONE) {
                last[1] = acc[5];
            }
            if (season != NONE) {
                // most recent first: the state written last is at p - 1
                for (int j = 0; j < m; j++) {
                    int idx = p - 1 - j;
                    if (idx < 0) {
                        idx += m;
                    }
                    last[off + j] = ring[idx];
                }
            }
        }
        int n = y.length;
        return switch (crit) {
            case CRIT_LIK -> n * Math.log(acc[0]) + 2.0 * acc[3];
            case CRIT_MSE -> acc[1] / n;
            case CRIT_SIGMA -> acc[0] / n;
            default -> acc[2] / n;
        };
    }

    /**
     * The same filter rewritten on the one-step level forecast {@code q_t = l_{t-1} + phi b_{t-1}}:
     * with {@code d_t} the level correction (y - q, y - s - q or y/s - q),
     * <pre>  q_{t+1} = (1 - alpha - phi beta) q_t + phi^2 b_t + (alpha + phi beta) (q_t + d_t)
     *   b_{t+1} = phi b_t + beta d_t</pre>
     * which is the textbook recursion with the level eliminated. Each step then waits for one
     * multiply and one add instead of five dependent operations, about twice as fast; the numbers
     * agree with the textbook form up to rounding. The final level is {@code q_{n+1} - phi b_n}.
     * Dispatches on the season type so that each loop is compiled for its own branch profile.
     * Returns the ring position after the last step, or -1 when a forecast is not finite.
     */
    private static int fast(double[] y, int m, int season, boolean multError, double alpha, double beta, double gamma,
                            double phi, double l, double b, double[] ring, double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double a = 1 - alpha - phi * beta;
        double bb = phi * phi;
        double c = alpha + phi * beta;
        double q = l + phi * b;
        int p = switch (season) {
            case NONE -> fastNone(y, multError, a, bb, c, beta, phi, q, b, residuals, fitted, acc, logs);
            case ADD -> fastAdd(y, m, multError, a, bb, c, beta, gamma, phi, q, b, ring, residuals, fitted, acc, logs);
            default -> fastMult(y, m, multError, a, bb, c, beta, gamma, phi, q, b, ring, residuals, fitted, acc, logs);
        };
        if (p >= 0) {
            // acc[4] holds q_{n+1}, acc[5] b_n: the level is q_{n+1} - phi b_n
            acc[4] = acc[4] - phi * acc[5];
        }
        return p;
    }

    private static int fastNone(double[] y, boolean multError, double a, double bb, double c, double beta, double phi, double q,
                                double b, double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double f = q;
            if (!(Math.abs(f) <= Double.MAX_VALUE)) {
                return -1;
            }
            double raw = yi - f;
            double e = raw;
            if (multError) {
                e = raw / f;
                prod *= Math.abs(f);
                if (prod > 1e150 || prod < 1e-150) {
                    logs[nLogs++] = prod; // its log after the loop: no call inside it
                    prod = 1.0;
                }
            }
            sse += e * e;
            sseRaw += raw * raw;
            sae += Math.abs(e);
            if (residuals != null) {
                residuals[i] = e;
                fitted[i] = f;
            }
            double qn = a * q + (bb * b + c * yi);
            b = phi * b + beta * raw;
            q = qn;
        }
        acc[0] = sse;
        acc[1] = sseRaw;
        acc[2] = sae;
        acc[3] = sumLogs(logs, nLogs) + Math.log(prod);
        acc[4] = q;
        acc[5] = b;
        return 0;
    }

    private static int fastAdd(double[] y, int m, boolean multError, double a, double bb, double c, double beta, double gamma,
                               double phi, double q, double b, double[] ring, double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        int p = 0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double s = ring[p];
            double f = q + s;
            if (!(Math.abs(f) <= Double.MAX_VALUE)) {
                return -1;
            }
            double raw = yi - f;
            double e = raw;
            if (multError) {
                e = raw / f;
                prod *= Math.abs(f);
                if (prod > 1e150 || prod < 1e-150) {
                    logs[nLogs++] = prod; // its log after the loop: no call inside it
                    prod = 1.0;
                }
            }
            sse += e * e;
            sseRaw += raw * raw;
            sae += Math.abs(e);
            if (residuals != null) {
                residuals[i] = e;
                fitted[i] = f;
            }
            double qn = a * q + (bb * b + c * (yi - s));
            b = phi * b + beta * raw;
            ring[p] = s + gamma * raw;
            q = qn;
            p = p + 1 == m ? 0 : p + 1;
        }
        acc[0] = sse;
        acc[1] = sseRaw;
        acc[2] = sae;
        acc[3] = sumLogs(logs, nLogs) + Math.log(prod);
        acc[4] = q;
        acc[5] = b;
        return p;
    }

    private static int fastMult(double[] y, int m, boolean multError, double a, double bb, double c, double beta, double gamma,
                                double phi, double q, double b, double[] ring, double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        int p = 0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double s = ring[p];
            double f = q * s;
            if (!(Math.abs(f) <= Double.MAX_VALUE)) {
                return -1;
            }
            double raw = yi - f;
            double e = raw;
            if (multError) {
                e = raw / f;
                prod *= Math.abs(f);
                if (prod > 1e150 || prod < 1e-150) {
                    logs[nLogs++] = prod; // its log after the loop: no call inside it
                    prod = 1.0;
                }
            }
            sse += e * e;
            sseRaw += raw * raw;
            sae += Math.abs(e);
            if (residuals != null) {
                residuals[i] = e;
                fitted[i] = f;
            }
            double pl = Math.abs(s) < TOL ? HUGEN : yi / s;
            double t = Math.abs(q) < TOL ? HUGEN : yi / q;
            double qn = a * q + (bb * b + c * pl);
            b = phi * b + beta * (pl - q);
            ring[p] = s + gamma * (t - s);
            q = qn;
            p = p + 1 == m ? 0 : p + 1;
        }
        acc[0] = sse;
        acc[1] = sseRaw;
        acc[2] = sae;
        acc[3] = sumLogs(logs, nLogs) + Math.log(prod);
        acc[4] = q;
        acc[5] = b;
        return p;
    }

    /** Values per lane in the coefficient array of {@link #likelihoodNone}. */
    static final int LANE = 7;

    /**
     * Stores one lane of {@link #likelihoodNone} at {@code k[off..off+6]}: the coefficients that
     * {@link #run} (without R's arithmetic) derives for a non-seasonal model from alpha, beta
     * (0 without trend), phi (0 without trend, 1 undamped), the initial level and growth.
     */
    static void lane(double alpha, double beta, double phi, double l, double b, double[] k, int off) {
        k[off] = 1 - alpha - phi * beta;
        k[off + 1] = phi * phi;
        k[off + 2] = alpha + phi * beta;
        k[off + 3] = beta;
        k[off + 4] = phi;
        k[off + 5] = l + phi * b;
        k[off + 6] = b;
    }

    /**
     * R's likelihood criterion of one to three non-seasonal models (lanes, see {@link #lane}) in
     * one pass over the series: {@code out[j]} is, bit for bit, what {@link #run} returns for lane
     * j with {@link #CRIT_LIK} (NaN when a one-step forecast is not finite). The filter is a chain
     * of dependent multiply-adds, so one lane leaves the processor mostly waiting; three
     * independent lanes cost little more than one.
     */
    static void likelihoodNone(double[] y, boolean multError, int lanes, double[] k, double[] out, double[] logs) {
        likelihoodNone(y, multError, lanes, k, out, logs, MIXED);
    }

    /** Lane shapes for {@link #likelihoodNone}: any trends, or (no trend, undamped, damped), or (undamped, damped). */
    static final int MIXED = 0;
    static final int SHAPE_N_A_AD = 1;
    static final int SHAPE_A_AD = 2;

    /**
     * As above; with a shape other than {@link #MIXED} the lanes are known to be, in order, a
     * model without trend (beta = phi = 0, growth 0), an undamped one (phi = 1) and a damped one
     * ({@link #SHAPE_N_A_AD}), or the last two ({@link #SHAPE_A_AD}): the multiplications by 0 and
     * by 1 that these lanes would do are left out, which changes no bit of the result.
     */
    static void likelihoodNone(double[] y, boolean multError, int lanes, double[] k, double[] out, double[] logs, int shape) {
        if (lanes == 1) {
            out[0] = multError ? oneMult(y, k, logs) : oneAdd(y, k);
        } else if (lanes == 2) {
            if (shape == SHAPE_A_AD) {
                if (multError) {
                    twoMultAAd(y, k, out, logs);
                } else {
                    twoAddAAd(y, k, out);
                }
            } else if (multError) {
                twoMult(y, k, out, logs);
            } else {
                twoAdd(y, k, out);
            }
        } else if (shape == SHAPE_N_A_AD) {
            if (multError) {
                threeMultNAAd(y, k, out, logs);
            } else {
                threeAddNAAd(y, k, out);
            }
        } else if (multError) {
            threeMult(y, k, out, logs);
        } else {
            threeAdd(y, k, out);
        }
    }

    /**
     * As {@link #likelihoodNone} for {@code adds} lanes with additive errors followed by
     * {@code mults} lanes with multiplicative errors, at least one of each and three at most: the
     * lone search of one error then shares its pass with the other error's searches.
     */
    static void likelihoodMixed(double[] y, int adds, int mults, double[] k, double[] out, double[] logs) {
        if (adds < 1 || mults < 1 || adds + mults > 3) {
            throw new IllegalArgumentException("mixed lanes: 1 or 2 of each error, 3 in all; got " + adds + " + " + mults);
        }
        if (adds == 1 && mults == 1) {
            mixedAM(y, k, out, logs);
        } else if (adds == 2) {
            mixedAAM(y, k, out, logs);
        } else {
            mixedAMM(y, k, out, logs);
        }
    }

    private static void mixedAM(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double s1 = 0.0, s2 = 0.0;
        double p2 = 1.0;
        int n = y.length;
        int g2 = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double e2 = r2 / q2;
            p2 *= Math.abs(q2);
            if (p2 > 1e150 || p2 < 1e-150) {
                logs[n + g2++] = p2;
                p2 = 1.0;
            }
            s1 += r1 * r1;
            s2 += e2 * e2;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            q1 = n1;
            q2 = n2;
        }
        out[0] = criterion(n, s1, 0.0 + Math.log(1.0));
        out[1] = criterion(n, s2, sumLogs(logs, n, g2) + Math.log(p2));
    }

    private static void mixedAAM(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double a3 = k[14], bb3 = k[15], c3 = k[16], be3 = k[17], ph3 = k[18], q3 = k[19], b3 = k[20];
        double s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double p3 = 1.0;
        int n = y.length;
        int g3 = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double r3 = yi - q3;
            double e3 = r3 / q3;
            p3 *= Math.abs(q3);
            if (p3 > 1e150 || p3 < 1e-150) {
                logs[2 * n + g3++] = p3;
                p3 = 1.0;
            }
            s1 += r1 * r1;
            s2 += r2 * r2;
            s3 += e3 * e3;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            double n3 = a3 * q3 + (bb3 * b3 + c3 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            b3 = ph3 * b3 + be3 * r3;
            q1 = n1;
            q2 = n2;
            q3 = n3;
        }
        double none = 0.0 + Math.log(1.0);
        out[0] = criterion(n, s1, none);
        out[1] = criterion(n, s2, none);
        out[2] = criterion(n, s3, sumLogs(logs, 2 * n, g3) + Math.log(p3));
    }

    private static void mixedAMM(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double a3 = k[14], bb3 = k[15], c3 = k[16], be3 = k[17], ph3 = k[18], q3 = k[19], b3 = k[20];
        double s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double p2 = 1.0, p3 = 1.0;
        int n = y.length;
        int g2 = 0, g3 = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double r3 = yi - q3;
            double e2 = r2 / q2;
            double e3 = r3 / q3;
            p2 *= Math.abs(q2);
            p3 *= Math.abs(q3);
            if (p2 > 1e150 || p2 < 1e-150 || p3 > 1e150 || p3 < 1e-150) {
                if (p2 > 1e150 || p2 < 1e-150) {
                    logs[n + g2++] = p2;
                    p2 = 1.0;
                }
                if (p3 > 1e150 || p3 < 1e-150) {
                    logs[2 * n + g3++] = p3;
                    p3 = 1.0;
                }
            }
            s1 += r1 * r1;
            s2 += e2 * e2;
            s3 += e3 * e3;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            double n3 = a3 * q3 + (bb3 * b3 + c3 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            b3 = ph3 * b3 + be3 * r3;
            q1 = n1;
            q2 = n2;
            q3 = n3;
        }
        out[0] = criterion(n, s1, 0.0 + Math.log(1.0));
        out[1] = criterion(n, s2, sumLogs(logs, n, g2) + Math.log(p2));
        out[2] = criterion(n, s3, sumLogs(logs, 2 * n, g3) + Math.log(p3));
    }

    // Specialised lanes. Without trend the growth stays +0 (0 * b + 0 * r with r finite), so
    // phi^2 b is +0 and the level forecast is a q + (0.0 + c y); undamped, phi b and phi^2 b are b.
    // Once a forecast is not finite the criterion is NaN either way.

    private static void threeAddNAAd(double[] y, double[] k, double[] out) {
        double a1 = k[0], c1 = k[2], q1 = k[5];
        double a2 = k[7], c2 = k[9], be2 = k[10], q2 = k[12], b2 = k[13];
        double a3 = k[14], bb3 = k[15], c3 = k[16], be3 = k[17], ph3 = k[18], q3 = k[19], b3 = k[20];
        double s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double r3 = yi - q3;
            s1 += r1 * r1;
            s2 += r2 * r2;
            s3 += r3 * r3;
            double n1 = a1 * q1 + (0.0 + c1 * yi);
            double n2 = a2 * q2 + (b2 + c2 * yi);
            double n3 = a3 * q3 + (bb3 * b3 + c3 * yi);
            b2 = b2 + be2 * r2;
            b3 = ph3 * b3 + be3 * r3;
            q1 = n1;
            q2 = n2;
            q3 = n3;
        }
        double none = 0.0 + Math.log(1.0);
        out[0] = criterion(y.length, s1, none);
        out[1] = criterion(y.length, s2, none);
        out[2] = criterion(y.length, s3, none);
    }

    private static void threeMultNAAd(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], c1 = k[2], q1 = k[5];
        double a2 = k[7], c2 = k[9], be2 = k[10], q2 = k[12], b2 = k[13];
        double a3 = k[14], bb3 = k[15], c3 = k[16], be3 = k[17], ph3 = k[18], q3 = k[19], b3 = k[20];
        double s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double p1 = 1.0, p2 = 1.0, p3 = 1.0;
        int n = y.length;
        int g1 = 0, g2 = 0, g3 = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double r3 = yi - q3;
            double e1 = r1 / q1;
            double e2 = r2 / q2;
            double e3 = r3 / q3;
            p1 *= Math.abs(q1);
            p2 *= Math.abs(q2);
            p3 *= Math.abs(q3);
            if (p1 > 1e150 || p1 < 1e-150 || p2 > 1e150 || p2 < 1e-150 || p3 > 1e150 || p3 < 1e-150) {
                if (p1 > 1e150 || p1 < 1e-150) {
                    logs[g1++] = p1;
                    p1 = 1.0;
                }
                if (p2 > 1e150 || p2 < 1e-150) {
                    logs[n + g2++] = p2;
                    p2 = 1.0;
                }
                if (p3 > 1e150 || p3 < 1e-150) {
                    logs[2 * n + g3++] = p3;
                    p3 = 1.0;
                }
            }
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
            double n1 = a1 * q1 + (0.0 + c1 * yi);
            double n2 = a2 * q2 + (b2 + c2 * yi);
            double n3 = a3 * q3 + (bb3 * b3 + c3 * yi);
            b2 = b2 + be2 * r2;
            b3 = ph3 * b3 + be3 * r3;
            q1 = n1;
            q2 = n2;
            q3 = n3;
        }
        out[0] = criterion(n, s1, sumLogs(logs, 0, g1) + Math.log(p1));
        out[1] = criterion(n, s2, sumLogs(logs, n, g2) + Math.log(p2));
        out[2] = criterion(n, s3, sumLogs(logs, 2 * n, g3) + Math.log(p3));
    }

    private static void twoAddAAd(double[] y, double[] k, double[] out) {
        double a1 = k[0], c1 = k[2], be1 = k[3], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double s1 = 0.0, s2 = 0.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            s1 += r1 * r1;
            s2 += r2 * r2;
            double n1 = a1 * q1 + (b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            b1 = b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            q1 = n1;
            q2 = n2;
        }
        double none = 0.0 + Math.log(1.0);
        out[0] = criterion(y.length, s1, none);
        out[1] = criterion(y.length, s2, none);
    }

    private static void twoMultAAd(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], c1 = k[2], be1 = k[3], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double s1 = 0.0, s2 = 0.0;
        double p1 = 1.0, p2 = 1.0;
        int n = y.length;
        int g1 = 0, g2 = 0;
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double e1 = r1 / q1;
            double e2 = r2 / q2;
            p1 *= Math.abs(q1);
            p2 *= Math.abs(q2);
            if (p1 > 1e150 || p1 < 1e-150 || p2 > 1e150 || p2 < 1e-150) {
                if (p1 > 1e150 || p1 < 1e-150) {
                    logs[g1++] = p1;
                    p1 = 1.0;
                }
                if (p2 > 1e150 || p2 < 1e-150) {
                    logs[n + g2++] = p2;
                    p2 = 1.0;
                }
            }
            s1 += e1 * e1;
            s2 += e2 * e2;
            double n1 = a1 * q1 + (b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            b1 = b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            q1 = n1;
            q2 = n2;
        }
        out[0] = criterion(n, s1, sumLogs(logs, 0, g1) + Math.log(p1));
        out[1] = criterion(n, s2, sumLogs(logs, n, g2) + Math.log(p2));
    }

    /**
     * The sum of the logs of the products set aside when they left [1e-150, 1e150], in order: the
     * same additions as adding each log when it was set aside, but with no call of log inside the
     * filter's loop (a call there makes the compiler keep the loop's values in memory).
     */
    private static double sumLogs(double[] logs, int count) {
        return sumLogs(logs, 0, count);
    }

    private static double sumLogs(double[] logs, int from, int count) {
        double s = 0.0;
        for (int i = 0; i < count; i++) {
            s += Math.log(logs[from + i]);
        }
        return s;
    }

    private static double criterion(int n, double sse, double sumLog) {
        // a forecast that was not finite leaves sse NaN or infinite (and no finite forecasts can
        // leave it non-finite but overflowing, which run() also scores as not finite)
        return Math.abs(sse) <= Double.MAX_VALUE ? n * Math.log(sse) + 2.0 * sumLog : Double.NaN;
    }

    private static double oneAdd(double[] y, double[] k) {
        double a = k[0], bb = k[1], c = k[2], beta = k[3], phi = k[4], q = k[5], b = k[6];
        double sse = 0.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double raw = yi - q;
            sse += raw * raw;
            double qn = a * q + (bb * b + c * yi);
            b = phi * b + beta * raw;
            q = qn;
        }
        return criterion(y.length, sse, 0.0 + Math.log(1.0));
    }

    private static double oneMult(double[] y, double[] k, double[] logs) {
        double a = k[0], bb = k[1], c = k[2], beta = k[3], phi = k[4], q = k[5], b = k[6];
        double sse = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double raw = yi - q;
            double e = raw / q;
            prod *= Math.abs(q);
            if (prod > 1e150 || prod < 1e-150) {
                logs[nLogs++] = prod; // its log after the loop: no call inside it
                prod = 1.0;
            }
            sse += e * e;
            double qn = a * q + (bb * b + c * yi);
            b = phi * b + beta * raw;
            q = qn;
        }
        return criterion(y.length, sse, sumLogs(logs, nLogs) + Math.log(prod));
    }

    private static void threeAdd(double[] y, double[] k, double[] out) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double a3 = k[14], bb3 = k[15], c3 = k[16], be3 = k[17], ph3 = k[18], q3 = k[19], b3 = k[20];
        double s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double r3 = yi - q3;
            s1 += r1 * r1;
            s2 += r2 * r2;
            s3 += r3 * r3;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            double n3 = a3 * q3 + (bb3 * b3 + c3 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            b3 = ph3 * b3 + be3 * r3;
            q1 = n1;
            q2 = n2;
            q3 = n3;
        }
        double none = 0.0 + Math.log(1.0);
        out[0] = criterion(y.length, s1, none);
        out[1] = criterion(y.length, s2, none);
        out[2] = criterion(y.length, s3, none);
    }

    private static void threeMult(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double a3 = k[14], bb3 = k[15], c3 = k[16], be3 = k[17], ph3 = k[18], q3 = k[19], b3 = k[20];
        double s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double p1 = 1.0, p2 = 1.0, p3 = 1.0;
        int n = y.length;
        int g1 = 0, g2 = 0, g3 = 0; // logs set aside per lane
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double r3 = yi - q3;
            double e1 = r1 / q1;
            double e2 = r2 / q2;
            double e3 = r3 / q3;
            p1 *= Math.abs(q1);
            p2 *= Math.abs(q2);
            p3 *= Math.abs(q3);
            if (p1 > 1e150 || p1 < 1e-150 || p2 > 1e150 || p2 < 1e-150 || p3 > 1e150 || p3 < 1e-150) {
                // each lane renormalises exactly when it would on its own
                if (p1 > 1e150 || p1 < 1e-150) {
                    logs[g1++] = p1;
                    p1 = 1.0;
                }
                if (p2 > 1e150 || p2 < 1e-150) {
                    logs[n + g2++] = p2;
                    p2 = 1.0;
                }
                if (p3 > 1e150 || p3 < 1e-150) {
                    logs[2 * n + g3++] = p3;
                    p3 = 1.0;
                }
            }
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            double n3 = a3 * q3 + (bb3 * b3 + c3 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            b3 = ph3 * b3 + be3 * r3;
            q1 = n1;
            q2 = n2;
            q3 = n3;
        }
        out[0] = criterion(n, s1, sumLogs(logs, 0, g1) + Math.log(p1));
        out[1] = criterion(n, s2, sumLogs(logs, n, g2) + Math.log(p2));
        out[2] = criterion(n, s3, sumLogs(logs, 2 * n, g3) + Math.log(p3));
    }

    private static void twoAdd(double[] y, double[] k, double[] out) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double s1 = 0.0, s2 = 0.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            s1 += r1 * r1;
            s2 += r2 * r2;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            q1 = n1;
            q2 = n2;
        }
        double none = 0.0 + Math.log(1.0);
        out[0] = criterion(y.length, s1, none);
        out[1] = criterion(y.length, s2, none);
    }

    private static void twoMult(double[] y, double[] k, double[] out, double[] logs) {
        double a1 = k[0], bb1 = k[1], c1 = k[2], be1 = k[3], ph1 = k[4], q1 = k[5], b1 = k[6];
        double a2 = k[7], bb2 = k[8], c2 = k[9], be2 = k[10], ph2 = k[11], q2 = k[12], b2 = k[13];
        double s1 = 0.0, s2 = 0.0;
        double p1 = 1.0, p2 = 1.0;
        int n = y.length;
        int g1 = 0, g2 = 0; // logs set aside per lane
        for (int i = 0; i < n; i++) {
            double yi = y[i];
            double r1 = yi - q1;
            double r2 = yi - q2;
            double e1 = r1 / q1;
            double e2 = r2 / q2;
            p1 *= Math.abs(q1);
            p2 *= Math.abs(q2);
            if (p1 > 1e150 || p1 < 1e-150 || p2 > 1e150 || p2 < 1e-150) {
                if (p1 > 1e150 || p1 < 1e-150) {
                    logs[g1++] = p1;
                    p1 = 1.0;
                }
                if (p2 > 1e150 || p2 < 1e-150) {
                    logs[n + g2++] = p2;
                    p2 = 1.0;
                }
            }
            s1 += e1 * e1;
            s2 += e2 * e2;
            double n1 = a1 * q1 + (bb1 * b1 + c1 * yi);
            double n2 = a2 * q2 + (bb2 * b2 + c2 * yi);
            b1 = ph1 * b1 + be1 * r1;
            b2 = ph2 * b2 + be2 * r2;
            q1 = n1;
            q2 = n2;
        }
        out[0] = criterion(n, s1, sumLogs(logs, 0, g1) + Math.log(p1));
        out[1] = criterion(n, s2, sumLogs(logs, n, g2) + Math.log(p2));
    }

    private static boolean loopNone(double[] y, boolean multError, boolean rArith, double alpha, double beta, double phi, double l, double b,
                                    double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double phib = phi * b;
            double q = l + phib;
            double f = q;
            if (!(Math.abs(f) <= Double.MAX_VALUE)) {
                return false;
            }
            double raw = yi - f;
            double e = raw;
            if (multError) {
                e = raw / f;
                // sum of log|f| as a running product, renormalised now and then: one log per many steps
                prod *= Math.abs(f);
                if (prod > 1e150 || prod < 1e-150) {
                    logs[nLogs++] = prod; // its log after the loop: no call inside it
                    prod = 1.0;
                }
            }
            sse += e * e;
            sseRaw += raw * raw;
            sae += Math.abs(e);
            if (residuals != null) {
                residuals[i] = e;
                fitted[i] = f;
            }
            // level and growth from the same correction d; R writes the growth as
            // phib + beta/alpha (l_t - l_{t-1} - phib), which is the same number, but it waits for l_t
            double d = yi - q;
            double ln = q + alpha * d;
            b = rArith ? phib + (beta / alpha) * (ln - l - phib) : phib + beta * d;
            l = ln;
        }
        acc[0] = sse;
        acc[1] = sseRaw;
        acc[2] = sae;
        acc[3] = sumLogs(logs, nLogs) + Math.log(prod);
        acc[4] = l;
        acc[5] = b;
        return true;
    }

    /** Returns the ring position after the last step, or -1 when a forecast is not finite. */
    private static int loopAdd(double[] y, int m, boolean multError, boolean rArith, double alpha, double beta, double gamma, double phi,
                               double l, double b, double[] ring, double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        int p = 0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double phib = phi * b;
            double q = l + phib;
            double s = ring[p];
            double f = q + s;
            if (!(Math.abs(f) <= Double.MAX_VALUE)) {
                return -1;
            }
            double raw = yi - f;
            double e = raw;
            if (multError) {
                e = raw / f;
                prod *= Math.abs(f);
                if (prod > 1e150 || prod < 1e-150) {
                    logs[nLogs++] = prod; // its log after the loop: no call inside it
                    prod = 1.0;
                }
            }
            sse += e * e;
            sseRaw += raw * raw;
            sae += Math.abs(e);
            if (residuals != null) {
                residuals[i] = e;
                fitted[i] = f;
            }
            double d = (yi - s) - q;
            double ln = q + alpha * d;
            b = rArith ? phib + (beta / alpha) * (ln - l - phib) : phib + beta * d;
            l = ln;
            ring[p] = rArith ? s + gamma * ((yi - q) - s) : s + gamma * d;
            p = p + 1 == m ? 0 : p + 1;
        }
        acc[0] = sse;
        acc[1] = sseRaw;
        acc[2] = sae;
        acc[3] = sumLogs(logs, nLogs) + Math.log(prod);
        acc[4] = l;
        acc[5] = b;
        return p;
    }

    /** Returns the ring position after the last step, or -1 when a forecast is not finite. */
    private static int loopMult(double[] y, int m, boolean multError, boolean rArith, double alpha, double beta, double gamma, double phi,
                                double l, double b, double[] ring, double[] residuals, double[] fitted, double[] acc, double[] logs) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        int nLogs = 0;
        double prod = 1.0;
        int p = 0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            double phib = phi * b;
            double q = l + phib;
            double s = ring[p];
            double f = q * s;
            if (!(Math.abs(f) <= Double.MAX_VALUE)) {
                return -1;
            }
            double raw = yi - f;
            double e = raw;
            if (multError) {
                e = raw / f;
                prod *= Math.abs(f);
                if (prod > 1e150 || prod < 1e-150) {
                    logs[nLogs++] = prod; // its log after the loop: no call inside it
                    prod = 1.0;
                }
            }
            sse += e * e;
            sseRaw += raw * raw;
            sae += Math.abs(e);
            if (residuals != null) {
                residuals[i] = e;
                fitted[i] = f;
            }
            double pl = Math.abs(s) < TOL ? HUGEN : yi / s;
            double d = pl - q;
            double ln = q + alpha * d;
            b = rArith ? phib + (beta / alpha) * (ln - l - phib) : phib + beta * d;
            l = ln;
            double t = Math.abs(q) < TOL ? HUGEN : yi / q;
            ring[p] = s + gamma * (t - s);
            p = p + 1 == m ? 0 : p + 1;
        }
        acc[0] = sse;
        acc[1] = sseRaw;
        acc[2] = sae;
        acc[3] = sumLogs(logs, nLogs) + Math.log(prod);
        acc[4] = l;
        acc[5] = b;
        return p;
    }

    /**
     * Point forecasts h = 1..horizon from a state in R's order: level plus damped trend, plus or
     * times the seasonal state of the step.
     */
    static double[] forecast(double[] state, int m, int trend, int season, double phi, int horizon) {
        double l = state[0];
        double b = trend != NONE ? state[1] : 0.0;
        int off = trend != NONE ? 2 : 1;
        double[] f = new double[horizon];
        double phiStar = trend != NONE ? phi : 0.0;
        double phiPow = phi;
        for (int i = 0; i < horizon; i++) {
            double v = l + phiStar * b;
            if (season != NONE) {
                // step i+1 uses s_{m - (i mod m)}: the oldest state first
                double s = state[off + m - 1 - (i % m)];
                v = season == ADD ? v + s : v * s;
            }
            f[i] = v;
            if (trend != NONE) {
                phiPow *= phi;
                phiStar += phiPow;
            }
        }
        return f;
    }
}
