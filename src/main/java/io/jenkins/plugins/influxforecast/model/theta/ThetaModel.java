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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Theta method (Assimakopoulos and Nikolopoulos, 2000) in the form of Hyndman and Billah (2003),
 * as R's {@code forecast::thetaf}: simple exponential smoothing with a drift equal to half the slope
 * of the least-squares line, on the series divided by its multiplicative classical seasonal
 * component when the autocorrelation test at the seasonal lag says the series is seasonal (R's
 * {@code thetaf} test: the M4 statistic with more than two cycles of data). Point forecast for step
 * h: {@code ses + b/2 * (h - 1 + (1 - (1 - alpha)^n) / alpha)}, reseasonalised; intervals as
 * thetaf's, {@code sigma * sqrt(1 + (h - 1) alpha^2)}.
 *
 * <p>{@code theta(variant=m4)} is the M4 competition's "Theta" benchmark instead (see
 * {@link M4Benchmarks}). Parameters: {@code season=auto|none|m}.
 */
public final class ThetaModel implements ForecastModel {

    private final ModelSpec spec;

    private ThetaModel(ModelSpec spec) {
        this.spec = spec;
    }

    /** {@code theta} (R's thetaf) or, with {@code variant=m4}, the M4 benchmark. */
    public static ForecastModel create(ModelSpec spec) {
        spec.allowOnly(Seasonality.SEASON, "variant");
        spec.noMembers();
        String variant = spec.choiceParam("variant", "thetaf", "thetaf", "m4");
        Seasonality.choice(spec);
        if (variant.equals("m4")) {
            return M4Benchmarks.create(M4Benchmarks.Method.THETA, spec);
        }
        return new ThetaModel(spec);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** The seasonal period to test: the spec's, else the frequency's shortest candidate (1: none). */
    static int period(ModelSpec spec, TimeSeries series) {
        Seasonality.Choice c = Seasonality.choice(spec);
        if (c.explicit()) {
            return c.periods().isEmpty() ? 1 : c.periods().get(0);
        }
        return series.frequency().defaultSeason();
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        double[] y = series.values();
        int n = y.length;
        if (n < 7) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for theta: " + n + " points, need at least 7");
        }
        int m = period(spec, series);
        List<String> warnings = new ArrayList<>();
        boolean constant = true;
        for (double v : y) {
            constant &= v == y[0];
        }
        boolean seasonal = m > 1 && !constant && Seasonality.acfTest(y, m, 2 * m + 1);
        double[] x = y;
        double[] seasonalIndex = null;
        if (seasonal) {
            boolean positive = true;
            for (double v : y) {
                positive &= v > 0;
            }
            Decomposition d = positive ? ClassicalDecomposition.decompose(y, m, Decomposition.Type.MULTIPLICATIVE) : null;
            double[] s = d != null ? d.seasonal(0) : null;
            boolean nearZero = s == null;
            for (int t = 0; s != null && t < n; t++) {
                nearZero |= Math.abs(s[t]) < 1e-4;
            }
            if (nearZero) {
                warnings.add(positive ? "seasonal indexes close to zero: using the non-seasonal Theta method"
                        : "series has values <= 0: no multiplicative seasonal adjustment, using the non-seasonal Theta method");
                seasonal = false;
            } else {
                seasonalIndex = s;
                x = new double[n];
                for (int t = 0; t < n; t++) {
                    x[t] = y[t] / s[t];
                }
            }
        }
        Ses ses = Ses.fit(x);
        double drift = Lines.slope(x) / 2;
        double[] fitted = ses.fit.fitted();
        if (seasonal) {
            for (int t = 0; t < n; t++) {
                fitted[t] *= seasonalIndex[t];
            }
        }
        ModelSpec resolved = spec.with(Seasonality.SEASON, seasonal ? String.valueOf(m) : "none");
        return new Fitted(resolved, series, fitted, ses, drift, seasonal ? lastCycle(seasonalIndex, m) : null, warnings);
    }

    static double[] lastCycle(double[] s, int m) {
        double[] c = new double[m];
        System.arraycopy(s, s.length - m, c, 0, m);
        return c;
    }

    /** R's {@code ses}: ETS(A,N,N) estimated by mean squared error. */
    static final class Ses {
        final EtsFit fit;
        final double alpha;

        private Ses(EtsFit fit) {
            this.fit = fit;
            this.alpha = Math.max(1e-10, fit.alpha());
        }

        static Ses fit(double[] x) {
            return new Ses(EtsEstimator.fit(x, 1, new EtsType('A', 'N', false, 'N'),
                    EtsOptions.defaults().withCriterion(EtsOptions.Criterion.MSE)));
        }
    }

    private static final class Fitted extends AbstractFittedModel {
        private final Ses ses;
        private final double drift;
        private final double[] cycle;

        Fitted(ModelSpec spec, TimeSeries series, double[] fitted, Ses ses, double drift, double[] cycle, List<String> warnings) {
            super(spec, series, fitted);
            this.ses = ses;
            this.drift = drift;
            this.cycle = cycle;
            warnings.forEach(this::warn);
        }

        @Override
        protected double[] pointForecast(int horizon) {
            int n = series.size();
            double a = ses.alpha;
            double[] f = ses.fit.pointForecast(horizon);
            double tail = (1 - Math.pow(1 - a, n)) / a;
            for (int h = 0; h < horizon; h++) {
                f[h] += drift * (h + tail);
                if (cycle != null) {
                    f[h] *= cycle[h % cycle.length];
                }
            }
            return f;
        }

        @Override
        protected double[] standardErrors(int horizon) {
            double sigma = Math.sqrt(ses.fit.sigma2());
            double a = ses.alpha;
            double[] se = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                se[h] = sigma * Math.sqrt(h * a * a + 1);
            }
            return se;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = super.parameters();
            p.put("alpha", ses.alpha);
            p.put("drift", drift);
            p.put("sigma2", ses.fit.sigma2());
            p.put("seasonal", cycle != null);
            if (cycle != null) {
                p.put("season", cycle.length);
            }
            return p;
        }
    }

    /** Small numerical helpers shared by the Theta variants. */
    static final class Lines {
        private Lines() {
        }

        /** Slope of the least-squares line of x on 0..n-1. */
        static double slope(double[] x) {
            int n = x.length;
            double mt = (n - 1) / 2.0;
            double mx = 0;
            for (double v : x) {
                mx += v;
            }
            mx /= n;
            double sxy = 0;
            double sxx = 0;
            for (int t = 0; t < n; t++) {
                sxy += (t - mt) * (x[t] - mx);
                sxx += (t - mt) * (t - mt);
            }
            return sxy / sxx;
        }

        /** Intercept and slope of the least-squares line of x on 1..n. */
        static double[] line(double[] x) {
            double b = slope(x);
            int n = x.length;
            double mx = 0;
            for (double v : x) {
                mx += v;
            }
            mx /= n;
            return new double[] {mx - b * (n + 1) / 2.0, b};
        }
    }
}
