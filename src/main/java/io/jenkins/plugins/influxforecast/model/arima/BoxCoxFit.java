package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model fitted to the Box-Cox transform of a series ({@code (y^lambda - 1) / lambda}, log for
 * lambda = 0), seen on the original scale: forecasts and interval bounds are transformed back (the
 * back-transformed mean is the forecast median, as R's forecast package gives by default), fitted
 * values too.
 */
final class BoxCoxFit implements FittedModel {

    private final FittedModel inner;
    private final TimeSeries series;
    private final double lambda;
    private final ModelSpec spec;

    BoxCoxFit(FittedModel inner, TimeSeries series, double lambda) {
        this.inner = inner;
        this.series = series;
        this.lambda = lambda;
        this.spec = inner.spec().with("lambda", lambda);
    }

    static double forward(double y, double lambda) {
        return lambda == 0 ? Math.log(y) : (Math.pow(y, lambda) - 1) / lambda;
    }

    static double inverse(double z, double lambda) {
        if (lambda == 0) {
            return Math.exp(z);
        }
        double b = lambda * z + 1;
        return b > 0 ? Math.pow(b, 1 / lambda) : 0.0;
    }

    static double[] forward(double[] y, double lambda) {
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = forward(y[i], lambda);
        }
        return z;
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
    public Forecast forecast(int horizon, double... levels) {
        return inner.forecast(horizon, levels).map(z -> inverse(z, lambda)).withModel(spec.toString());
    }

    @Override
    public double[] fitted() {
        double[] f = inner.fitted();
        for (int i = 0; i < f.length; i++) {
            f[i] = Double.isNaN(f[i]) ? Double.NaN : inverse(f[i], lambda);
        }
        return f;
    }


    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(inner.parameters());
        p.put("lambda", lambda);
        return p;
    }

    @Override
    public List<String> warnings() {
        return inner.warnings();
    }
}
