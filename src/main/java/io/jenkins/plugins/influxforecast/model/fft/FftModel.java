package io.jenkins.plugins.influxforecast.model.fft;

import io.jenkins.plugins.influxforecast.model.AbstractFittedModel;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.model.season.Seasonality;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The FFT model with the behaviour of Darts' {@code FFT} (which the pipeline this engine replaces
 * used by default): optional detrending over the whole series (a polynomial of a degree, or an
 * exponential fitted as a line on the logarithms), cropping the start of the detrended series so that
 * it covers whole seasonal cycles ending where the forecast begins (so the reconstruction continues in
 * phase), the discrete Fourier transform of what remains, all but the {@code keep} bins of largest
 * magnitude set to zero, the inverse transform repeated into the future, plus the trend.
 *
 * <p>Spec: {@code fft(keep=10, trend=none|poly|exp, degree=3, season=auto|none|m)}; {@code keep=all}
 * keeps every bin. Like Darts, the crop always drops at least one value (a series that already
 * holds whole cycles loses one cycle) and only looks at starts from 1 to n - 4; {@code season=auto}
 * uses the longest period {@link Seasonality} finds (Darts looks at timestamp attributes instead).
 * Ties between bins of equal magnitude keep the lower frequency. Any length: see {@link Dft}. No
 * prediction intervals.
 */
public final class FftModel implements ForecastModel {

    private final ModelSpec spec;
    private final int keep; // 0: all
    private final String trend;
    private final int degree;
    private final Seasonality.Choice season;

    private FftModel(ModelSpec spec) {
        spec.allowOnly("keep", "trend", "degree", Seasonality.SEASON);
        spec.noMembers();
        this.spec = spec;
        String k = spec.param("keep").orElse("10").trim();
        this.keep = k.equalsIgnoreCase("all") ? 0 : spec.intParam("keep", 10, 1, Integer.MAX_VALUE);
        this.trend = spec.choiceParam("trend", "none", "none", "poly", "exp");
        this.degree = spec.intParam("degree", 3, 0, 10);
        if (spec.has("degree") && !trend.equals("poly")) {
            throw spec.badValue("degree", spec.param("degree").get(), "given only with trend=poly");
        }
        this.season = Seasonality.choice(spec);
    }

