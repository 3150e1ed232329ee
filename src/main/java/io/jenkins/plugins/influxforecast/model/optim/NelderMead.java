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
        Search s = new Search(start, steps, tol, maxEvaluations, asR);
        while (!s.done()) {
            s.tell(f.applyAsDouble(s.point()));
        }
        return s.result();
    }

    /**
     * The same search as {@link #minimise(ToDoubleFunction, double[], double[], double, int, boolean)},
     * turned inside out: the caller asks for the {@link #point()} to evaluate and {@link #tell}s its
     * value, until {@link #done()}. This lets one caller run several searches side by side and
     * evaluate the points they ask for together (ETS evaluates the likelihoods of several
     * candidate models in one pass over the series). The sequence of points, values and the
     * result are exactly those of {@code minimise}.
     */
    public static final class Search {
        private static final int INIT = 0;
        private static final int REFLECT = 1;
        private static final int EXPAND = 2;
        private static final int CONTRACT = 3;
        private static final int SHRINK = 4;
        private static final int DONE = 5;

        private final int n;
        private final int n1;
        private final boolean asR;
        private final int maxEvaluations;
        private final double tol;
        private final double[][] p;
        private final double[] v;
        private final double[] trial;
        private final double[] trial2;
        private final double[] centroid;
        private final double[] sum;
        private double convtol;
        private double oldsize;
        private int evals;
        private boolean converged;
        private int lo;
        private int hi;
        private double vl;
        private double vh;
        private double vr;
        private int refresh;
        private int state;
        private int index; // the vertex being evaluated (INIT, SHRINK)
        private double[] asked;

        public Search(double[] start, double[] steps, double tol, int maxEvaluations, boolean asR) {
            this.n = start.length;
            this.n1 = n + 1;
            this.asR = asR;
            this.maxEvaluations = maxEvaluations;
            this.tol = tol;
            this.p = new double[n1][];
            this.v = new double[n1];
            this.trial = new double[n];
            this.trial2 = new double[n];
            this.centroid = new double[n];
            this.sum = new double[n];
            p[0] = start.clone();
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
            oldsize = size;
            state = INIT;
            index = 0;
            asked = p[0];
        }

        /** True when the search has ended; {@link #result()} then holds the outcome. */
        public boolean done() {
            return state == DONE;
        }

        /** The point whose value is wanted next (do not modify it). */
        public double[] point() {
            return asked;
        }

        /** The value of {@link #point()}; non-finite values count as a huge value. */
        public void tell(double value) {
            double y = Double.isFinite(value) ? value : BIG;
            evals++;
            switch (state) {
                case INIT -> {
                    v[index] = y;
                    if (index == 0) {
                        if (n == 0) {
                            v[0] = value; // as given: there is nothing to compare it with
                            converged = true;
                            state = DONE;
                            return;
                        }
                        convtol = tol * (Math.abs(y) + tol);
                    }
                    if (++index < n1) {
                        asked = p[index];
                    } else {
                        iterate();
                    }
                }
                case REFLECT -> {
                    vr = y;
                    double[] worst = p[hi];
                    if (vr < vl) {
                        // expansion
                        for (int i = 0; i < n; i++) {
                            trial2[i] = 2 * trial[i] - centroid[i];
                        }
                        state = EXPAND;
                        asked = trial2;
                        return;
                    }
                    if (vr < vh) {
                        // the reflected point replaces the worst, then contract from it
                        replace(sum, worst, trial);
                        v[hi] = vr;
                    }
                    for (int i = 0; i < n; i++) {
                        trial2[i] = 0.5 * worst[i] + 0.5 * centroid[i];
                    }
                    state = CONTRACT;
                    asked = trial2;
                }
                case EXPAND -> {
                    boolean expanded = y < vr;
                    replace(sum, p[hi], expanded ? trial2 : trial);
                    v[hi] = expanded ? y : vr;
                    iterate();
                }
                case CONTRACT -> {
                    if (y < v[hi]) {
                        replace(sum, p[hi], trial2);
                        v[hi] = y;
                        iterate();
                    } else if (vr >= vh) {
                        shrink();
                    } else {
                        iterate();
                    }
                }
                case SHRINK -> {
                    v[index] = y;
                    index++;
                    if (index == lo) {
                        index++;
                    }
                    if (index < n1) {
                        asked = p[index];
                    } else {
                        iterate();
                    }
                }
                default -> throw new IllegalStateException("the search has ended");
            }
        }

        /** Shrinks the simplex towards its best vertex (rare: kept out of {@link #tell}'s compiled body). */
        private void shrink() {
            refresh = 0;
            double size = 0;
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
                state = DONE;
                return;
            }
            state = SHRINK;
            index = lo == 0 ? 1 : 0;
            asked = p[index];
        }

        /** The top of an iteration: order, test for the end, then ask for the reflected point. */
        private void iterate() {
            hi = lo;
            vl = v[lo];
            vh = vl;
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
                state = DONE;
                return;
            }
            if (asR ? evals > maxEvaluations : evals >= maxEvaluations) {
                state = DONE;
                return;
            }
            // centroid of all but the worst, from the running sum of the vertices (refreshed now
            // and then against drift): O(n) per iteration instead of O(n^2)
            if (--refresh <= 0) {
                sumVertices(p, sum);
                refresh = 2 * n1;
            }
            double[] worst = p[hi];
            for (int i = 0; i < n; i++) {
                double c = (sum[i] - worst[i]) / n;
                centroid[i] = c;
                trial[i] = 2 * c - worst[i];
            }
            state = REFLECT;
            asked = trial;
        }

        /** The outcome; only once {@link #done()}. */
        public Result result() {
            if (state != DONE) {
                throw new IllegalStateException("the search has not ended");
            }
            if (n == 0) {
                return new Result(p[0].clone(), v[0], evals, true);
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
}
