package io.jenkins.plugins.influxforecast.model.arima;

import io.jenkins.plugins.influxforecast.model.AbstractFittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** A fitted ARIMA model with regression errors; forecasts with analytic (Gaussian) intervals. */
final class FittedArima extends AbstractFittedModel {

    /** The value of a regressor at a time index (1-based, as R's drift 1..n). */
    interface Regressor {
        double at(int t);
    }

    private final ArimaFit fit;
    private final List<Regressor> regressors;
    private final Map<String, Object> extra;
    private double[][] xregColumns; // for standard errors on demand; null: not available

    FittedArima(ModelSpec spec, TimeSeries series, ArimaFit fit, List<Regressor> regressors, Map<String, Object> extra,
            List<String> warnings) {
        super(spec, series, fittedValues(series, fit));
        this.fit = fit;
        this.regressors = regressors;
        this.extra = extra;
        for (String w : warnings) {
            warn(w);
        }
    }

    private static double[] fittedValues(TimeSeries series, ArimaFit fit) {
        double[] r = fit.residuals();
        double[] f = new double[r.length];
        for (int t = 0; t < r.length; t++) {
            f[t] = Double.isNaN(r[t]) ? Double.NaN : series.get(t) - r[t];
        }
        return f;
    }

    /** Makes the coefficient standard errors available in {@link #parameters()}, computed on demand. */
    FittedArima withStandardErrorsFrom(double[][] xreg) {
        this.xregColumns = xreg;
        return this;
    }

    ArimaFit arimaFit() {
        return fit;
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        double[][] mv = compute(horizon);
        Forecast f = Forecast.of(spec.toString(), series, mv[0]);
        if (levels.length > 0) {
            double[] se = new double[horizon];
            for (int j = 0; j < horizon; j++) {
                se[j] = Math.sqrt(Math.max(0, mv[1][j]));
            }
            f = f.withNormalIntervals(se, levels);
        }
        return f;
    }

    private double[][] compute(int horizon) {
        int n = series.size();
        double[][] fx = new double[regressors.size()][horizon];
        for (int i = 0; i < regressors.size(); i++) {
            Regressor r = regressors.get(i);
            for (int j = 0; j < horizon; j++) {
                fx[i][j] = r.at(n + j + 1);
            }
        }
        return fit.forecast(horizon, fx);
    }

    @Override
    protected double[] pointForecast(int horizon) {
        return compute(horizon)[0];
    }

    @Override
    protected double[] standardErrors(int horizon) {
        double[] v = compute(horizon)[1];
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.sqrt(Math.max(0, v[j]));
        }
        return v;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("order", fit.order().toString());
        Map<String, Object> coef = new LinkedHashMap<>();
        List<String> names = fit.coefNames();
        double[] c = fit.coef();
        for (int i = 0; i < names.size(); i++) {
            coef.put(names.get(i), c[i]);
        }
        double[] b = fit.beta();
        for (int i = 0; i < b.length; i++) {
            coef.put(fit.xregNames().get(i), b[i]);
        }
        p.put("coefficients", coef);
        double[] s = fit.coefSe();
        if (s == null && xregColumns != null) {
            s = ArimaEstimator.standardErrors(series.values(), fit, xregColumns);
        }
        if (s != null) {
            Map<String, Object> se = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                se.put(names.get(i), s[i]);
            }
            p.put("standardErrors", se);
        }
        p.put("sigma2", fit.sigma2());
        p.put("loglik", fit.loglik());
        p.put("aic", fit.aic());
        p.put("aicc", fit.aicc());
        p.put("bic", fit.bic());
        p.put("method", fit.method());
        p.put("converged", fit.converged());
        p.putAll(extra);
        return p;
    }

    /** A regressor from a function of the 1-based time index. */
    static Regressor of(IntToDoubleFunction f) {
        return f::applyAsDouble;
    }
}
