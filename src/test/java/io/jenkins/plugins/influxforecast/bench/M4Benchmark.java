package io.jenkins.plugins.influxforecast.bench;

import io.jenkins.plugins.influxforecast.catalog.Models;
import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.model.Forecast;
import io.jenkins.plugins.influxforecast.model.ForecastModel;
import io.jenkins.plugins.influxforecast.model.ModelSpec;
import io.jenkins.plugins.influxforecast.series.Frequency;
import io.jenkins.plugins.influxforecast.series.TimeSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * The M4 benchmark: runs model specs over M4 Hourly (414 series, h = 48, m = 24) and Weekly (359
 * series, h = 13, m = 1) on all cores and prints, per model, sMAPE, MASE and OWA (against Naive2
 * from the same run, as M4 defines them), CPU time per series, series per second, peak heap, and
 * the number of series whose fit failed (those fall back to Naive2's forecast and are counted).
 * When Rscript with the forecast package is present, R's {@code ets()} and {@code thetaf()} run on
 * the same series (the first {@code --r-limit} of each set) and a side-by-side table gives accuracy
 * and CPU-time ratios on exactly that subset.
 *
 * <p>Not a unit test: run it through {@code test-harness/bench/m4.sh}. Options:
 * <pre>
 *   --data DIR          M4 files (default $M4_DATA, else ../shared/data/m4 from the repository root)
 *   --sets Hourly,Weekly
 *   --models "naive2;ses;holt;damped;theta;comb;ets"   specs separated by ';'
 *   --limit N           first N series of each set
 *   --threads N         default: all cores
 *   --r auto|yes|no     R side by side (default auto: when Rscript and forecast are installed)
 *   --r-limit N         R on the first N series only (R's ets() costs seconds per Hourly series)
 *   --r-pairs "ets=ets;thetaf=theta"   which of our specs each R method is compared with
 *                       (R methods: ets, thetaf, auto.arima; default: ets and thetaf, and
 *                       auto.arima when arima is among the models)
 *   --levels 80,95      also compute prediction intervals at these levels (kept in each
 *                       SeriesResult's forecast, for columns such as MSIS)
 *   --markdown FILE     also write the tables as Markdown
 *   --warmup N          before timing a model, fit it untimed on the first N series of the set
 *                       (default 0: the timed run includes the JIT compiler's warm-up, as a
 *                       fresh JVM pays it); the accuracy figures do not change
 * </pre>
 * R's forecasts are kept in {@code target/r-cache} and reused (they do not depend on our code);
 * {@code -Dm4.rcache=false} runs R again.
 * Weekly runs as M4 scored it, without a seasonal period: specs that take {@code season} and do
 * not set it get {@code season=1} there. {@code auto} without a {@code horizon} gets the set's
 * horizon, as the command line gives it the forecast horizon.
 *
 * <p>Extending: add a {@link Column} to {@link #COLUMNS} (e.g. interval scores computed from
 * {@link SeriesResult#forecast()} with {@code --levels}).
 */
public final class M4Benchmark {

    /** Interval levels computed with every forecast (--levels); empty: point forecasts only. */
    static double[] levels = new double[0];

    /** Series fitted untimed before each timed model run (--warmup). */
    static int warmup = 0;

    /** One M4 set. {@code season} is the value given to specs without one (null: none given). */
    public record Dataset(String name, int horizon, int m, Frequency frequency, String season) {
    }

    public static final Map<String, Dataset> DATASETS = Map.of(
            "Hourly", new Dataset("Hourly", 48, 24, Frequency.of(Duration.ofHours(1)), null),
            "Weekly", new Dataset("Weekly", 13, 1, Frequency.of(Duration.ofDays(7)), "1"));

    /** One series: training values and the held-out test values. */
    public record M4Series(String id, double[] train, double[] test) {
    }

    /** The outcome of one model on one series. */
    public record SeriesResult(String id, Forecast forecast, double[] mean, boolean failed, String error, long cpuNanos,
                               List<String> warnings, double smape, double mase) {
    }

    /** One model over one set. */
    public record ModelRun(String label, Dataset dataset, List<M4Series> series, SeriesResult[] results, double wallSeconds,
                           long peakHeapBytes, long processCpuNanos) {

        public double smape() {
            return Arrays.stream(results).mapToDouble(SeriesResult::smape).average().orElse(Double.NaN);
        }

        public double mase() {
            return Arrays.stream(results).mapToDouble(SeriesResult::mase).average().orElse(Double.NaN);
        }

        /** CPU time of the threads that fitted, per series. */
        public double cpuMsPerSeries() {
            return Arrays.stream(results).mapToLong(SeriesResult::cpuNanos).sum() / 1e6 / results.length;
        }

        /** CPU time of the whole JVM during the run (JIT compiler and GC included), per series. */
        public double processCpuMsPerSeries() {
            return processCpuNanos / 1e6 / series.size();
        }

        public long failures() {
            return Arrays.stream(results).filter(SeriesResult::failed).count();
        }

        public long fallbacks() {
            return Arrays.stream(results).filter(r -> r.warnings().stream().anyMatch(w -> w.contains("fell back"))).count();
        }

        /** The same run restricted to the given series ids. */
        public ModelRun subset(List<String> ids) {
            SeriesResult[] r = Arrays.stream(results).filter(s -> ids.contains(s.id())).toArray(SeriesResult[]::new);
            return new ModelRun(label, dataset, series, r, wallSeconds, peakHeapBytes, processCpuNanos);
        }
    }

    /** A column of the result table. */
    public interface Column {
        String header();

        String value(ModelRun run, ModelRun naive2);
    }

    static Column column(String header, BiFunction<ModelRun, ModelRun, String> f) {
        return new Column() {
            public String header() {
                return header;
            }

            public String value(ModelRun run, ModelRun naive2) {
                return f.apply(run, naive2);
            }
        };
    }

    static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "-";
    }

    /** The table's columns; add to this list to report more. */
    public static final List<Column> COLUMNS = new ArrayList<>(List.of(
            column("sMAPE", (r, n) -> fmt(r.smape(), 3)),
            column("MASE", (r, n) -> fmt(r.mase(), 3)),
            column("OWA", (r, n) -> fmt((r.smape() / n.smape() + r.mase() / n.mase()) / 2, 3)),
            column("CPU ms/series", (r, n) -> fmt(r.cpuMsPerSeries(), 2)),
            column("JVM CPU ms/series", (r, n) -> fmt(r.processCpuMsPerSeries(), 2)),
            column("series/s", (r, n) -> fmt(r.results().length / r.wallSeconds(), 1)),
            column("peak heap MB", (r, n) -> fmt(r.peakHeapBytes() / 1048576.0, 0)),
            column("failed", (r, n) -> String.valueOf(r.failures())),
            column("fallback", (r, n) -> String.valueOf(r.fallbacks()))));

    private M4Benchmark() {
    }

    /** The options, as in the class documentation. */
    static final String USAGE = """
            usage: test-harness/bench/m4.sh [--option value ...]
              --data DIR          M4 files (default $M4_DATA, else ../shared/data/m4 from the repository root)
              --sets Hourly,Weekly
              --models "naive2;ses;holt;damped;theta;comb;ets"   specs separated by ';'
              --limit N           first N series of each set
              --threads N         default: all cores
              --r auto|yes|no     R side by side (default auto: when Rscript and forecast are installed)
              --r-limit N         R on the first N series only
              --r-pairs "ets=ets;thetaf=theta"   R method = our spec (default: also auto.arima=arima
                                  when arima is among the models)
              --levels 80,95      also compute prediction intervals at these levels (MSIS, ACD columns)
              --markdown FILE     also write the tables as Markdown
              --warmup N          fit each model untimed on the first N series before timing it
            examples:
              test-harness/bench/m4.sh --sets Hourly --r no --levels 95 --models "naive2;ets;theta;arima;auto"
              test-harness/bench/m4.sh --sets Weekly --models "naive2;arima" --r-pairs "auto.arima=arima"
              test-harness/bench/m4.sh --sets Weekly --models "naive2;arima"   (R's ets, thetaf and auto.arima beside)
            """;

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(USAGE);
            return;
        }
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + args[i] + "'\n" + USAGE);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        Path data = dataDir(opt.get("data"));
        List<String> sets = List.of(opt.getOrDefault("sets", "Hourly,Weekly").split(","));
        List<String> specs = new ArrayList<>();
        for (String s : opt.getOrDefault("models", "naive2;ses;holt;damped;theta(variant=m4);comb;theta;ets").split(";")) {
            if (!s.isBlank()) {
                specs.add(s.trim());
            }
        }
        int limit = Integer.parseInt(opt.getOrDefault("limit", "1000000"));
        warmup = Integer.parseInt(opt.getOrDefault("warmup", "0"));
        if (opt.containsKey("levels")) {
            levels = java.util.Arrays.stream(opt.get("levels").split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        // engine II: wall time, and M4's interval scores of the 95% interval when it is computed
        IntervalScores.register(COLUMNS, levels);
        int threads = Integer.parseInt(opt.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        String rMode = opt.getOrDefault("r", "auto");
        int rLimit = Integer.parseInt(opt.getOrDefault("r-limit", String.valueOf(limit)));
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String p : opt.getOrDefault("r-pairs", defaultPairs(specs)).split(";")) {
            String[] kv = p.split("=", 2);
            pairs.put(kv[0].trim(), kv[1].trim());
        }
        boolean r = switch (rMode) {
            case "yes" -> true;
            case "no" -> false;
            default -> RSide.available();
        };
        if (r) {
            for (String ours : pairs.values()) {
                if (!specs.contains(ours)) {
                    specs.add(ours);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        PrintStream out = System.out;
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xmx")).toList();
        out.printf(Locale.ROOT, "M4 benchmark: %s, threads %d, Java %s, %d cores, JVM options %s%s%n", data, threads,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), String.join(" ", jvmOptions),
                warmup > 0 ? ", each model warmed up untimed on " + warmup + " series" : "");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String set : sets) {
                Dataset ds = DATASETS.get(set.trim());
                if (ds == null) {
                    throw new IllegalArgumentException("unknown set '" + set + "'; allowed: " + DATASETS.keySet());
                }
                List<M4Series> series = load(data, ds.name(), limit);
                ModelRun naive2 = run(pool, "naive2", ds, series, null);
                List<ModelRun> runs = new ArrayList<>();
                for (String spec : specs) {
                    runs.add(spec.equals("naive2") ? naive2 : run(pool, spec, ds, series, naive2));
                }
                String title = String.format(Locale.ROOT, "M4 %s: %d series, h = %d, MASE lag m = %d%s", ds.name(), series.size(),
                        ds.horizon(), ds.m(), ds.season() != null ? ", specs without a season get season=" + ds.season() : "")
                        + (warmup > 0 ? ", each model timed after an untimed warm-up on " + warmup + " series" : "");
                String table = table(title, runs, naive2);
                out.println(table);
                md.append(table).append('\n');
                if (r) {
                    List<M4Series> subset = series.subList(0, Math.min(rLimit, series.size()));
                    String side = RSide.compare(ds, subset, runs, pairs, threads, data);
                    out.println(side);
                    md.append(side).append('\n');
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (opt.containsKey("markdown")) {
            Files.writeString(Path.of(opt.get("markdown")), md.toString(), StandardCharsets.UTF_8);
        }
    }

    /**
     * R's methods compared by default: {@code ets()} and {@code thetaf()} always, and
     * {@code auto.arima()} whenever {@code arima} is among the models run.
     */
    static String defaultPairs(List<String> specs) {
        return "ets=ets;thetaf=theta" + (specs.contains("arima") ? ";auto.arima=arima" : "");
    }

    /**
     * The folder of the M4 files: the given one, else {@code $M4_DATA}, else {@code ../shared/data/m4}
     * beside the repository (whose root is the working directory or the nearest folder above it with
     * the project's pom.xml). Throws, naming both ways to give it, when the files are not there.
     */
    public static Path dataDir(String given) {
        Path dir;
        if (given != null) {
            dir = Path.of(given);
        } else if (System.getenv("M4_DATA") != null && !System.getenv("M4_DATA").isBlank()) {
            dir = Path.of(System.getenv("M4_DATA"));
        } else {
            Path root = Path.of("").toAbsolutePath();
            while (root != null && !(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("test-harness")))) {
                root = root.getParent();
            }
            dir = (root != null ? root : Path.of("").toAbsolutePath()).resolve("../shared/data/m4").normalize();
        }
        if (!Files.isRegularFile(dir.resolve("Hourly-train.csv")) && !Files.isRegularFile(dir.resolve("Weekly-train.csv"))) {
            throw new IllegalArgumentException("no M4 files (Hourly-train.csv, Weekly-train.csv...) in " + dir
                    + "; give --data DIR or set M4_DATA");
        }
        return dir;
    }

    static String table(String title, List<ModelRun> runs, ModelRun naive2) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(title).append("\n\n| model |");
        for (Column c : COLUMNS) {
            sb.append(' ').append(c.header()).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(COLUMNS.size()));
        sb.append('\n');
        for (ModelRun run : runs) {
            sb.append("| `").append(run.label()).append("` |");
            for (Column c : COLUMNS) {
                sb.append(' ').append(c.value(run, naive2)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads {set}-train.csv and {set}-test.csv (quoted wide CSV, right-padded with empty fields). */
    public static List<M4Series> load(Path dir, String set, int limit) throws IOException {
        List<String> train = Files.readAllLines(dir.resolve(set + "-train.csv"), StandardCharsets.UTF_8);
        List<String> test = Files.readAllLines(dir.resolve(set + "-test.csv"), StandardCharsets.UTF_8);
        List<M4Series> out = new ArrayList<>();
        for (int i = 1; i < train.size() && out.size() < limit; i++) {
            String[] a = train.get(i).split(",");
            String[] b = test.get(i).split(",");
            String id = unquote(a[0]);
            if (!id.equals(unquote(b[0]))) {
                throw new IllegalStateException("train and test rows differ at line " + (i + 1) + ": " + id + " / " + b[0]);
            }
            out.add(new M4Series(id, numbers(a), numbers(b)));
        }
        return out;
    }

    private static String unquote(String s) {
        return s.replace("\"", "").trim();
    }

    private static double[] numbers(String[] fields) {
        return Arrays.stream(fields).skip(1).map(M4Benchmark::unquote).filter(s -> !s.isEmpty() && !s.equals("NA"))
                .mapToDouble(Double::parseDouble).toArray();
    }

    /** The model for a spec on a set: Weekly gives season=1 to specs that take a season and set none. */
    static ForecastModel model(String text, Dataset ds) {
        ModelSpec spec = ModelSpec.parse(text);
        if (spec.name().equals("auto") && !spec.has("horizon")) {
            // as the command line and the forecast step do: auto backtests on windows of the forecast horizon
            spec = spec.with("horizon", ds.horizon());
        }
        if (ds.season() != null && !spec.has("season") && !spec.has("seasons")) {
            try {
                return Models.create(spec.with("season", ds.season()));
            } catch (IllegalArgumentException e) {
                // the model takes no season
            }
        }
        return Models.create(spec);
    }

    static ModelRun run(ExecutorService pool, String text, Dataset ds, List<M4Series> series, ModelRun naive2) throws Exception {
        ForecastModel model = model(text, ds);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (warmup > 0) {
            List<Future<SeriesResult>> w = new ArrayList<>();
            for (int i = 0; i < Math.min(warmup, series.size()); i++) {
                M4Series s = series.get(i);
                SeriesResult fallback = naive2 == null ? null : naive2.results()[i];
                w.add(pool.submit(() -> one(model, ds, s, fallback, mx)));
            }
            for (Future<SeriesResult> f : w) {
                f.get();
            }
        }
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<SeriesResult>> futures = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            M4Series s = series.get(i);
            SeriesResult fallback = naive2 == null ? null : naive2.results()[i];
            futures.add(pool.submit(() -> one(model, ds, s, fallback, mx)));
        }
        SeriesResult[] results = new SeriesResult[series.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = futures.get(i).get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new ModelRun(text, ds, series, results, wall, peak, cpu);
    }

    static TimeSeries toSeries(M4Series s, Dataset ds) {
        return TimeSeries.of(s.id(), Instant.parse("2017-01-02T00:00:00Z"), ds.frequency(), s.train());
    }

    static SeriesResult one(ForecastModel model, Dataset ds, M4Series s, SeriesResult fallback, ThreadMXBean mx) {
        long c0 = mx.getCurrentThreadCpuTime();
        Forecast f = null;
        String error = null;
        List<String> warnings = List.of();
        try {
            FittedModel fit = model.fit(toSeries(s, ds));
            f = fit.forecast(ds.horizon(), levels);
            warnings = fit.warnings();
            for (int i = 0; i < ds.horizon(); i++) {
                if (!Double.isFinite(f.mean(i))) {
                    throw new IllegalStateException("non-finite forecast at step " + (i + 1));
                }
            }
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            f = null;
        }
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        boolean failed = f == null;
        double[] mean;
        if (failed) {
            if (fallback == null) {
                throw new IllegalStateException("Naive2 failed on " + s.id() + ": " + error);
            }
            mean = fallback.mean();
        } else {
            mean = f.mean();
        }
        return new SeriesResult(s.id(), f, mean, failed, error, cpu, warnings, Metrics.smape(s.test(), mean),
                Metrics.mase(s.test(), mean, s.train(), ds.m()));
    }
}
