package io.jenkins.plugins.influxforecast.bench;

import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.model.Forecast;
import java.util.List;

/**
 * Engine II's columns of the M4 benchmark: the wall time of the whole run, and M4's scores of the
 * 95% prediction interval (with {@code --levels 95}): MSIS, the mean scaled interval score
 * ({@code (U - L) + (2/a)(L - Y)[Y < L] + (2/a)(Y - U)[Y > U]}, a = 0.05, averaged over the horizon
 * and scaled by the in-sample seasonal-naive MAE with M4's lag, as MASE), the coverage, and
 * ACD = |coverage - 0.95| (the absolute coverage difference of the M4 paper). A series whose
 * forecast has no 95% interval (or failed) is left out of both and counted.
 */
final class IntervalScores {

    private IntervalScores() {
    }

    static void register(List<M4Benchmark.Column> columns, double[] levels) {
        columns.add(M4Benchmark.column("wall s", (r, n) -> M4Benchmark.fmt(r.wallSeconds(), 1)));
        boolean has95 = false;
        for (double l : levels) {
            has95 |= l == 95;
        }
        if (!has95) {
            return;
        }
        columns.add(M4Benchmark.column("MSIS", (r, n) -> M4Benchmark.fmt(msis(r), 3)));
        columns.add(M4Benchmark.column("coverage 95", (r, n) -> M4Benchmark.fmt(coverage(r), 3)));
        columns.add(M4Benchmark.column("ACD", (r, n) -> M4Benchmark.fmt(Math.abs(coverage(r) - 0.95), 3)));
        columns.add(M4Benchmark.column("no interval", (r, n) -> String.valueOf(missing(r))));
    }

    static double msis(M4Benchmark.ModelRun run) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < run.results().length; i++) {
            M4Benchmark.SeriesResult res = run.results()[i];
            Forecast f = res.forecast();
            if (f == null || !has95(f)) {
                continue;
            }
            M4Benchmark.M4Series s = series(run, res.id());
            sum += msis(s.test(), f.lower(95), f.upper(95), s.train(), run.dataset().m(), 0.05);
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** M4's MSIS of one series. */
    static double msis(double[] y, double[] lo, double[] hi, double[] insample, int m, double a) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            s += hi[j] - lo[j];
            if (y[j] < lo[j]) {
                s += 2 / a * (lo[j] - y[j]);
            }
            if (y[j] > hi[j]) {
                s += 2 / a * (y[j] - hi[j]);
            }
        }
        return s / y.length / Metrics.naiveScale(insample, m);
    }

    static double coverage(M4Benchmark.ModelRun run) {
        long in = 0;
        long all = 0;
        for (M4Benchmark.SeriesResult res : run.results()) {
            Forecast f = res.forecast();
            if (f == null || !has95(f)) {
                continue;
            }
            double[] y = series(run, res.id()).test();
            double[] lo = f.lower(95);
            double[] hi = f.upper(95);
            for (int j = 0; j < y.length; j++) {
                if (y[j] >= lo[j] && y[j] <= hi[j]) {
                    in++;
                }
                all++;
            }
        }
        return all == 0 ? Double.NaN : (double) in / all;
    }

    static long missing(M4Benchmark.ModelRun run) {
        long c = 0;
        for (M4Benchmark.SeriesResult res : run.results()) {
            if (res.forecast() == null || !has95(res.forecast())) {
                c++;
            }
        }
        return c;
    }

    private static boolean has95(Forecast f) {
        for (double l : f.levels()) {
            if (l == 95) {
                return true;
            }
        }
        return false;
    }

    private static M4Benchmark.M4Series series(M4Benchmark.ModelRun run, String id) {
        for (M4Benchmark.M4Series s : run.series()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalStateException("no series " + id);
    }
}
