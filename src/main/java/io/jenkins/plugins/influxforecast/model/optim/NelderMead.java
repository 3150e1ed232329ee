package io.jenkins.plugins.influxforecast.model.optim;

import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead simplex minimisation in the variant of R's {@code optim(method = "Nelder-Mead")}
 * (Nash, Compact Numerical Methods, 1990, Algorithm 19), which R's {@code forecast::ets} also uses:
 * reflection coefficient 1, contraction 0.5, expansion 2; a failed contraction shrinks the simplex
 * towards its best vertex; the search stops when the function values of the simplex spread by no
 * more than {@code tol * (|f(start)| + tol)}, after {@code maxEvaluations} evaluations, or when a
 * shrink no longer makes the simplex smaller. Non-finite values count as a huge value, so an
 * objective can reject points outside its domain by returning +infinity.
 *
 * <p>Written here rather than taken from commons-math3 because it is the innermost loop of ETS
 * selection: commons-math3's {@code SimplexOptimizer} costs about 7 microseconds of bookkeeping per
 * evaluation at 27 dimensions (an hourly seasonal ETS), more than the likelihood itself; this one
 * works in place on one array and costs O(dimension) per evaluation. Not thread-safe; one instance
 * per minimisation.
 */
public final class NelderMead {

    private static final double BIG = 1.0e35;

    /** The outcome: the best point, its value, the evaluations used and whether the tolerance was met. */
    public record Result(double[] point, double value, int evaluations, boolean converged) {
    }

    private NelderMead() {
    }

    /**
     * Minimises {@code f} from {@code start}. {@code steps} gives the initial simplex: vertex i is
     * the start moved by steps[i] along coordinate i (a zero step is replaced by 0.1).
     */
    public static Result minimise(ToDoubleFunction<double[]> f, double[] start, double[] steps, double tol, int maxEvaluations) {
        return minimise(f, start, steps, tol, maxEvaluations, false);
    }

    /**
     * As {@link #minimise(ToDoubleFunction, double[], double[], double, int)}; with {@code asR} the
     * stopping and the returned vertex follow R's {@code optim} to the letter: the budget is checked
     * after an iteration (so one more iteration runs once it is reached exactly), and when the
     * budget ends the search returns the best vertex of the last ordering pass (which can miss the
     * very last improvement).
     */
    public static Result minimise(ToDoubleFunction<double[]> f, double[] start, double[] steps, double tol, int maxEvaluations,
                                  boolean asR) {
        final int n = start.length;
        if (n == 0) {
            double v = f.applyAsDouble(start.clone());
            return new Result(start.clone(), v, 1, true);
        }
        final int n1 = n + 1;
        // vertices as rows; values apart
        double[][] p = new double[n1][];
        double[] v = new double[n1];
        double[] trial = new double[n];
        double[] trial2 = new double[n];
        double[] centroid = new double[n];
        int evals = 0;
        p[0] = start.clone();
        double f0 = value(f, p[0]);
        evals++;
        v[0] = f0;
        double convtol = tol * (Math.abs(f0) + tol);
        double size = 0;
        for (int j = 1; j < n1; j++) {
            p[j] = start.clone();
            double step = steps[j - 1] == 0 ? 0.1 : steps[j - 1];
            double trystep = step;
            while (p[j][j - 1] == start[j - 1]) {
                p[j][j - 1] = start[j - 1] + trystep;
                trystep *= 10;
            }
            size += Math.abs(p[j][j - 1] - start[j - 1]);
        }
        double oldsize = size;
        for (int j = 1; j < n1; j++) {
            v[j] = value(f, p[j]);
            evals++;
        }

        boolean converged = false;
        int lo = 0;
        double[] sum = new double[n];
        int refresh = 0;
        while (true) {
            // best (lo) and worst (hi) vertices
            int hi = lo;
            double vl = v[lo];
            double vh = vl;
            for (int j = 0; j < n1; j++) {
                double fj = v[j];
                if (fj < vl) {
                    lo = j;
                    vl = fj;
                }
                if (fj > vh) {
                    hi = j;
                    vh = fj;
                }
            }
            if (vh <= vl + convtol) {
                converged = true;
                break;
            }
            if (asR ? evals > maxEvaluations : evals >= maxEvaluations) {
                break;
            }
            // centroid of all but the worst, from the running sum of the vertices (refreshed now
            // and then against drift): O(n) per iteration instead of O(n^2)
            if (--refresh <= 0) {
                sumVertices(p, sum);
                refresh = 2 * n1;
            }
            for (int i = 0; i < n; i++) {
                centroid[i] = (sum[i] - p[hi][i]) / n;
            }
            // reflection
            double[] worst = p[hi];
            for (int i = 0; i < n; i++) {
                trial[i] = 2 * centroid[i] - worst[i];
            }
            double vr = value(f, trial);
            evals++;
            if (vr < vl) {
                // expansion
                for (int i = 0; i < n; i++) {
                    trial2[i] = 2 * trial[i] - centroid[i];
                }
                double ve = value(f, trial2);
                evals++;
                if (ve < vr) {
                    replace(sum, worst, trial2);
                    v[hi] = ve;
                } else {
                    replace(sum, worst, trial);
                    v[hi] = vr;
                }
                continue;
            }
            if (vr < vh) {
                // the reflected point replaces the worst, then contract from it
                replace(sum, worst, trial);
                v[hi] = vr;
            }
            for (int i = 0; i < n; i++) {
                trial2[i] = 0.5 * worst[i] + 0.5 * centroid[i];
            }
            double vc = value(f, trial2);
            evals++;
            if (vc < v[hi]) {
                replace(sum, worst, trial2);
                v[hi] = vc;
            } else if (vr >= vh) {
                refresh = 0;
                // shrink towards the best vertex
                size = 0;
                double[] best = p[lo];
                for (int j = 0; j < n1; j++) {
                    if (j == lo) {
                        continue;
                    }
                    double[] pj = p[j];
                    for (int i = 0; i < n; i++) {
                        pj[i] = 0.5 * (pj[i] - best[i]) + best[i];
                        size += Math.abs(pj[i] - best[i]);
                    }
                }
                if (size < oldsize) {
                    oldsize = size;
                } else {
                    break;
                }
                for (int j = 0; j < n1; j++) {
                    if (j != lo) {
                        v[j] = value(f, p[j]);
                        evals++;
                    }
                }

            }
        }
        int best = lo;
        if (!asR) {
            for (int j = 0; j < n1; j++) {
                if (v[j] < v[best]) {
                    best = j;
                }
            }
        }
        return new Result(p[best].clone(), v[best], evals, converged);
    }

    private static void sumVertices(double[][] p, double[] sum) {
        java.util.Arrays.fill(sum, 0);
        for (double[] v : p) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
    }

    /** Copies {@code to} into {@code vertex}, keeping the running sum. */
    private static void replace(double[] sum, double[] vertex, double[] to) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += to[i] - vertex[i];
            vertex[i] = to[i];
        }
    }

    private static double value(ToDoubleFunction<double[]> f, double[] x) {
        double y = f.applyAsDouble(x);
        return Double.isFinite(y) ? y : BIG;
    }
}
