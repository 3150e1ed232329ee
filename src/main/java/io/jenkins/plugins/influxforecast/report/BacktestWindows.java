package io.jenkins.plugins.influxforecast.report;

import java.util.List;

/**
 * What backtest.png draws of one series that {@code auto} forecast: the rolling-origin windows of its
 * backtest, each with the chosen model's forecast from the window's origin and its MASE there, and the
 * runner-up's when there is one. The actual values are the series' own ({@link ForecastOutput#history()}
 * from {@link Window#origin()} on), so they are not held twice.
 *
 * @param model    the chosen model's label, as in auto's leaderboard
 * @param runnerUp the next model of the ranking, or null
 * @param windows  the windows, oldest first; at least one
 */
public record BacktestWindows(String model, String runnerUp, List<Window> windows) {

    public BacktestWindows {
        if (windows == null || windows.isEmpty()) {
            throw new IllegalArgumentException("a backtest has at least one window");
        }
        windows = List.copyOf(windows);
    }

    /**
     * One window.
     *
     * @param origin       the index in the series of the window's first held-out point
     * @param mean         the chosen model's forecast of the window
     * @param mase         its MASE on the window (scaled by the window's own training data)
     * @param runnerUpMean the runner-up's forecast of the window, or null
     * @param runnerUpMase the runner-up's MASE on the window (NaN without a runner-up)
     */
    public record Window(int origin, double[] mean, double mase, double[] runnerUpMean, double runnerUpMase) {

        public Window {
            if (origin < 1 || mean == null || mean.length == 0) {
                throw new IllegalArgumentException("a backtest window needs an origin >= 1 and a forecast, got origin " + origin);
            }
            if (runnerUpMean != null && runnerUpMean.length != mean.length) {
                throw new IllegalArgumentException("the runner-up's forecast has " + runnerUpMean.length + " values, the chosen model's "
                        + mean.length);
            }
            mean = mean.clone();
            runnerUpMean = runnerUpMean == null ? null : runnerUpMean.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] runnerUpMean() {
            return runnerUpMean == null ? null : runnerUpMean.clone();
        }

        /** How many steps the window holds out. */
        public int length() {
            return mean.length;
        }
    }
}
