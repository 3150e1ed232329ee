package io.jenkins.plugins.influxforecast.model.theta;

import io.jenkins.plugins.influxforecast.model.AbstractFittedModel;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.model.ets.EtsEstimator;
import io.jenkins.plugins.influxforecast.model.ets.EtsFit;
import io.jenkins.plugins.influxforecast.model.ets.EtsOptions;
import io.jenkins.plugins.influxforecast.model.ets.EtsType;
import io.jenkins.plugins.influxforecast.model.season.ClassicalDecomposition;
import io.jenkins.plugins.influxforecast.model.season.Decomposition;
import io.jenkins.plugins.influxforecast.model.season.Seasonality;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.Arrays;
import java.util.Map;

/**
 * The statistical benchmarks of the M4 competition, as its organisers defined them (Makridakis,
 * Spiliotis and Assimakopoulos, 2020, and the competition's published R code): when the series is
 * seasonal by the M4 autocorrelation test (period m = the spec's season or the frequency's shortest
 * natural cycle; at least 3m values), it is divided by the seasonal component of a multiplicative
 * classical decomposition; a simple method forecasts the adjusted series; the forecast is multiplied
 * by the last cycle of seasonal indexes.
 * <ul>
 * <li>{@code naive2}: the last adjusted value (Naive 1 on the adjusted series);</li>
 * <li>{@code ses}: simple exponential smoothing, ETS(A,N,N) fitted by mean squared error (R's
 * {@code ses}); on a non-seasonal series it is exactly R's {@code ses};</li>
 * <li>{@code holt}: Holt's linear trend, ETS(A,A,N) by mean squared error (R's {@code holt});</li>
 * <li>{@code damped}: damped Holt, ETS(A,Ad,N) by mean squared error (R's {@code holt(damped=TRUE)});</li>
 * <li>{@code theta(variant=m4)}: M4's "Theta" (theta = 2 line smoothed by SES, averaged with the
 * regression line, negative forecasts set to zero);</li>
 * <li>{@code comb}: the mean of ses, holt and damped.</li>
 * </ul>
 * One difference from M4's script: its autocorrelations stop at lag {@code 10 log10(n)}, so a series
 * shorter than 10^(m/10) values could never test seasonal (251 values for m = 24); here the
 * autocorrelation reaches lag m always. This changes nothing on M4 Hourly and Weekly.
 * Parameters: {@code season=auto|none|m}.
 */
public final class M4Benchmarks implements ForecastModel {

    /** The benchmark methods. */
    public enum Method { NAIVE2, SES, HOLT, DAMPED, THETA, COMB }

    private final ModelSpec spec;
    private final Method method;

    private M4Benchmarks(ModelSpec spec, Method method) {
        this.spec = spec;
        this.method = method;
    }

    public static M4Benchmarks create(Method method, ModelSpec spec) {
        if (method == Method.THETA) {
            spec.allowOnly(Seasonality.SEASON, "variant");
        } else {
            spec.allowOnly(Seasonality.SEASON);
        }
        spec.noMembers();
        Seasonality.choice(spec);
        return new M4Benchmarks(spec, method);
    }

    public static M4Benchmarks naive2(ModelSpec spec) {
        return create(Method.NAIVE2, spec);
    }

    public static M4Benchmarks ses(ModelSpec spec) {
        return create(Method.SES, spec);
    }

    public static M4Benchmarks holt(ModelSpec spec) {
        return create(Method.HOLT, spec);
    }

    public static M4Benchmarks damped(ModelSpec spec) {
        return create(Method.DAMPED, spec);
    }

