package io.jenkins.plugins.influxforecast.model;

import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Common state of a fitted model: the spec, the series and the in-sample fitted values. Subclasses
 * compute the point forecast and the standard error of each step; Gaussian intervals follow.
 */
public abstract class AbstractFittedModel implements FittedModel {

    protected final ModelSpec spec;
    protected final TimeSeries series;
    protected final double[] fitted;
    private final List<String> warnings = new ArrayList<>();

    protected AbstractFittedModel(ModelSpec spec, TimeSeries series, double[] fitted) {
        this.spec = spec;
        this.series = series;
        this.fitted = fitted.clone();
    }

    /** The point forecast for steps 1..horizon. */
    protected abstract double[] pointForecast(int horizon);

    /**
     * The standard error of the forecast of steps 1..horizon, or null when the model has no
     * analytic interval (then the forecast carries none).
     */
    protected abstract double[] standardErrors(int horizon);

    @Override
    public Forecast forecast(int horizon, double... levels) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        Forecast f = Forecast.of(spec.toString(), series, pointForecast(horizon));
        if (levels.length > 0) {
            double[] se = standardErrors(horizon);
            if (se != null) {
                double[] mean = f.mean();
                for (double level : levels) {
                    double q = quantile(level);
                    double[] lo = new double[horizon];
                    double[] hi = new double[horizon];
                    for (int h = 0; h < horizon; h++) {
                        lo[h] = mean[h] - q * se[h];
                        hi[h] = mean[h] + q * se[h];
                    }
                    f = f.withInterval(level, lo, hi);
                }
            }
        }
        return f;
    }

    /**
     * The two-sided quantile multiplying the standard error at a level in percent: the standard
     * normal's by default (a model with a Student t interval overrides it).
     */
    protected double quantile(double level) {
        return Forecast.zScore(level);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public TimeSeries series() {
        return series;
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
    }

    /** Root mean square of the finite residuals, with {@code df} degrees of freedom removed. */
    protected double residualSigma(int df) {
        double ss = 0;
        int n = 0;
        for (int i = 0; i < fitted.length; i++) {
            double r = series.get(i) - fitted[i];
            if (Double.isFinite(r)) {
                ss += r * r;
                n++;
            }
        }
        return n - df > 0 ? Math.sqrt(ss / (n - df)) : Double.NaN;
    }

    @Override
    public Map<String, Object> parameters() {
        return new LinkedHashMap<>();
    }

    protected void warn(String message) {
        warnings.add(message);
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
