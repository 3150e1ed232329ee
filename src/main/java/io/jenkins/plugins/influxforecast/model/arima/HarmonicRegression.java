package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic harmonic regression: long or multiple seasonal periods (144 and 1008 for 10-minute data,
 * 24 and 168 hourly) as Fourier terms {@code sin(2 pi k t / m), cos(2 pi k t / m)}, k = 1..K, in a
 * regression with ARIMA errors (Hyndman and Athanasopoulos, "Forecasting: principles and practice",
 * section 10.5). The number of harmonics per period is chosen by AICc: the ARIMA errors are first
 * chosen automatically for the residuals of a least-squares fit with a few harmonics; then K is
 * searched period by period with those ARMA coefficients held fixed (the filtered regressors are
 * computed once, so each K costs one small least-squares solve); finally the errors are chosen again
 * for the series less the selected harmonics and the whole model is fitted jointly by exact maximum
 * likelihood.
 */
final class HarmonicRegression {

    /** At most this many harmonics per period are considered. */
    static final int MAX_HARMONICS = 12;
    private static final int START_HARMONICS = 3;

    private HarmonicRegression() {
    }

    /** One Fourier column: its name and its value at a 1-based time index. */
    record Term(String name, double period, int k, boolean sine) {
        double at(int t) {
            double angle = 2 * Math.PI * k * t / period;
            return sine ? Math.sin(angle) : Math.cos(angle);
        }
    }

    /**
     * The Fourier terms for the periods and harmonic counts; a term is left out when its frequency
     * duplicates an earlier one (harmonic 7 of 168 is harmonic 1 of 24) or the sine is zero (k = m/2).
     */
    static List<Term> terms(List<Double> periods, List<Integer> ks) {
        List<Term> out = new ArrayList<>();
        List<Double> seen = new ArrayList<>(); // frequencies k / m already used
        for (int i = 0; i < periods.size(); i++) {
            double m = periods.get(i);
            for (int k = 1; k <= ks.get(i); k++) {
                double f = k / m;
                boolean dup = false;
                for (double s : seen) {
                    if (Math.abs(s - f) < 1e-9) {
                        dup = true;
                        break;
                    }
                }
                if (dup) {
                    continue;
                }
                seen.add(f);
                String per = label(m);
                if (2 * k != m) {
                    out.add(new Term("S" + k + "-" + per, m, k, true));
                }
                out.add(new Term("C" + k + "-" + per, m, k, false));
            }
        }
        return out;
    }

    static String label(double period) {
        return period == Math.rint(period) ? String.valueOf((long) period) : String.valueOf(period);
    }

    static double[][] columns(List<Term> terms, int n) {
        double[][] x = new double[terms.size()][n];
        for (int j = 0; j < terms.size(); j++) {
            Term term = terms.get(j);
            for (int t = 0; t < n; t++) {
                x[j][t] = term.at(t + 1);
            }
        }
        return x;
    }

    static int maxHarmonics(double period, int n, int periodsCount) {
        // at most m/2 harmonics, MAX_HARMONICS, and all terms together below a third of the data
        int byData = Math.max(1, (n / 3) / (2 * Math.max(1, periodsCount)));
        return Math.max(1, Math.min(Math.min((int) Math.floor(period / 2), MAX_HARMONICS), byData));
    }

