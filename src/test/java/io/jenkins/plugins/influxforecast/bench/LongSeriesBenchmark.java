package io.jenkins.plugins.influxforecast.bench;

import io.jenkins.plugins.influxforecast.cli.Main;
import io.jenkins.plugins.influxforecast.files.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One long series through the whole forecast command (not a unit test): a year of ten-minute points
 * (52,560) with a daily (144) and a weekly (1008) cycle, a slow trend and autocorrelated noise,
 * forecast with {@code auto} (which takes both periods from the frequency). Prints the wall time, the
 * CPU time of the whole JVM, the peak heap and the peak resident set size of the run, next to the
 * model auto chose and its validation MASE. Run it in a fresh JVM through
 * {@code test-harness/bench/long-series.sh}; options:
 * <pre>
 *   --points 52560      length of the series
 *   --horizon 1008      forecast steps (auto backtests on windows of this length)
 *   --validation 1008   held-out points scored before the forecast
 *   --model auto        the model spec
 * </pre>
 */
public final class LongSeriesBenchmark {

    private LongSeriesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument '" + args[i] + "'; usage: [--points N] [--horizon N] "
                        + "[--validation N] [--model SPEC]");
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        int points = Integer.parseInt(opt.getOrDefault("points", "52560"));
        String horizon = opt.getOrDefault("horizon", "1008");
        String validation = opt.getOrDefault("validation", "1008");
        String model = opt.getOrDefault("model", "auto");
        Path dir = Files.createTempDirectory("long-series");
        try {
            Path csv = dir.resolve("tenminutes.csv");
            write(csv, points);
            Path out = dir.resolve("out");
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            int code = Main.run(new String[] {"forecast", "--input", csv.toString(), "--output-dir", out.toString(), "--model", model,
                "--horizon", horizon, "--validation", validation}, quiet, System.err);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (code != 0) {
                throw new IllegalStateException("forecast exited with " + code);
            }
            Map<String, Object> metrics = Json.read(out.resolve("metrics.json"));
            @SuppressWarnings("unchecked")
            Map<String, Object> series = ((List<Map<String, Object>>) metrics.get("series")).get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) series.get("model");
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) series.get("validation");
            Object mase = v.get("metrics") instanceof Map<?, ?> mm ? mm.get("mase") : null;
            System.out.printf(Locale.ROOT, "### One long series: %d ten-minute points, --model %s, --horizon %s, --validation %s%n%n",
                    points, model, horizon, validation);
            System.out.println("| input MB | wall s | JVM CPU s | peak heap MB | peak RSS MB | chosen | validation MASE |");
            System.out.println("|---:|---:|---:|---:|---:|---|---:|");
            System.out.printf(Locale.ROOT, "| %.1f | %.2f | %.2f | %.0f | %s | `%s` | %s |%n", Files.size(csv) / 1048576.0, wall, cpu,
                    peakHeap / 1048576.0, peakRssMb(), m.get("spec"), mase instanceof Number n ? String.format(Locale.ROOT, "%.3f",
                            n.doubleValue()) : "-");
            System.out.printf(Locale.ROOT, "Java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576);
        } finally {
            try (var files = Files.walk(dir)) {
                List<Path> all = new ArrayList<>(files.toList());
                java.util.Collections.reverse(all);
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The synthetic year: level 200, a slow trend, a daily and a weekly cycle, AR(1) noise; seed 1. */
    static void write(Path csv, int points) throws IOException {
        Random rnd = new Random(1);
        double noise = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("time,value\n");
            long start = 1_704_067_200L; // 2024-01-01T00:00:00Z, a Monday
            for (int i = 0; i < points; i++) {
                noise = 0.7 * noise + rnd.nextGaussian() * 3;
                double day = 2 * Math.PI * (i % 144) / 144;
                boolean weekend = (i / 144) % 7 >= 5;
                double v = 200 + 0.0005 * i + 25 * Math.sin(day - Math.PI / 2) + 8 * Math.sin(2 * day)
                        + (weekend ? -30 : 0) + noise;
                w.write(Long.toString(start + 600L * i));
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.3f", v));
                w.write('\n');
            }
        }
    }

    /** Peak resident set size of this process in MB (VmHWM), or "-" where /proc is not there. */
    static String peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "-";
        }
        return "-";
    }
}
