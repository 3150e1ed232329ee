package io.jenkins.plugins.influxforecast.model.optim;

import java.util.Arrays;

/**
 * Unconstrained minimisation by the variable-metric (BFGS) method with a backtracking line search
 * and central-difference gradients, following the algorithm in Nash, "Compact Numerical Methods for
 * Computers" (1990), Algorithm 21, which is also what R's {@code optim(method = "BFGS")} implements.
 * Step sizes, the acceptance tolerance and the stopping rule follow R's documented defaults
 * ({@code ndeps = 1e-3}, {@code reltol = sqrt(machine epsilon)}, {@code maxit = 100}), so fits are
 * comparable with R's {@code arima}. commons-math3 has no quasi-Newton optimiser, hence this one.
 *
 * <p>The objective may return a non-finite value (e.g. outside an admissible region): the line search
 * then shortens the step. Not thread-safe per call, but stateless: call it from many threads.
 */
public final class Bfgs {

    /** An objective function; must not keep a reference to its argument. */
    @FunctionalInterface
    public interface Objective {
        double value(double[] x);
    }

    /**
     * An objective that can also give its exact gradient, computed with the value in one pass; the
     * optimiser then uses it in place of central differences.
     */
    public interface Differentiable extends Objective {
        /**
         * The value at {@code x}, with the gradient written into {@code grad} when the value is finite
         * (a non-finite gradient entry makes the optimiser fall back to differences for that point).
         */
        double valueAndGradient(double[] x, double[] grad);
    }

    /** The outcome: the best point, its value, the counts and whether the stopping rule was met. */
    public record Result(double[] x, double value, int iterations, int evaluations, boolean converged) {
    }

    private static final double STEP_REDUCTION = 0.2;
    private static final double ACCEPT_TOLERANCE = 1e-4;
    private static final double REL_TEST = 10.0;

    private Bfgs() {
    }

    /** Minimises with R's defaults: unit parameter scales, gradient step 1e-3, 100 iterations. */
    public static Result minimize(Objective f, double[] start) {
        double[] scale = new double[start.length];
        Arrays.fill(scale, 1.0);
        return minimize(f, start, scale, 1e-3, 100, 1.4901161193847656e-8);
    }

    /**
     * Minimises {@code f} from {@code start}.
     *
     * @param scale   the typical size of each parameter (R's parscale): the search runs on x / scale
     * @param ndeps   the central-difference step on the scaled parameters
     * @param maxIter the maximum number of iterations (gradient evaluations)
     * @param relTol  stop when an iteration improves f by less than relTol * (|f| + relTol)
     */
    public static Result minimize(Objective f, double[] start, double[] scale, double ndeps, int maxIter, double relTol) {
        return minimize(f, start, scale, ndeps, maxIter, relTol, null);
    }

