package io.jenkins.plugins.influxforecast.report;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.series.TimeSeries;

/**
 * What the writers need of one series' run: the history (regularised and smoothed, validation part
 * included), the forecast of the validation part (null when there is none), the future forecast and,
 * when {@code auto} chose the model, its backtest windows.
 *
 * @param history            the whole series the model saw
 * @param validationSize     how many trailing points of the history were held out (0: none)
 * @param validationForecast the forecast of those points from the model fitted without them, or null
 * @param future             the forecast after the end of the history
 * @param backtest           auto's backtest windows on {@code history}, or null (another model, or not drawn)
 */
public record ForecastOutput(TimeSeries history, int validationSize, Forecast validationForecast, Forecast future,
        BacktestWindows backtest) {

    public ForecastOutput {
        if (backtest != null) {
            for (BacktestWindows.Window w : backtest.windows()) {
                if (w.origin() + w.length() > history.size()) {
                    throw new IllegalArgumentException("backtest window at " + w.origin() + " of " + w.length() + " steps lies beyond the "
                            + history.size() + " points of series '" + history.label() + "'");
                }
            }
        }
    }

    public ForecastOutput(TimeSeries history, int validationSize, Forecast validationForecast, Forecast future) {
        this(history, validationSize, validationForecast, future, null);
    }

    /** The same output without the backtest windows (they are drawn for the first few series only). */
    public ForecastOutput withoutBacktest() {
        return backtest == null ? this : new ForecastOutput(history, validationSize, validationForecast, future, null);
    }
}
