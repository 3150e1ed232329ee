package io.jenkins.plugins.influxforecast.model.arima;

import java.util.List;

/**
 * A fitted ARIMA model with regression errors: what R's {@code Arima} returns, as plain values.
 * Immutable (arrays are copied out).
 *
 * @param order       the orders
 * @param method      how it was estimated: "CSS-ML", "ML" or "CSS"
 * @param coef        ARMA coefficients in R's layout (ar, ma, sar, sma)
 * @param xregNames   names of the regression coefficients (intercept, drift, fourier terms...)
 * @param beta        regression coefficients, one per name
 * @param sigma2      innovation variance as R's Arima reports it: sum(residuals^2) / (n* - npar + 1)
 * @param rawSigma2   the variance estimate of the estimation step itself (R's stats::arima: ssq / n.used
 *                    for ML, the CSS mean square for CSS), which auto.arima's CSS criterion uses
 * @param loglik      log-likelihood (for CSS fits: R's CSS "part log-likelihood")
 * @param aic         AIC (for CSS fits: R auto.arima's CSS approximation, see AutoArima)
 * @param aicc        AICc
 * @param bic         BIC
 * @param residuals   standardized innovations over the whole series, NaN for the first d + mD points
 * @param converged   whether the optimiser met its stopping rule
 * @param coefSe      standard errors of the ARMA coefficients from the numerical Hessian (NaN when unknown,
 *                    null when not computed)
 * @param notes       degradations during estimation (fallbacks), for warnings
 * @param hessian     the numerical Hessian of the estimation objective at the estimate in the natural
 *                    coefficients (CSS fits with standard errors), null otherwise; it seeds the
 *                    quasi-Newton search of a maximum-likelihood refit
 */
public record ArimaFit(ArimaOrder order, String method, double[] coef, List<String> xregNames, double[] beta,
        double sigma2, double rawSigma2, double loglik, double aic, double aicc, double bic, double[] residuals, boolean converged,
        double[] coefSe, List<String> notes, ForecastState state, double[][] hessian) {
    public ArimaFit {
        xregNames = xregNames == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(xregNames));
        notes = notes == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(notes));
    }


    /** What forecasting needs: the model polynomials and the state at the end of the sample. */
    record ForecastState(double[] phi, double[] theta, double[] delta, double[] a, double[][] pa, double[] u) {
    }

    /** Number of estimated parameters including the variance (R's npar). */
    public int npar() {
        return coef.length + beta.length + 1;
    }

    public double[] coef() {
        return coef.clone();
    }

    public double[] beta() {
        return beta.clone();
    }

    public double[] residuals() {
        return residuals.clone();
    }

    /** Names of the ARMA coefficients in R's style: ar1.., ma1.., sar1.., sma1... */
    public List<String> coefNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i <= order.p(); i++) {
            names.add("ar" + i);
        }
        for (int i = 1; i <= order.q(); i++) {
            names.add("ma" + i);
        }
        for (int i = 1; i <= order.sp(); i++) {
            names.add("sar" + i);
        }
        for (int i = 1; i <= order.sq(); i++) {
            names.add("sma" + i);
        }
        return names;
    }

    /**
     * Point forecasts and variances (in units of sigma2 already applied) of the series for steps
     * 1..h, given the regression values of those steps ({@code futureX[j][h]}, one row per regressor).
     */
    public double[][] forecast(int h, double[][] futureX) {
        ForecastState s = state;
        int p = s.phi.length;
        int q = s.theta.length;
        int r = s.a.length;
        double[][] mv = ArimaKalman.forecast(s.phi, p, s.theta, q, r, s.a, s.pa, s.delta, s.u, h);
        double[] mean = mv[0];
        double[] var = mv[1];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < beta.length; i++) {
                mean[j] += beta[i] * futureX[i][j];
            }
            var[j] *= sigma2;
        }
        return new double[][] {mean, var};
    }
}
