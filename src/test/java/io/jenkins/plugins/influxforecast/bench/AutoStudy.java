package io.jenkins.plugins.influxforecast.bench;

import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.select.AutoModel;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The study behind {@code auto}'s defaults (not a unit test): for every series of an M4 set and every
 * candidate spec, the forecasts from several backtest origins inside the training part (the last
 * {@code --origins} multiples of {@code --step} before its end, {@code --h} steps ahead, cut at the end
 * of the training part) and the forecast of the test part from the whole training part. The rows
 * ({@code id,spec,origin,cpu_ms,values...}; origin -1 is the test forecast) go to {@code --out}; the
 * M4 files come from {@code --data}, {@code $M4_DATA} or {@code ../shared/data/m4} beside the repository; a
 * selection rule is then evaluated offline on exactly what {@code auto} would see (the backtest
 * windows use only the training part; the test part only scores the rule). Run with
 * <pre>
 *   java -cp ... io.jenkins.plugins.influxforecast.bench.AutoStudy --sets Hourly --h 48 --step 24 --origins 6 \
 *     --models "snaive(season=24);theta(season=24);..." --out target/study-hourly.csv
 * </pre>
 * {@code test-harness/bench/autostudy.py} scores a selection rule on that file (it reproduces the
 * benchmark's {@code auto} figures exactly when given auto's candidates and settings).
 * Backtest fits use {@code auto}'s backtest variant of each spec (conditional sum of squares for
 * fixed-order ARIMA), the test forecast the spec itself, as {@code auto} does.
 */
public final class AutoStudy {

    private AutoStudy() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].substring(2), args[i + 1]);
        }
        Path data = M4Benchmark.dataDir(opt.get("data"));
        M4Benchmark.Dataset ds = M4Benchmark.DATASETS.get(opt.getOrDefault("sets", "Hourly"));
        int h = Integer.parseInt(opt.getOrDefault("h", String.valueOf(ds.horizon())));
        int step = Integer.parseInt(opt.getOrDefault("step", "24"));
        int origins = Integer.parseInt(opt.getOrDefault("origins", "6"));
        int limit = Integer.parseInt(opt.getOrDefault("limit", "1000000"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        List<String> specs = new ArrayList<>();
        for (String s : opt.get("models").split(";")) {
            if (!s.isBlank()) {
                specs.add(s.trim());
            }
        }
        List<M4Benchmark.M4Series> series = M4Benchmark.load(data, ds.name(), limit);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (M4Benchmark.M4Series s : series) {
            futures.add(pool.submit(() -> rows(s, ds, specs, h, step, origins)));
        }
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(opt.getOrDefault("out", "target/study.csv")), StandardCharsets.UTF_8)) {
            for (Future<List<String>> f : futures) {
                for (String line : f.get()) {
                    w.write(line);
                    w.newLine();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> rows(M4Benchmark.M4Series s, M4Benchmark.Dataset ds, List<String> specs, int h, int step, int origins) {
        List<String> out = new ArrayList<>();
        TimeSeries full = M4Benchmark.toSeries(s, ds);
        int n = full.size();
        for (String text : specs) {
            ModelSpec spec = ModelSpec.parse(text);
            for (int k = origins; k >= 0; k--) {
                int origin = k == 0 ? -1 : n - k * step;
                if (origin != -1 && origin < 20) {
                    continue;
                }
                long t0 = System.nanoTime();
                String values;
                try {
                    TimeSeries train = origin == -1 ? full : full.head(origin);
                    int steps = origin == -1 ? ds.horizon() : Math.min(h, n - origin);
                    ModelSpec used = origin == -1 ? spec : AutoModel.backtestVariant(spec);
                    Forecast f = M4Benchmark.model(used.toString(), ds).fit(train).forecast(steps);
                    StringBuilder sb = new StringBuilder();
                    for (int j = 0; j < steps; j++) {
                        sb.append(',').append(String.format(Locale.ROOT, "%.6g", f.mean(j)));
                    }
                    values = sb.toString();
                } catch (RuntimeException e) {
                    values = ",NA";
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                out.add("\"" + s.id() + "\",\"" + text + "\"," + origin + "," + ms + values);
            }
        }
        return out;
    }
}