    static FittedModel fit(Arima model, TimeSeries series, int m, List<Double> periods, List<Integer> fixedK,
            List<String> warnings, Map<String, Object> extra) {
        double[] y = series.values();
        int n = y.length;
        List<Integer> ks = new ArrayList<>();
        List<Integer> maxK = new ArrayList<>();
        for (double per : periods) {
            maxK.add(maxHarmonics(per, n, periods.size()));
        }
        AutoArima.Options o = model.options();
        if (!fixedK.isEmpty()) {
            ks.addAll(fixedK);
        } else {
            for (int i = 0; i < periods.size(); i++) {
                ks.add(Math.min(START_HARMONICS, maxK.get(i)));
            }
            // 1. the error model of the residuals of a least-squares fit with a few harmonics
            AutoArima.Result provisional;
            try {
                double[] u0 = AutoArima.regressionResiduals(y, columns(terms(periods, ks), n));
                provisional = AutoArima.search(u0, m, new double[0][], List.of(), quick(o));
            } catch (RuntimeException e) {
                provisional = null;
            }
            if (provisional != null) {
                // 2. harmonics by AICc with those ARMA coefficients held fixed: the filtered regressors are
                //    computed once and each choice of K is a small least-squares problem
                ks = searchHarmonics(y, periods, maxK, ks, provisional.fit, provisional.constant);
            } else {
                warnings.add("harmonic search skipped: no error model could be fitted with " + ks + " harmonics");
            }
        }
        List<Term> chosen = terms(periods, ks);
        Map<String, Object> fourier = new LinkedHashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            fourier.put(label(periods.get(i)), ks.get(i));
        }
        extra.put("fourier", fourier);
        List<FittedArima.Regressor> fns = new ArrayList<>();
        for (Term term : chosen) {
            fns.add(FittedArima.of(term::at));
        }
        // 3. the errors chosen again on the series less the harmonics, then one exact joint fit
        return model.fitDynamic(series, m, columns(chosen, n), names(chosen), fns, warnings, extra);
    }

    /**
     * Chooses the harmonics per period (coordinate search, one period at a time) by the AICc of the
     * conditional sum of squares with the ARMA coefficients of {@code errors} held fixed.
     */
    static List<Integer> searchHarmonics(double[] y, List<Double> periods, List<Integer> maxK, List<Integer> start,
            ArimaFit errors, boolean constant) {
        int n = y.length;
        ArimaOrder order = errors.order();
        List<Term> all = terms(periods, maxK);
        AutoArima.Regs regs = AutoArima.regressors(y, order, constant, columns(all, n), names(all), false);
        int nConst = regs.cols().length - all.size();
        ArimaProblem prob = new ArimaProblem(y, regs.cols(), order);
        double[][] e = prob.cssInnovations(errors.coef());
        int s0 = prob.pFull;
        int k = regs.cols().length;
        int nu = prob.nw - s0;
        // Gram matrix of the filtered regressors and their products with the filtered series
        double[][] gram = new double[k][k];
        double[] xy = new double[k];
        double yy = 0;
        for (int t = s0; t < prob.nw; t++) {
            double e0 = e[0][t];
            yy += e0 * e0;
            for (int i = 0; i < k; i++) {
                double xi = e[i + 1][t];
                xy[i] += xi * e0;
                for (int j = 0; j <= i; j++) {
                    gram[i][j] += xi * e[j + 1][t];
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                gram[j][i] = gram[i][j];
            }
        }
        List<Integer> ks = new ArrayList<>(start);
        int nstar = n - order.diffLength();
        for (int pi = 0; pi < periods.size(); pi++) {
            int best = ks.get(pi);
            double bestIc = Double.POSITIVE_INFINITY;
            for (int kk = 1; kk <= maxK.get(pi); kk++) {
                List<Integer> trial = new ArrayList<>(ks);
                trial.set(pi, kk);
                List<Integer> cols = new ArrayList<>();
                for (int c = 0; c < nConst; c++) {
                    cols.add(c);
                }
                List<Term> sub = terms(periods, trial);
                for (Term t : sub) {
                    cols.add(nConst + all.indexOf(t));
                }
                double ssq = subsetSsq(gram, xy, yy, cols);
                int npar = errors.coef().length + cols.size() + 1;
                if (!(ssq > 0) || nstar - npar - 1 <= 0) {
                    continue;
                }
                double aic = nstar * Math.log(ssq / nu) + 2 * npar;
                double ic = aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
                if (ic < bestIc) {
                    bestIc = ic;
                    best = kk;
                }
            }
            ks.set(pi, best);
        }
        return ks;
    }

    private static double subsetSsq(double[][] gram, double[] xy, double yy, List<Integer> cols) {
        int k = cols.size();
        double[][] a = new double[k][k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            b[i] = xy[cols.get(i)];
            for (int j = 0; j < k; j++) {
                a[i][j] = gram[cols.get(i)][cols.get(j)];
            }
        }
        double[] rhs = b.clone();
        if (!io.jenkins.plugins.influxforecast.model.optim.LeastSquares.solveSpd(a, rhs, k)) {
            return Double.NaN;
        }
        double fit = 0;
        for (int i = 0; i < k; i++) {
            fit += rhs[i] * b[i];
        }
        return yy - fit;
    }

    private static List<String> names(List<Term> terms) {
        List<String> out = new ArrayList<>();
        for (Term t : terms) {
            out.add(t.name());
        }
        return out;
    }

    /** The search settings for the provisional error model: approximate and stepwise. */
    private static AutoArima.Options quick(AutoArima.Options o) {
        AutoArima.Options q = new AutoArima.Options();
        q.maxP = o.maxP;
        q.maxQ = o.maxQ;
        q.maxSP = o.maxSP;
        q.maxSQ = o.maxSQ;
        q.maxD = o.maxD;
        q.maxSD = o.maxSD;
        q.d = o.d;
        q.sd = o.sd;
        q.ic = o.ic;
        q.allowDrift = o.allowDrift;
        q.allowMean = o.allowMean;
        q.approximation = Boolean.TRUE;
        return q;
    }

}
