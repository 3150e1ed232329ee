package io.jenkins.plugins.influxforecast.evaluate;

import io.jenkins.plugins.influxforecast.model.Forecast;

/**
 * The sanity check every forecast passes before anything is written: finite values, and for every
 * interval lower <= mean <= upper with a positive width (a zero width is accepted only where the
 * model is exact, i.e. the lower and upper bounds equal the mean because the series is deterministic,
 * when {@code allowZeroWidth} is set).
 */
public final class ForecastCheck {

    private ForecastCheck() {
    }

    /** Null when the forecast is sane, else why not (one line). */
    public static String problem(Forecast f, boolean allowZeroWidth) {
        for (int i = 0; i < f.horizon(); i++) {
            if (!Double.isFinite(f.mean(i))) {
                return "non-finite forecast at step " + (i + 1);
            }
        }
        for (double level : f.levels()) {
            double[] lo = f.lower(level);
            double[] hi = f.upper(level);
            for (int i = 0; i < f.horizon(); i++) {
                double m = f.mean(i);
                if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
                    return "non-finite " + fmt(level) + "% interval at step " + (i + 1);
                }
                if (lo[i] > m || hi[i] < m) {
                    return "the " + fmt(level) + "% interval [" + lo[i] + ", " + hi[i] + "] does not contain the forecast "
                            + m + " at step " + (i + 1);
                }
                if (!(hi[i] - lo[i] > 0) && !allowZeroWidth) {
                    return "the " + fmt(level) + "% interval has zero width at step " + (i + 1);
                }
            }
        }
        return null;
    }

    private static String fmt(double level) {
        return level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
    }
}
