package io.jenkins.plugins.influxforecast.model.ets;

import java.util.Locale;

/**
 * How an ETS model is estimated: fixed smoothing parameters (NaN: estimated), the bounds of the
 * estimated ones, the criterion minimised, the information criterion used to choose among
 * candidates, the optimiser's budget, and up to which period the initial seasonal states are
 * estimated along with the smoothing parameters (above it they stay at their heuristic values).
 * Defaults are R's: bounds [1e-4, 0.9999] for alpha, beta, gamma and [0.8, 0.98] for phi, both the
 * usual and the admissible region enforced, likelihood, AICc.
 */
public record EtsOptions(double alpha, double beta, double gamma, double phi, double[] lower, double[] upper,
                         Criterion criterion, InformationCriterion ic, int maxEvaluations, int maxSeasonalStatesOptimised,
                         double tolerance, boolean rSimplex, boolean rArithmetic) {

    /** What the optimiser minimises (R's {@code opt.crit}). */
    public enum Criterion {
        /** The likelihood (R's default). */
        LIK(EtsKernel.CRIT_LIK),
        /** Mean squared one-step error (what R's {@code ses} and {@code holt} use). */
        MSE(EtsKernel.CRIT_MSE),
        /** Mean squared residual. */
        SIGMA(EtsKernel.CRIT_SIGMA),
        /** Mean absolute residual. */
        MAE(EtsKernel.CRIT_MAE);

        final int code;

        Criterion(int code) {
            this.code = code;
        }

        public static Criterion parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** How candidates are compared (R's {@code ic}). */
    public enum InformationCriterion { AICC, AIC, BIC }

    public EtsOptions {
        lower = lower.clone();
        upper = upper.clone();
        if (lower.length != 4 || upper.length != 4) {
            throw new IllegalArgumentException("ETS bounds need 4 values (alpha, beta, gamma, phi)");
        }
        for (int i = 0; i < 4; i++) {
            if (!(lower[i] <= upper[i])) {
                throw new IllegalArgumentException("ETS lower bounds must not exceed upper bounds");
            }
        }
        if (maxEvaluations < 10) {
            throw new IllegalArgumentException("ETS maxeval must be >= 10, got " + maxEvaluations);
        }
    }

    public static EtsOptions defaults() {
        return new EtsOptions(Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[] {1e-4, 1e-4, 1e-4, 0.8},
                new double[] {0.9999, 0.9999, 0.9999, 0.98}, Criterion.LIK, InformationCriterion.AICC, 2000, 24, 1e-8, true, false);
    }

    public EtsOptions withCriterion(Criterion c) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, c, ic, maxEvaluations, maxSeasonalStatesOptimised, tolerance, rSimplex, rArithmetic);
    }

    public EtsOptions withIc(InformationCriterion c) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, criterion, c, maxEvaluations, maxSeasonalStatesOptimised, tolerance, rSimplex, rArithmetic);
    }

    public EtsOptions withFixed(double a, double b, double g, double p) {
        return new EtsOptions(a, b, g, p, lower, upper, criterion, ic, maxEvaluations, maxSeasonalStatesOptimised, tolerance, rSimplex, rArithmetic);
    }

    public EtsOptions withMaxEvaluations(int n) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, criterion, ic, n, maxSeasonalStatesOptimised, tolerance, rSimplex, rArithmetic);
    }

    public EtsOptions withMaxSeasonalStatesOptimised(int m) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, criterion, ic, maxEvaluations, m, tolerance, rSimplex, rArithmetic);
    }

    public EtsOptions withTolerance(double t) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, criterion, ic, maxEvaluations, maxSeasonalStatesOptimised, t, rSimplex, rArithmetic);
    }

    /**
     * R's search (the default): the parameters on their own scale (points outside the bounds score
     * +infinity) and one initial step for every coordinate, a tenth of the largest starting value,
     * as R's {@code optim}; it reproduces R's estimates, also where they depend on where the search
     * stops (2000 evaluations: every seasonal type). {@code false}: the smoothing parameters on a
     * logistic scale mapped onto their bounds and steps scaled per coordinate, which often finds
     * higher likelihoods and sometimes lower ones (spec {@code simplex=scaled}).
     */
    public EtsOptions withRSimplex(boolean r) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, criterion, ic, maxEvaluations, maxSeasonalStatesOptimised,
                tolerance, r, rArithmetic);
    }

    /**
     * Writes the growth and seasonal updates exactly as R's C code does (see EtsKernel), so that R's
     * search is retraced bit for bit; slower (a longer dependency chain per step) and, on M4
     * Hourly, no different in accuracy. For tests.
     */
    public EtsOptions withRArithmetic(boolean r) {
        return new EtsOptions(alpha, beta, gamma, phi, lower, upper, criterion, ic, maxEvaluations, maxSeasonalStatesOptimised,
                tolerance, rSimplex, r);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}
