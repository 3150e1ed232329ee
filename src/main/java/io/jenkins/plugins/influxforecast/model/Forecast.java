package io.jenkins.plugins.influxforecast.model;

import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The result of every model: the forecast times (start and frequency), the point forecast and, per
 * level in percent, the lower and upper bounds of the prediction interval. Immutable.
 */
public final class Forecast {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private final String model;
    private final Instant start;
    private final Frequency frequency;
    private final double[] mean;
    private final TreeMap<Double, double[][]> intervals; // level -> {lower, upper}

    private Forecast(String model, Instant start, Frequency frequency, double[] mean, TreeMap<Double, double[][]> intervals) {
        this.model = Objects.requireNonNull(model, "model");
        this.start = Objects.requireNonNull(start, "start");
        this.frequency = Objects.requireNonNull(frequency, "frequency");
        this.mean = mean.clone();
        this.intervals = intervals;
    }

    /** A point forecast that continues {@code series}: the first value is one step after its end. */
    public static Forecast of(String model, TimeSeries series, double[] mean) {
        return new Forecast(model, series.time(series.size()), series.frequency(), mean, new TreeMap<>());
    }

    public static Forecast of(String model, Instant start, Frequency frequency, double[] mean) {
        return new Forecast(model, start, frequency, mean, new TreeMap<>());
    }

    /** A copy with one more interval; {@code level} in percent, strictly between 0 and 100. */
    public Forecast withInterval(double level, double[] lower, double[] upper) {
        checkLevel(level);
        if (lower.length != mean.length || upper.length != mean.length) {
            throw new IllegalArgumentException("interval bounds need " + mean.length + " values");
        }
        TreeMap<Double, double[][]> copy = new TreeMap<>(intervals);
        copy.put(level, new double[][] {lower.clone(), upper.clone()});
        return new Forecast(model, start, frequency, mean, copy);
    }

    /**
     * A copy with Gaussian intervals {@code mean +- z * se[h]} at each level, where {@code se} holds
     * the standard error of each step's forecast.
     */
    public Forecast withNormalIntervals(double[] se, double... levels) {
        Forecast f = this;
        for (double level : levels) {
            checkLevel(level);
            double z = zScore(level);
            double[] lo = new double[mean.length];
            double[] hi = new double[mean.length];
            for (int h = 0; h < mean.length; h++) {
                lo[h] = mean[h] - z * se[h];
                hi[h] = mean[h] + z * se[h];
            }
            f = f.withInterval(level, lo, hi);
        }
        return f;
    }

    /** The two-sided standard normal quantile for a level in percent (95 gives 1.96). */
    public static double zScore(double level) {
        checkLevel(level);
        return NORMAL.inverseCumulativeProbability(0.5 + level / 200.0);
    }

    private static void checkLevel(double level) {
        if (!(level > 0 && level < 100)) {
            throw new IllegalArgumentException("interval level must be between 0 and 100 (exclusive), got " + level);
        }
    }

    /** A copy with another model label. */
    public Forecast withModel(String newModel) {
        return new Forecast(newModel, start, frequency, mean, intervals);
    }

    /** A copy with {@code op} applied to the mean and every bound (e.g. clipping at zero, back-transforms). */
    public Forecast map(DoubleUnaryOperator op) {
        double[] m = Arrays.stream(mean).map(op).toArray();
        TreeMap<Double, double[][]> iv = new TreeMap<>();
        for (Map.Entry<Double, double[][]> e : intervals.entrySet()) {
            iv.put(e.getKey(), new double[][] {
                Arrays.stream(e.getValue()[0]).map(op).toArray(), Arrays.stream(e.getValue()[1]).map(op).toArray()});
        }
        return new Forecast(model, start, frequency, m, iv);
    }

    /** The first {@code h} steps. */
    public Forecast head(int h) {
        if (h > mean.length) {
            throw new IllegalArgumentException("forecast has " + mean.length + " steps, asked for " + h);
        }
        TreeMap<Double, double[][]> iv = new TreeMap<>();
        for (Map.Entry<Double, double[][]> e : intervals.entrySet()) {
            iv.put(e.getKey(), new double[][] {Arrays.copyOf(e.getValue()[0], h), Arrays.copyOf(e.getValue()[1], h)});
        }
        return new Forecast(model, start, frequency, Arrays.copyOf(mean, h), iv);
    }

    public String model() {
        return model;
    }

    public Instant start() {
        return start;
    }

    public Frequency frequency() {
        return frequency;
    }

    public int horizon() {
        return mean.length;
    }

    public Instant time(int i) {
        return frequency.plus(start, i);
    }

    public double[] mean() {
        return mean.clone();
    }

    public double mean(int i) {
        return mean[i];
    }

    public boolean hasIntervals() {
        return !intervals.isEmpty();
    }

    /** Levels in ascending order. */
    public double[] levels() {
        return intervals.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] lower(double level) {
        return bounds(level)[0].clone();
    }

    public double[] upper(double level) {
        return bounds(level)[1].clone();
    }

    private double[][] bounds(double level) {
        double[][] b = intervals.get(level);
        if (b == null) {
            throw new IllegalArgumentException("no " + level + "% interval; levels: " + intervals.keySet());
        }
        return b;
    }

    /** The forecast as a series named {@code name}. */
    public TimeSeries toSeries(String name) {
        return TimeSeries.of(name, start, frequency, mean);
    }
}