    public static M4Benchmarks comb(ModelSpec spec) {
        return create(Method.COMB, spec);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        double[] y = series.values();
        int n = y.length;
        int need = method == Method.NAIVE2 ? 1 : method == Method.SES ? 7 : method == Method.THETA ? 7 : 10;
        if (n < need) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for " + spec.name() + ": " + n
                    + " points, need at least " + need);
        }
        int m = ThetaModel.period(spec, series);
        boolean seasonal = m > 1 && Seasonality.m4Test(y, m);
        double[] x = y;
        double[] index = new double[n];
        Arrays.fill(index, 1);
        double[] cycle = null;
        String note = null;
        if (seasonal) {
            boolean positive = Arrays.stream(y).allMatch(v -> v > 0);
            if (!positive) {
                seasonal = false;
                note = "series has values <= 0: no multiplicative seasonal adjustment";
            } else {
                index = ClassicalDecomposition.decompose(y, m, Decomposition.Type.MULTIPLICATIVE).seasonal(0);
                x = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] = y[t] / index[t];
                }
                cycle = ThetaModel.lastCycle(index, m);
            }
        }
        Inner inner = switch (method) {
            case NAIVE2 -> new Naive(x);
            case SES -> new Ets(x, new EtsType('A', 'N', false, 'N'));
            case HOLT -> new Ets(x, new EtsType('A', 'A', false, 'N'));
            case DAMPED -> new Ets(x, new EtsType('A', 'A', true, 'N'));
            case THETA -> new Theta(x);
            case COMB -> new Comb(x);
        };
        double[] fitted = inner.fitted();
        for (int t = 0; t < n; t++) {
            fitted[t] *= index[t];
        }
        ModelSpec resolved = spec.with(Seasonality.SEASON, seasonal ? String.valueOf(m) : "none");
        return new Fitted(resolved, series, fitted, inner, cycle, note);
    }

    /** A method on the adjusted series. */
    private interface Inner {
        double[] forecast(int h);

        /** Standard errors on the adjusted scale, or null. */
        double[] se(int h);

        double[] fitted();

        void describe(Map<String, Object> p);
    }

    private static final class Naive implements Inner {
        final double[] x;

        Naive(double[] x) {
            this.x = x;
        }

        public double[] forecast(int h) {
            double[] f = new double[h];
            Arrays.fill(f, x[x.length - 1]);
            return f;
        }

        public double[] se(int h) {
            double ss = 0;
            for (int t = 1; t < x.length; t++) {
                ss += (x[t] - x[t - 1]) * (x[t] - x[t - 1]);
            }
            if (x.length < 2) {
                return null;
            }
            double sigma = Math.sqrt(ss / (x.length - 1));
            double[] se = new double[h];
            for (int i = 0; i < h; i++) {
                se[i] = sigma * Math.sqrt(i + 1.0);
            }
            return se;
        }

        public double[] fitted() {
            double[] f = new double[x.length];
            f[0] = Double.NaN;
            for (int t = 1; t < x.length; t++) {
                f[t] = x[t - 1];
            }
            return f;
        }

        public void describe(Map<String, Object> p) {
            p.put("last", x[x.length - 1]);
        }
    }

    private static final class Ets implements Inner {
        final EtsFit fit;

        Ets(double[] x, EtsType type) {
            this.fit = EtsEstimator.fit(x, 1, type, EtsOptions.defaults().withCriterion(EtsOptions.Criterion.MSE));
        }

        public double[] forecast(int h) {
            return fit.forecastMean(h);
        }

        public double[] se(int h) {
            double[] v = fit.forecastVariance(h);
            double[] se = new double[h];
            for (int i = 0; i < h; i++) {
                se[i] = Math.sqrt(v[i]);
            }
            return se;
        }

        public double[] fitted() {
            return fit.fitted();
        }

        public void describe(Map<String, Object> p) {
            p.put("method", fit.type().label());
            p.put("alpha", fit.alpha());
            if (fit.type().hasTrend()) {
                p.put("beta", fit.beta());
            }
            if (fit.type().damped()) {
                p.put("phi", fit.phi());
            }
            p.put("converged", fit.converged());
        }
    }

    /** M4's Theta.classic: theta lines 0 and 2, weights 1/2, SES on line 2. */
    private static final class Theta implements Inner {
        final double[] line;
        final EtsFit ses;
        final int n;

        Theta(double[] x) {
            n = x.length;
            line = ThetaModel.Lines.line(x);
            double[] theta2 = new double[n];
            for (int t = 0; t < n; t++) {
                theta2[t] = 2 * x[t] - (line[0] + line[1] * (t + 1));
            }
            ses = ThetaModel.Ses.fit(theta2).fit;
        }

        public double[] forecast(int h) {
            double[] s = ses.pointForecast(h);
            double[] f = new double[h];
            for (int i = 0; i < h; i++) {
                f[i] = Math.max(0, 0.5 * s[i] + 0.5 * (line[0] + line[1] * (n + i + 1)));
            }
            return f;
        }

        public double[] se(int h) {
            return null;
        }

        public double[] fitted() {
            double[] s = ses.fitted();
            for (int t = 0; t < n; t++) {
                s[t] = 0.5 * s[t] + 0.5 * (line[0] + line[1] * (t + 1));
            }
            return s;
        }

        public void describe(Map<String, Object> p) {
            p.put("alpha", ses.alpha());
            p.put("intercept", line[0]);
            p.put("slope", line[1]);
        }
    }

    private static final class Comb implements Inner {
        final Ets[] members;

        Comb(double[] x) {
            members = new Ets[] {new Ets(x, new EtsType('A', 'N', false, 'N')), new Ets(x, new EtsType('A', 'A', false, 'N')),
                new Ets(x, new EtsType('A', 'A', true, 'N'))};
        }

        public double[] forecast(int h) {
            double[] f = new double[h];
            for (Ets e : members) {
                double[] g = e.forecast(h);
                for (int i = 0; i < h; i++) {
                    f[i] += g[i] / 3;
                }
            }
            return f;
        }

        public double[] se(int h) {
            return null;
        }

        public double[] fitted() {
            double[] f = new double[members[0].fitted().length];
            for (Ets e : members) {
                double[] g = e.fitted();
                for (int i = 0; i < f.length; i++) {
                    f[i] += g[i] / 3;
                }
            }
            return f;
        }

        public void describe(Map<String, Object> p) {
            p.put("ses_alpha", members[0].fit.alpha());
            p.put("holt_alpha", members[1].fit.alpha());
            p.put("holt_beta", members[1].fit.beta());
            p.put("damped_alpha", members[2].fit.alpha());
            p.put("damped_beta", members[2].fit.beta());
            p.put("damped_phi", members[2].fit.phi());
        }
    }

    private static final class Fitted extends AbstractFittedModel {
        private final Inner inner;
        private final double[] cycle;

        Fitted(ModelSpec spec, TimeSeries series, double[] fitted, Inner inner, double[] cycle, String note) {
            super(spec, series, fitted);
            this.inner = inner;
            this.cycle = cycle;
            if (note != null) {
                warn(note);
            }
        }

        private double index(int h) {
            return cycle == null ? 1 : cycle[h % cycle.length];
        }

        @Override
        protected double[] pointForecast(int horizon) {
            double[] f = inner.forecast(horizon);
            for (int h = 0; h < horizon; h++) {
                f[h] *= index(h);
            }
            return f;
        }

        @Override
        protected double[] standardErrors(int horizon) {
            double[] se = inner.se(horizon);
            if (se == null) {
                return null;
            }
            for (int h = 0; h < horizon; h++) {
                se[h] *= index(h);
            }
            return se;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = super.parameters();
            p.put("seasonal", cycle != null);
            if (cycle != null) {
                p.put("season", cycle.length);
            }
            inner.describe(p);
            return p;
        }
    }
}
