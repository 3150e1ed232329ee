package io.jenkins.plugins.influxforecast.evaluate;

import io.jenkins.plugins.influxforecast.model.Forecast;
import java.util.Locale;

/**
 * The sanity check every forecast passes before anything is written: finite values, and for every
 * interval lower <= mean <= upper with a positive width (a zero width is accepted only where the
 * model is exact, i.e. the lower and upper bounds equal the mean because the series is deterministic,
 * when {@code allowZeroWidth} is set).
 *
 * <p>{@link #review} is the check the forecast stage applies: a forecast whose only fault is an
 * interval of zero width at some steps is kept, never thrown away for that. When the model's
 * in-sample errors are not all zero the degenerate steps are widened to the normal interval of
 * those errors (mean plus or minus z times their root mean square); when the model reproduces its
 * history exactly (a perfectly periodic series, for example) the zero width is the model's honest
 * answer and is accepted. Either way the verdict says so in words.
 */
public final class ForecastCheck {

    /** In-sample errors at most this fraction of the series' scale count as an exact fit. */
    static final double EXACT_FIT_TOLERANCE = 1e-9;

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

    /**
     * The outcome of {@link #review}.
     *
     * @param forecast  the forecast to use (its degenerate intervals widened where that applies); null when rejected
     * @param problem   why the forecast is rejected (a fault that no widening repairs), or null
     * @param degenerateSteps the number of steps at which some interval had zero width
     * @param widened   true when those steps were widened, false when the zero width was accepted
     * @param note      what was done about degenerate intervals, in words (null when nothing was)
     */
    public record Verdict(Forecast forecast, String problem, int degenerateSteps, boolean widened, String note) {

        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * Checks a forecast and repairs intervals of zero width instead of rejecting it: faults other
     * than a zero width (non-finite values, an interval that misses the mean) reject it; a zero width
     * on a constant series is accepted silently, as {@link #problem} does; otherwise the steps of zero
     * width are widened to the normal interval of the model's in-sample errors ({@code residuals},
     * NaN entries ignored), or accepted when those errors are all zero relative to the series' scale
     * ({@code history}).
     */
    public static Verdict review(Forecast f, double[] residuals, double[] history, boolean constant) {
        String fatal = problem(f, true);
        if (fatal != null) {
            return new Verdict(null, fatal, 0, false, null);
        }
        if (constant || problem(f, false) == null) {
            return new Verdict(f, null, 0, false, null);
        }
        int degenerate = 0;
        for (int i = 0; i < f.horizon(); i++) {
            for (double level : f.levels()) {
                if (!(f.upper(level)[i] - f.lower(level)[i] > 0)) {
                    degenerate++;
                    break;
                }
            }
        }
        double rms = rootMeanSquare(residuals);
        double scale = scale(history);
        if (!(rms > EXACT_FIT_TOLERANCE * scale)) {
            String note = String.format(Locale.ROOT, "the model reproduces the history exactly (in-sample RMSE %.3g); its "
                    + "intervals have zero width at %d of %d steps, accepted as they are", rms, degenerate, f.horizon());
            return new Verdict(f, null, degenerate, false, note);
        }
        Forecast out = f;
        for (double level : f.levels()) {
            double half = Forecast.zScore(level) * rms;
            double[] lo = f.lower(level);
            double[] hi = f.upper(level);
            for (int i = 0; i < f.horizon(); i++) {
                if (!(hi[i] - lo[i] > 0)) {
                    lo[i] = Math.min(lo[i], f.mean(i) - half);
                    hi[i] = Math.max(hi[i], f.mean(i) + half);
                }
            }
            out = out.withInterval(level, lo, hi);
        }
        String note = String.format(Locale.ROOT, "intervals of zero width at %d of %d steps widened to the normal interval "
                + "of the in-sample errors (RMSE %.4g)", degenerate, f.horizon(), rms);
        return new Verdict(out, null, degenerate, true, note);
    }

    private static double rootMeanSquare(double[] r) {
        double s = 0;
        int n = 0;
        if (r != null) {
            for (double v : r) {
                if (Double.isFinite(v)) {
                    s += v * v;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : Math.sqrt(s / n);
    }

    /** The series' scale: its mean absolute value, or 1 for an all-zero or empty series. */
    private static double scale(double[] y) {
        double s = 0;
        int n = 0;
        if (y != null) {
            for (double v : y) {
                if (Double.isFinite(v)) {
                    s += Math.abs(v);
                    n++;
                }
            }
        }
        return n == 0 || s == 0 ? 1 : s / n;
    }

    private static String fmt(double level) {
        return level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
    }
}
