package io.jenkins.plugins.influxforecast.model.naive;

import io.jenkins.plugins.influxforecast.model.AbstractFittedModel;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.Map;

/**
 * The random walks: naive (lag 1), seasonal naive (lag = season) and drift (lag 1 plus the average
 * change). Forecasts and interval widths as R's {@code naive}, {@code snaive} and {@code rwf(drift=TRUE)}.
 */
public final class LagWalk implements ForecastModel {

    private final ModelSpec spec;
    private final Integer season; // null: from the frequency at fit time
    private final boolean drift;
    private final boolean seasonal;

    private LagWalk(ModelSpec spec, Integer season, boolean drift, boolean seasonal) {
        this.spec = spec;
        this.season = season;
        this.drift = drift;
        this.seasonal = seasonal;
    }

    public static LagWalk naive(ModelSpec spec) {
        spec.allowOnly();
        spec.noMembers();
        return new LagWalk(spec, 1, false, false);
    }

    public static LagWalk drift(ModelSpec spec) {
        spec.allowOnly();
        spec.noMembers();
        return new LagWalk(spec, 1, true, false);
    }

    public static LagWalk seasonalNaive(ModelSpec spec) {
        spec.allowOnly("season");
        spec.noMembers();
        Integer m = spec.has("season") ? spec.intParam("season", 1, 1, 1_000_000) : null;
        return new LagWalk(spec, m, false, true);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        int lag = season != null ? season : (seasonal ? series.frequency().defaultSeason() : 1);
        ModelSpec resolved = seasonal ? spec.with("season", lag) : spec;
        int need = drift ? 2 : lag + 1;
        if (series.size() < need) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for " + resolved + ": "
                    + series.size() + " points, need at least " + need);
        }
        double[] y = series.values();
        int n = y.length;
        double slope = drift ? (y[n - 1] - y[0]) / (n - 1) : 0;
        double[] fitted = new double[n];
        for (int t = 0; t < n; t++) {
            fitted[t] = t >= lag ? y[t - lag] + slope : Double.NaN;
        }
        return new Fitted(resolved, series, fitted, lag, slope, drift);
    }

    private static final class Fitted extends AbstractFittedModel {
        private final int lag;
        private final double slope;
        private final boolean drift;
        private final double sigma;

        Fitted(ModelSpec spec, TimeSeries series, double[] fitted, int lag, double slope, boolean drift) {
            super(spec, series, fitted);
            this.lag = lag;
            this.slope = slope;
            this.drift = drift;
            this.sigma = residualSigma(drift ? 1 : 0);
        }

        @Override
        protected double[] pointForecast(int horizon) {
            int n = series.size();
            double[] f = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                int back = (h - 1) % lag;
                // the value one season (or one step) before the forecast step, from the last cycle
                f[h - 1] = series.get(n - lag + back) + slope * h;
            }
            return f;
        }

        @Override
        protected double[] standardErrors(int horizon) {
            if (!Double.isFinite(sigma)) {
                return null;
            }
            int n = series.size();
            double[] se = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                if (drift) {
                    se[h - 1] = sigma * Math.sqrt(h * (1.0 + (double) h / (n - 1)));
                } else {
                    se[h - 1] = sigma * Math.sqrt(Math.floorDiv(h - 1, lag) + 1.0);
                }
            }
            return se;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = super.parameters();
            p.put("lag", lag);
            if (drift) {
                p.put("drift", slope);
            }
            p.put("sigma", sigma);
            return p;
        }
    }
}
