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
            p = fast(y, m, season, error == MULT, alpha, be, gamma, ph, l0, b0, ring, residuals, fitted, acc);
            ok = p >= 0;
        } else if (season == NONE) {
            ok = loopNone(y, error == MULT, rArith, alpha, be, ph, l0, b0, residuals, fitted, acc);
            p = 0;
        } else if (season == ADD) {
            p = loopAdd(y, m, error == MULT, rArith, alpha, be, gamma, ph, l0, b0, ring, residuals, fitted, acc);
            ok = p >= 0;
        } else {
            p = loopMult(y, m, error == MULT, rArith, alpha, be, gamma, ph, l0, b0, ring, residuals, fitted, acc);
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
                            double phi, double l, double b, double[] ring, double[] residuals, double[] fitted, double[] acc) {
        double a = 1 - alpha - phi * beta;
        double bb = phi * phi;
        double c = alpha + phi * beta;
        double q = l + phi * b;
        int p = switch (season) {
            case NONE -> fastNone(y, multError, a, bb, c, beta, phi, q, b, residuals, fitted, acc);
            case ADD -> fastAdd(y, m, multError, a, bb, c, beta, gamma, phi, q, b, ring, residuals, fitted, acc);
            default -> fastMult(y, m, multError, a, bb, c, beta, gamma, phi, q, b, ring, residuals, fitted, acc);
        };
        if (p >= 0) {
            // acc[4] holds q_{n+1}, acc[5] b_n: the level is q_{n+1} - phi b_n
            acc[4] = acc[4] - phi * acc[5];
        }
        return p;
    }

    private static int fastNone(double[] y, boolean multError, double a, double bb, double c, double beta, double phi, double q,
                                double b, double[] residuals, double[] fitted, double[] acc) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        double sumLog = 0.0;
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
                    sumLog += Math.log(prod);
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
        acc[3] = sumLog + Math.log(prod);
        acc[4] = q;
        acc[5] = b;
        return 0;
    }

    private static int fastAdd(double[] y, int m, boolean multError, double a, double bb, double c, double beta, double gamma,
                               double phi, double q, double b, double[] ring, double[] residuals, double[] fitted, double[] acc) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        double sumLog = 0.0;
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
                    sumLog += Math.log(prod);
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
        acc[3] = sumLog + Math.log(prod);
        acc[4] = q;
        acc[5] = b;
        return p;
    }

    private static int fastMult(double[] y, int m, boolean multError, double a, double bb, double c, double beta, double gamma,
                                double phi, double q, double b, double[] ring, double[] residuals, double[] fitted, double[] acc) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        double sumLog = 0.0;
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
                    sumLog += Math.log(prod);
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
        acc[3] = sumLog + Math.log(prod);
        acc[4] = q;
        acc[5] = b;
        return p;
    }

    private static boolean loopNone(double[] y, boolean multError, boolean rArith, double alpha, double beta, double phi, double l, double b,
                                    double[] residuals, double[] fitted, double[] acc) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        double sumLog = 0.0;
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
                    sumLog += Math.log(prod);
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
        acc[3] = sumLog + Math.log(prod);
        acc[4] = l;
        acc[5] = b;
        return true;
    }

    /** Returns the ring position after the last step, or -1 when a forecast is not finite. */
    private static int loopAdd(double[] y, int m, boolean multError, boolean rArith, double alpha, double beta, double gamma, double phi,
                               double l, double b, double[] ring, double[] residuals, double[] fitted, double[] acc) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        double sumLog = 0.0;
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
                    sumLog += Math.log(prod);
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
        acc[3] = sumLog + Math.log(prod);
        acc[4] = l;
        acc[5] = b;
        return p;
    }

    /** Returns the ring position after the last step, or -1 when a forecast is not finite. */
    private static int loopMult(double[] y, int m, boolean multError, boolean rArith, double alpha, double beta, double gamma, double phi,
                                double l, double b, double[] ring, double[] residuals, double[] fitted, double[] acc) {
        double sse = 0.0;
        double sseRaw = 0.0;
        double sae = 0.0;
        double sumLog = 0.0;
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
                    sumLog += Math.log(prod);
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
        acc[3] = sumLog + Math.log(prod);
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
