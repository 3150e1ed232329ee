package io.jenkins.plugins.influxforecast.bench;

import io.jenkins.plugins.influxforecast.evaluate.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs R's forecast package on the same M4 series, in the same run, for the side-by-side table:
 * {@code forecast(ets(y), h)}, {@code thetaf(y, h)} and {@code forecast(auto.arima(y), h)} (R's defaults),
 * one forked R worker per thread; each series'
 * CPU time is measured inside R with {@code proc.time()}.
 */
final class RSide {

    private static final String SCRIPT = String.join("\n",
            "args <- commandArgs(TRUE)",
            "suppressMessages(library(forecast)); suppressMessages(library(parallel))",
            "train <- read.csv(args[1], header = TRUE, stringsAsFactors = FALSE)",
            "h <- as.integer(args[2]); freq <- as.integer(args[3]); limit <- as.integer(args[4])",
            "methods <- strsplit(args[5], ',')[[1]]; cores <- as.integer(args[6]); out <- args[7]",
            "ids <- train[seq_len(min(limit, nrow(train))), 1]",
            "one <- function(i) {",
            "  x <- as.numeric(train[i, -1]); x <- x[!is.na(x)]; y <- ts(x, frequency = freq)",
            "  rows <- character(0)",
            "  for (m in methods) {",
            "    t0 <- proc.time()",
            "    f <- tryCatch(switch(m, ets = forecast(ets(y), h = h)$mean, thetaf = thetaf(y, h = h)$mean,",
            "                          auto.arima = forecast(auto.arima(y), h = h)$mean,",
            "                          stop('unknown method ', m)), error = function(e) rep(NA, h))",
            "    t1 <- proc.time() - t0",
            "    cpu <- t1[['user.self']] + t1[['sys.self']]",
            "    rows <- c(rows, paste(c(ids[i], m, format(cpu, digits = 6), format(as.numeric(f), digits = 15)), collapse = ','))",
            "  }",
            "  rows",
            "}",
            "res <- mclapply(seq_along(ids), one, mc.cores = cores, mc.preschedule = FALSE)",
            "writeLines(unlist(res), out)",
            "");

    private RSide() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("Rscript", "-e", "suppressMessages(library(forecast)); cat('ok')")
                    .redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && s.contains("ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** R's forecasts: method -> id -> {cpu seconds, f1..fh}. */
    static Map<String, Map<String, double[]>> run(M4Benchmark.Dataset ds, int count, List<String> methods, int threads, Path data)
            throws IOException, InterruptedException {
        // R's forecasts do not change between runs: keep them (per set, series count and methods)
        Path cache = Path.of("target", "r-cache", ds.name() + "-" + count + "-" + String.join("+", methods) + ".csv");
        if (System.getProperty("m4.rcache", "true").equals("true") && Files.isRegularFile(cache)) {
            return parse(cache);
        }
        Path script = Files.createTempFile("m4-r-side", ".R");
        Path out = Files.createTempFile("m4-r-side", ".csv");
        try {
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            int freq = ds.name().equals("Hourly") ? 24 : 1;
            // Rscript inherits the benchmark's priority (m4.sh runs it with nice): both sides alike
            Process p = new ProcessBuilder("Rscript", script.toString(), data.resolve(ds.name() + "-train.csv").toString(),
                    String.valueOf(ds.horizon()), String.valueOf(freq), String.valueOf(count), String.join(",", methods),
                    String.valueOf(threads), out.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("Rscript failed: " + log);
            }
            Files.createDirectories(cache.getParent());
            Files.copy(out, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return parse(out);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(out);
        }
    }

    private static Map<String, Map<String, double[]>> parse(Path file) throws IOException {
        Map<String, Map<String, double[]>> res = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            double[] v = new double[f.length - 2];
            for (int i = 2; i < f.length; i++) {
                v[i - 2] = f[i].trim().equals("NA") ? Double.NaN : Double.parseDouble(f[i].trim());
            }
            res.computeIfAbsent(f[1], k -> new HashMap<>()).put(f[0], v);
        }
        return res;
    }

    static String compare(M4Benchmark.Dataset ds, List<M4Benchmark.M4Series> subset, List<M4Benchmark.ModelRun> runs,
                          Map<String, String> pairs, int threads, Path data) throws IOException, InterruptedException {
        List<String> methods = new ArrayList<>(pairs.keySet());
        long t0 = System.nanoTime();
        Map<String, Map<String, double[]>> r = run(ds, subset.size(), methods, threads, data);
        double rWall = (System.nanoTime() - t0) / 1e9; // near 0 when read from target/r-cache
        List<String> ids = subset.stream().map(M4Benchmark.M4Series::id).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "### R side by side, M4 %s, the same %d series (R %s, %.0f s wall for R)%n%n",
                ds.name(), subset.size(), "forecast package", rWall));
        sb.append("| R method | sMAPE R | MASE R | our spec | sMAPE ours | MASE ours | MASE ours/R | CPU ms/series R | CPU ms/series ours"
                + " (JVM) | speed-up (fitting threads) | speed-up (whole JVM) | R failed |\n");
        sb.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            Map<String, double[]> rm = r.getOrDefault(e.getKey(), Map.of());
            M4Benchmark.ModelRun ours = runs.stream().filter(x -> x.label().equals(e.getValue())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no run of " + e.getValue())).subset(ids);
            double smape = 0;
            double mase = 0;
            double cpu = 0;
            int failed = 0;
            for (M4Benchmark.M4Series s : subset) {
                double[] v = rm.get(s.id());
                double[] f = v == null ? null : java.util.Arrays.copyOfRange(v, 1, v.length);
                boolean bad = f == null || java.util.Arrays.stream(f).anyMatch(x -> !Double.isFinite(x));
                if (bad) {
                    failed++;
                    // the same fallback as ours: Naive2's forecast
                    f = runs.stream().filter(x -> x.label().equals("naive2")).findFirst().orElseThrow().subset(List.of(s.id()))
                            .results()[0].mean();
                }
                smape += Metrics.smape(s.test(), f);
                mase += Metrics.mase(s.test(), f, s.train(), ds.m());
                cpu += v == null ? 0 : v[0] * 1000;
            }
            int k = subset.size();
            smape /= k;
            mase /= k;
            cpu /= k;
            // two speed-ups against R's per-series CPU (measured inside R's worker around each fit, so
            // without R's start-up and package loading): our fitting threads' CPU, which is the like
            // for like figure, and the whole JVM's CPU during the run (JIT compilation and GC
            // included), which is what a fresh JVM pays for this many series
            double jvm = ours.processCpuMsPerSeries();
            double thread = ours.cpuMsPerSeries();
            sb.append(String.format(Locale.ROOT, "| `%s()` | %.3f | %.3f | `%s` | %.3f | %.3f | %.3f | %.1f | %.2f (%.2f) | %.1fx | %.1fx | %d |%n",
                    e.getKey(), smape, mase, e.getValue(), ours.smape(), ours.mase(), ours.mase() / mase, cpu, thread,
                    jvm, cpu / thread, cpu / Math.max(jvm, thread), failed));
        }
        return sb.toString();
    }
}
