package io.jenkins.plugins.influxforecast.select;

import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-origin evaluation (R's {@code tsCV}, statsforecast's {@code cross_validation}): the model
 * is fitted on the series up to each origin and scored on the next {@code horizon} values. Origins
 * lie {@code step} apart, the last one {@code horizon} before the end, earlier ones further back as
 * long as at least {@code minTrain} points remain before them. A model only ever sees the values
 * before its origin.
 */
public final class Backtester {

    /**
     * @param horizon  steps forecast from each origin
     * @param windows  how many origins (the most recent ones)
     * @param step     distance between origins, in steps (at least one season)
     * @param minTrain the fewest points a model is fitted on
     */
    public record Plan(int horizon, int windows, int step, int minTrain) {
        public Plan {
            if (horizon < 1) {
                throw new IllegalArgumentException("backtest horizon must be >= 1, got " + horizon);
            }
            if (windows < 1) {
                throw new IllegalArgumentException("backtest windows must be >= 1, got " + windows);
            }
            if (step < 1) {
                throw new IllegalArgumentException("backtest step must be >= 1, got " + step);
            }
            if (minTrain < 2) {
                throw new IllegalArgumentException("backtest minimum training length must be >= 2, got " + minTrain);
            }
        }

        /**
         * The usual plan: origins one season (or one horizon, whichever is longer) apart, and at least
         * two seasons (and 10 points) of training data.
         */
        public static Plan of(int horizon, int windows, int season) {
            int m = Math.max(1, season);
            return new Plan(horizon, windows, Math.max(m, horizon), Math.max(10, 2 * m));
        }
    }

    /** One split: the model is fitted on {@code train} and scored on {@code actual}. */
    public record Window(int origin, TimeSeries train, double[] actual) {
    }

    /** The forecast of one window and its scores. */
    public record WindowResult(int origin, Forecast forecast, double[] actual, double mase, double smape) {
    }

    private Backtester() {
    }

    /**
     * The splits of the plan, oldest first. Windows whose actual values are all missing are left out;
     * fails when the series is too short for a single window.
     */
    public static List<Window> windows(TimeSeries series, Plan plan) {
        int n = series.size();
        int h = plan.horizon();
        if (n - h < plan.minTrain()) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for a backtest with horizon " + h
                    + ": " + n + " points, need at least " + (plan.minTrain() + h));
        }
        List<Window> out = new ArrayList<>();
        for (int i = plan.windows() - 1; i >= 0; i--) {
            int origin = n - h - i * plan.step();
            if (origin < plan.minTrain()) {
                continue;
            }
            double[] actual = new double[h];
            boolean any = false;
            for (int j = 0; j < h; j++) {
                actual[j] = series.get(origin + j);
                any |= Double.isFinite(actual[j]);
            }
            if (!any) {
                continue;
            }
            out.add(new Window(origin, series.head(origin), actual));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("series '" + series.label() + "': every backtest window is missing its actual values");
        }
        return out;
    }

    /** Fits and scores the model on every window; MASE is scaled by each window's own training data. */
    public static List<WindowResult> run(ForecastModel model, List<Window> windows, int maseSeason, double... levels) {
        List<WindowResult> out = new ArrayList<>();
        for (Window w : windows) {
            Forecast f = model.fit(w.train()).forecast(w.actual().length, levels);
            out.add(score(w, f, maseSeason));
        }
        return out;
    }

    /** Scores a window's forecast. */
    public static WindowResult score(Window w, Forecast f, int maseSeason) {
        double[] insample = w.train().values();
        int m = insample.length > maseSeason ? maseSeason : 1;
        double mase = Metrics.mase(w.actual(), f.mean(), insample, m);
        if (!Double.isFinite(mase)) {
            // a constant history has no naive scale: fall back to the lag-1 scale, then to the MAE
            mase = Metrics.mase(w.actual(), f.mean(), insample, 1);
            if (!Double.isFinite(mase)) {
                mase = Metrics.mae(w.actual(), f.mean());
            }
        }
        return new WindowResult(w.origin(), f, w.actual(), mase, Metrics.smape(w.actual(), f.mean()));
    }
}
