package io.jenkins.plugins.influxforecast.model.naive;

import io.jenkins.plugins.influxforecast.model.AbstractFittedModel;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.Map;

/**
 * Flat forecasts at an average: {@code mean} (of the whole series, as R's {@code meanf}) and
 * {@code movingaverage(window=w)} (of the last w values).
 */
public final class WindowMean implements ForecastModel {

    private final ModelSpec spec;
    private final int window; // 0: the whole series

    private WindowMean(ModelSpec spec, int window) {
        this.spec = spec;
        this.window = window;
    }

    public static WindowMean mean(ModelSpec spec) {
        spec.allowOnly();
        spec.noMembers();
        return new WindowMean(spec, 0);
    }

    public static WindowMean movingAverage(ModelSpec spec) {
        spec.allowOnly("window");
        spec.noMembers();
        if (!spec.has("window")) {
            throw new IllegalArgumentException("model movingaverage needs a window, e.g. movingaverage(window=30)");
        }
        return new WindowMean(spec, spec.intParam("window", 0, 1, 10_000_000));
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        int need = window == 0 ? 2 : window + 1;
        if (series.size() < need) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for " + spec + ": "
                    + series.size() + " points, need at least " + need);
        }
        double[] y = series.values();
        int n = y.length;
        double[] fitted = new double[n];
        double level;
        if (window == 0) {
            double sum = 0;
            for (double v : y) {
                sum += v;
            }
            level = sum / n;
            java.util.Arrays.fill(fitted, level);
        } else {
            double sum = 0;
            for (int t = 0; t < n; t++) {
                fitted[t] = t >= window ? sum / window : Double.NaN;
                sum += y[t];
                if (t >= window) {
                    sum -= y[t - window];
                }
            }
            sum = 0;
            for (int t = n - window; t < n; t++) {
                sum += y[t];
            }
            level = sum / window;
        }
        return new Fitted(spec, series, fitted, level, window == 0 ? n : window);
    }

    private static final class Fitted extends AbstractFittedModel {
        private final double level;
        private final int count;
        private final double sigma;

        Fitted(ModelSpec spec, TimeSeries series, double[] fitted, double level, int count) {
            super(spec, series, fitted);
            this.level = level;
            this.count = count;
            this.sigma = residualSigma(1);
        }

        @Override
        protected double[] pointForecast(int horizon) {
            double[] f = new double[horizon];
            java.util.Arrays.fill(f, level);
            return f;
        }

        @Override
        protected double[] standardErrors(int horizon) {
            if (!Double.isFinite(sigma)) {
                return null;
            }
            double[] se = new double[horizon];
            java.util.Arrays.fill(se, sigma * Math.sqrt(1.0 + 1.0 / count));
            return se;
        }

        /** The whole-series mean uses Student's t with n - 1 degrees of freedom, as R's meanf. */
        @Override
        protected double quantile(double level) {
            if (count == series.size() && count > 1) {
                return new org.apache.commons.math3.distribution.TDistribution(null, count - 1.0)
                        .inverseCumulativeProbability(0.5 + level / 200.0);
            }
            return super.quantile(level);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = super.parameters();
            p.put("level", level);
            p.put("window", count);
            p.put("sigma", sigma);
            return p;
        }
    }
}
