package io.jenkins.plugins.influxforecast.evaluate;

/**
 * The lag MASE is scaled with: the frequency's shortest natural season when the training part holds
 * more than two of them, else 1 (naive). One rule for the validation score, the history's scale and
 * live accuracy, so a live MASE compares with the backtest MASE.
 */
public final class MaseScale {

    private MaseScale() {
    }

    /** The MASE lag for a training part of {@code trainPoints} points of a series whose natural season is {@code season}. */
    public static int lag(int season, int trainPoints) {
        return season > 1 && trainPoints > 2 * season ? season : 1;
    }
}