    public static FftModel create(ModelSpec spec) {
        return new FftModel(spec);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FittedModel fit(TimeSeries series) {
        double[] y = series.values();
        int n = y.length;
        if (n < 5) {
            throw new IllegalArgumentException("series '" + series.label() + "' too short for fft: " + n + " points, need at least 5");
        }
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("series '" + series.label() + "' has missing or non-finite values; fft needs a gap-free series");
            }
        }
        List<String> warnings = new ArrayList<>();
        Trend tr = Trend.fit(trend, degree, y, series.label());
        double[] detrended = new double[n];
        for (int t = 0; t < n; t++) {
            detrended[t] = y[t] - tr.at(t);
        }
        int period;
        if (season.explicit()) {
            period = season.periods().isEmpty() ? 1 : season.periods().get(season.periods().size() - 1);
        } else {
            List<Integer> found = Seasonality.detect(y, series.frequency().candidatePeriods(), null);
            period = found.isEmpty() ? 1 : found.get(found.size() - 1);
        }
        int start = 0;
        if (period > 1) {
            start = cropStart(n, period);
            if (start < 0) {
                warnings.add("no crop to whole cycles of " + period + " possible in " + n + " points; using the whole series");
                start = 0;
            }
        }
        double[] cropped = Arrays.copyOfRange(detrended, start, n);
        int len = cropped.length;
        double[][] x = Dft.forward(cropped);
        Integer[] order = new Integer[len];
        for (int i = 0; i < len; i++) {
            order[i] = i;
        }
        double[] mag = new double[len];
        for (int i = 0; i < len; i++) {
            mag[i] = Math.hypot(x[0][i], x[1][i]);
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -mag[i]).thenComparingInt(i -> i));
        int kept = keep == 0 || keep > len ? len : keep;
        int[] bins = new int[kept];
        for (int i = 0; i < kept; i++) {
            bins[i] = order[i];
        }
        Arrays.sort(bins);
        double[] cycle = new double[len];
        for (int t = 0; t < len; t++) {
            double s = 0;
            for (int k : bins) {
                long kt = ((long) k * t) % len;
                double angle = 2 * Math.PI * kt / len;
                s += x[0][k] * Math.cos(angle) - x[1][k] * Math.sin(angle);
            }
            cycle[t] = s / len;
        }
        double[] fitted = new double[n];
        Arrays.fill(fitted, Double.NaN);
        for (int t = start; t < n; t++) {
            fitted[t] = cycle[t - start] + tr.at(t);
        }
        ModelSpec resolved = spec.with(Seasonality.SEASON, period > 1 ? String.valueOf(period) : "none");
        return new Fitted(resolved, series, fitted, tr, cycle, bins, start, warnings);
    }

    /**
     * Darts' crop: the first start index in 1..n-4 from which the series holds whole cycles
     * ((n - start) divisible by the period); -1 when there is none.
     */
    static int cropStart(int n, int period) {
        int k = n % period == 0 ? period : n % period;
        return k >= 1 && k <= n - 4 ? k : -1;
    }

    /** The trend: none, a polynomial in t, or exp(a + b t); t = 0 .. n-1 in the data. */
    static final class Trend {
        final String kind;
        final double[] coef; // polynomial in u = (t - centre) / scale, or {a, b} for exp
        final double centre;
        final double scale;

        private Trend(String kind, double[] coef, double centre, double scale) {
            this.kind = kind;
            this.coef = coef;
            this.centre = centre;
            this.scale = scale;
        }

        static Trend fit(String kind, int degree, double[] y, String label) {
            int n = y.length;
            double centre = (n - 1) / 2.0;
            double scale = Math.max((n - 1) / 2.0, 1);
            switch (kind) {
                case "poly": {
                    if (degree >= n) {
                        throw new IllegalArgumentException("fft(trend=poly, degree=" + degree + ") needs more than " + degree
                                + " points, series '" + label + "' has " + n);
                    }
                    return new Trend(kind, polyfit(y, degree, centre, scale), centre, scale);
                }
                case "exp": {
                    double[] ly = new double[n];
                    for (int t = 0; t < n; t++) {
                        if (!(y[t] > 0)) {
                            throw new IllegalArgumentException("fft(trend=exp) needs strictly positive values; series '" + label
                                    + "' has " + y[t] + " at index " + t);
                        }
                        ly[t] = Math.log(y[t]);
                    }
                    return new Trend(kind, polyfit(ly, 1, centre, scale), centre, scale);
                }
                default:
                    return new Trend(kind, new double[0], centre, scale);
            }
        }

        private static double[] polyfit(double[] y, int degree, double centre, double scale) {
            int n = y.length;
            double[][] a = new double[n][degree + 1];
            for (int t = 0; t < n; t++) {
                double u = (t - centre) / scale;
                double p = 1;
                for (int j = 0; j <= degree; j++) {
                    a[t][j] = p;
                    p *= u;
                }
            }
            RealVector c = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(new ArrayRealVector(y, false));
            return c.toArray();
        }

        double at(double t) {
            if (kind.equals("none")) {
                return 0;
            }
            double u = (t - centre) / scale;
            double s = 0;
            for (int j = coef.length - 1; j >= 0; j--) {
                s = s * u + coef[j];
            }
            return kind.equals("exp") ? Math.exp(s) : s;
        }
    }

    private static final class Fitted extends AbstractFittedModel {
        private final Trend trend;
        private final double[] cycle;
        private final int[] bins;
        private final int start;

        Fitted(ModelSpec spec, TimeSeries series, double[] fitted, Trend trend, double[] cycle, int[] bins, int start,
               List<String> warnings) {
            super(spec, series, fitted);
            this.trend = trend;
            this.cycle = cycle;
            this.bins = bins;
            this.start = start;
            warnings.forEach(this::warn);
        }

        @Override
        protected double[] pointForecast(int horizon) {
            int n = series.size();
            double[] f = new double[horizon];
            for (int i = 0; i < horizon; i++) {
                f[i] = cycle[i % cycle.length] + trend.at(n + i);
            }
            return f;
        }

        @Override
        protected double[] standardErrors(int horizon) {
            return null;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = super.parameters();
            p.put("trend", trend.kind);
            p.put("cropped", start);
            p.put("length", cycle.length);
            p.put("bins", Arrays.stream(bins).boxed().toList());
            return p;
        }
    }
}
