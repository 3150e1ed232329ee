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
 * chosen automatically with a few harmonics, then K is searched period by period with those errors
 * (conditional-sum-of-squares fits, which are cheap), and finally the errors are chosen again with
 * the selected terms and the model is fitted by exact maximum likelihood.
 */
final class HarmonicRegression {

    /** At most this many harmonics per period are considered. */
    static final int MAX_HARMONICS = 20;
    private static final int START_HARMONICS = 3;

    private HarmonicRegression() {
    }

    /** One Fourier column: its name and its value at a 1-based time index. */
    record Term(String name, int period, int k, boolean sine) {
        double at(int t) {
            double angle = 2 * Math.PI * k * t / period;
            return sine ? Math.sin(angle) : Math.cos(angle);
        }
    }

    /**
     * The Fourier terms for the periods and harmonic counts; a term is left out when its frequency
     * duplicates an earlier one (harmonic 7 of 168 is harmonic 1 of 24) or the sine is zero (k = m/2).
     */
    static List<Term> terms(List<Integer> periods, List<Integer> ks) {
        List<Term> out = new ArrayList<>();
        List<double[]> seen = new ArrayList<>(); // frequency k/m as a reduced fraction
        for (int i = 0; i < periods.size(); i++) {
            int m = periods.get(i);
            for (int k = 1; k <= ks.get(i); k++) {
                int g = gcd(k, m);
                double[] f = {k / g, m / g};
                boolean dup = false;
                for (double[] s : seen) {
                    if (s[0] == f[0] && s[1] == f[1]) {
                        dup = true;
                        break;
                    }
                }
                if (dup) {
                    continue;
                }
                seen.add(f);
                if (2 * k != m) {
                    out.add(new Term("S" + k + "-" + m, m, k, true));
                }
                out.add(new Term("C" + k + "-" + m, m, k, false));
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
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

    static int maxHarmonics(int period, int n, int periodsCount) {
        // at most m/2 harmonics, MAX_HARMONICS, and all terms together below a third of the data
        int byData = Math.max(1, (n / 3) / (2 * Math.max(1, periodsCount)));
        return Math.max(1, Math.min(Math.min(period / 2, MAX_HARMONICS), byData));
    }

    static FittedModel fit(Arima model, TimeSeries series, int m, List<Integer> periods, List<Integer> fixedK,
            List<String> warnings, Map<String, Object> extra) {
        double[] y = series.values();
        int n = y.length;
        List<Integer> ks = new ArrayList<>();
        if (!fixedK.isEmpty()) {
            ks.addAll(fixedK);
        } else {
            for (int per : periods) {
                ks.add(Math.min(START_HARMONICS, maxHarmonics(per, n, periods.size())));
            }
            // the error model with a few harmonics
            List<Term> t0 = terms(periods, ks);
            AutoArima.Options o = model.options();
            AutoArima.Result provisional;
            try {
                provisional = AutoArima.search(y, m, columns(t0, n), names(t0), quick(o));
            } catch (RuntimeException e) {
                provisional = null;
            }
            if (provisional != null) {
                ArimaOrder errors = provisional.fit.order();
                boolean constant = provisional.constant;
                for (int i = 0; i < periods.size(); i++) {
                    int best = ks.get(i);
                    double bestIc = Double.POSITIVE_INFINITY;
                    for (int k = 1; k <= maxHarmonics(periods.get(i), n, periods.size()); k++) {
                        List<Integer> trial = new ArrayList<>(ks);
                        trial.set(i, k);
                        double ic = cssAicc(y, errors, constant, terms(periods, trial));
                        if (ic < bestIc) {
                            bestIc = ic;
                            best = k;
                        }
                    }
                    ks.set(i, best);
                }
            } else {
                warnings.add("harmonic search skipped: no error model could be fitted with " + ks + " harmonics");
            }
        }
        List<Term> chosen = terms(periods, ks);
        Map<String, Object> fourier = new LinkedHashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            fourier.put(String.valueOf(periods.get(i)), ks.get(i));
        }
        extra.put("fourier", fourier);
        List<FittedArima.Regressor> fns = new ArrayList<>();
        for (Term term : chosen) {
            fns.add(FittedArima.of(term::at));
        }
        return model.fitAuto(series, m, columns(chosen, n), names(chosen), fns, warnings, extra);
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

    /** AICc of a CSS fit (auto.arima's approximation, without its constant offset). */
    private static double cssAicc(double[] y, ArimaOrder errors, boolean constant, List<Term> terms) {
        int n = y.length;
        AutoArima.Regs r = AutoArima.regressors(y, errors, constant, columns(terms, n), names(terms), false);
        try {
            ArimaFit f = ArimaEstimator.fit(y, errors, r.cols(), r.names(), ArimaEstimator.Method.CSS, false, false);
            int nstar = n - errors.diffLength();
            int npar = f.npar();
            if (nstar - npar - 1 <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            double aic = nstar * Math.log(f.rawSigma2()) + 2 * npar;
            return aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
        } catch (RuntimeException e) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