    /**
     * As {@link #minimize(Objective, double[], double[], double, int, double)}, with a first
     * inverse-Hessian approximation (on the scaled parameters) in place of the identity, e.g. from a
     * related fit; the method falls back to the identity whenever it restarts.
     */
    public static Result minimize(Objective f, double[] start, double[] scale, double ndeps, int maxIter, double relTol,
            double[][] initialInverse) {
        int n = start.length;
        Scaled g = new Scaled(f, scale);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = start[i] / scale[i];
        }
        double fmin = g.value(b);
        if (n == 0) {
            return new Result(new double[0], fmin, 0, g.count, true);
        }
        if (!Double.isFinite(fmin)) {
            throw new IllegalArgumentException("the objective is not finite at the start point " + Arrays.toString(start));
        }
        double[] grad = new double[n];
        double[] prevGrad = new double[n];
        double[] x = new double[n];
        double[] t = new double[n];
        double[] bx = new double[n];
        double[][] h = new double[n][n];
        gradient(g, b, ndeps, grad);
        int gradCount = 1;
        int iter = 1;
        int lastReset = gradCount;
        int count;
        boolean converged = false;
        boolean useInitial = initialInverse != null;
        do {
            if (useInitial) {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(initialInverse[i], 0, h[i], 0, n);
                }
                useInitial = false;
            } else if (lastReset == gradCount) {
                for (int i = 0; i < n; i++) {
                    Arrays.fill(h[i], 0.0);
                    h[i][i] = 1.0;
                }
            }
            System.arraycopy(b, 0, x, 0, n);
            System.arraycopy(grad, 0, prevGrad, 0, n);
            double slope = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s -= h[i][j] * grad[j];
                }
                t[i] = s;
                slope += s * grad[i];
            }
            if (slope < 0) {
                double step = 1.0;
                boolean accepted = false;
                double fnew = fmin;
                do {
                    count = 0;
                    for (int i = 0; i < n; i++) {
                        b[i] = x[i] + step * t[i];
                        if (REL_TEST + x[i] == REL_TEST + b[i]) {
                            count++;
                        }
                    }
                    if (count < n) {
                        fnew = g.value(b);
                        accepted = Double.isFinite(fnew) && fnew <= fmin + slope * step * ACCEPT_TOLERANCE;
                        if (!accepted) {
                            step *= STEP_REDUCTION;
                        }
                    }
                } while (!(count == n || accepted));
                boolean enough = Math.abs(fnew - fmin) > relTol * (Math.abs(fmin) + relTol);
                if (!enough) {
                    count = n;
                    if (accepted) {
                        fmin = fnew;
                    } else {
                        System.arraycopy(x, 0, b, 0, n);
                    }
                    converged = true;
                }
                if (count < n) {
                    fmin = fnew;
                    gradient(g, b, ndeps, grad);
                    gradCount++;
                    iter++;
                    double d1 = 0;
                    for (int i = 0; i < n; i++) {
                        t[i] = step * t[i];
                        bx[i] = grad[i] - prevGrad[i];
                        d1 += t[i] * bx[i];
                    }
                    if (d1 > 0) {
                        double d2 = 0;
                        double[] hy = x; // reuse: x is not needed until the next iteration copies b into it
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j < n; j++) {
                                s += h[i][j] * bx[j];
                            }
                            hy[i] = s;
                            d2 += s * bx[i];
                        }
                        d2 = 1.0 + d2 / d1;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                h[i][j] += (d2 * t[i] * t[j] - hy[i] * t[j] - t[i] * hy[j]) / d1;
                            }
                        }
                    } else {
                        lastReset = gradCount;
                    }
                } else if (lastReset < gradCount) {
                    // no progress along a quasi-Newton direction: retry once along the gradient
                    count = 0;
                    lastReset = gradCount;
                    converged = false;
                }
            } else {
                count = 0;
                if (lastReset == gradCount) {
                    count = n;
                    converged = true;
                } else {
                    lastReset = gradCount;
                }
            }
            if (iter >= maxIter) {
                break;
            }
            if (gradCount - lastReset > 2 * n) {
                lastReset = gradCount;
            }
        } while (count != n || lastReset != gradCount);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = b[i] * scale[i];
        }
        return new Result(out, fmin, iter, g.count, converged && iter < maxIter);
    }

    /**
     * The Hessian of {@code f} at {@code x} by central differences of central differences with step
     * {@code eps} (R's {@code optimHess} with gradients also by differences), symmetric.
     */
    public static double[][] hessian(Objective f, double[] x, double eps) {
        int n = x.length;
        double[][] hess = new double[n][n];
        double[] p = x.clone();
        double f0 = f.value(p);
        for (int i = 0; i < n; i++) {
            p[i] = x[i] + 2 * eps;
            double fp = f.value(p);
            p[i] = x[i] - 2 * eps;
            double fm = f.value(p);
            p[i] = x[i];
            hess[i][i] = (fp - 2 * f0 + fm) / (4 * eps * eps);
            for (int j = 0; j < i; j++) {
                p[i] = x[i] + eps;
                p[j] = x[j] + eps;
                double fpp = f.value(p);
                p[j] = x[j] - eps;
                double fpm = f.value(p);
                p[i] = x[i] - eps;
                double fmm = f.value(p);
                p[j] = x[j] + eps;
                double fmp = f.value(p);
                p[i] = x[i];
                p[j] = x[j];
                double v = (fpp - fpm - fmp + fmm) / (4 * eps * eps);
                hess[i][j] = v;
                hess[j][i] = v;
            }
        }
        return hess;
    }

    /**
     * The Hessian of {@code f} at {@code x} by central differences of its exact gradient with step
     * {@code eps} (2n gradient evaluations instead of 2n^2 values), symmetrised; falls back to
     * {@link #hessian(Objective, double[], double)} when a gradient is not finite.
     */
    public static double[][] hessianFromGradient(Differentiable f, double[] x, double eps) {
        int n = x.length;
        double[][] hess = new double[n][n];
        double[] p = x.clone();
        double[] up = new double[n];
        double[] down = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = x[i] + eps;
            double fu = f.valueAndGradient(p, up);
            p[i] = x[i] - eps;
            double fd = f.valueAndGradient(p, down);
            p[i] = x[i];
            if (!Double.isFinite(fu) || !Double.isFinite(fd)) {
                return hessian(f, x, eps);
            }
            for (int j = 0; j < n; j++) {
                double v = (up[j] - down[j]) / (2 * eps);
                if (!Double.isFinite(v)) {
                    return hessian(f, x, eps);
                }
                hess[i][j] = v;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = v;
                hess[j][i] = v;
            }
        }
        return hess;
    }

    private static void gradient(Scaled g, double[] b, double eps, double[] out) {
        if (g.exactGradient(b, out)) {
            return;
        }
        for (int i = 0; i < b.length; i++) {
            double keep = b[i];
            b[i] = keep + eps;
            double up = g.value(b);
            b[i] = keep - eps;
            double down = g.value(b);
            b[i] = keep;
            out[i] = (up - down) / (2 * eps);
            if (!Double.isFinite(out[i])) {
                // one side is outside the admissible region: use the one-sided difference that exists
                double mid = g.value(b);
                out[i] = Double.isFinite(up) ? (up - mid) / eps : Double.isFinite(down) ? (mid - down) / eps : 0.0;
            }
        }
    }

    /** The objective on scaled parameters, counting evaluations. */
    private static final class Scaled {
        private final Objective f;
        private final double[] scale;
        private final double[] work;
        int count;

        Scaled(Objective f, double[] scale) {
            this.f = f;
            this.scale = scale;
            this.work = new double[scale.length];
        }

        double value(double[] b) {
            count++;
            for (int i = 0; i < b.length; i++) {
                work[i] = b[i] * scale[i];
            }
            double v = f.value(work);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        }

        /** The exact gradient on the scaled parameters when the objective has one and it is finite. */
        boolean exactGradient(double[] b, double[] out) {
            if (!(f instanceof Differentiable d)) {
                return false;
            }
            count++;
            for (int i = 0; i < b.length; i++) {
                work[i] = b[i] * scale[i];
            }
            double v = d.valueAndGradient(work, out);
            if (!Double.isFinite(v)) {
                return false;
            }
            for (int i = 0; i < b.length; i++) {
                out[i] *= scale[i];
                if (!Double.isFinite(out[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
