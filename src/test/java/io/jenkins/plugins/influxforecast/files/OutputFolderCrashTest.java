package io.jenkins.plugins.influxforecast.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forecast killed (SIGKILL: {@code Runtime.halt}, no finally, no shutdown hook) after each file
 * operation of its commit, in turn: the folder then holds the previous set, the new set, or a state
 * that {@code load} refuses; never a mix that {@code load} accepts. The next run replaces it whole
 * and leaves nothing behind.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OutputFolderCrashTest {

    /** The outputs that differ from one forecast to the next. */
    static final List<String> FILES = List.of("forecast.csv", "forecast.lp", "metrics.json", "forecast.png", "report.html");

    /** The report's style sheet: the same for every run, but listed in the manifest like the others. */
    static final String CSS = "report.css";

    /** auto's backtest windows: in the previous set (an auto forecast), not in the new one, so the commit removes it. */
    static final String BACKTEST = "backtest.png";

    @TempDir
    static Path work;

    static Path setA;
    static Path setB;

    @BeforeAll
    static void twoRealForecasts() throws IOException {
        setA = forecast("a", 100, "auto(naive,drift)");
        setB = forecast("b", 120, "drift");
        assertThat(setA.resolve(BACKTEST)).isNotEmptyFile();
        assertThat(setB.resolve(BACKTEST)).doesNotExist();
        for (String f : FILES) {
            assertThat(Files.readAllBytes(setA.resolve(f))).as(f).isNotEqualTo(Files.readAllBytes(setB.resolve(f)));
        }
    }

    private static Path forecast(String name, int n, String model) throws IOException {
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int i = 0; i < n; i++) {
            csv.append(1_700_000_000L + 3600L * i).append(',').append(i % 24 + i / 10.0).append('\n');
        }
        Path in = Files.writeString(work.resolve(name + ".csv"), csv);
        Path out = work.resolve(name);
        Run r = cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", model, "--validation", "0",
                "--horizon", "12");
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The real load validation (a dry run validates everything and sends nothing). */
    static Run load(Path folder) {
        return cli("load", "--dry-run", "--input", folder.resolve("forecast.lp").toString(), "--url", "http://127.0.0.1:9",
                "--database", "d", "--summary", work.resolve("load-summary.json").toString());
    }

    /** Which complete set the folder holds: "previous" (or still empty), "new", or null for anything else. */
    private static String which(Path folder, Path previous) throws IOException {
        if (same(folder, setB)) {
            return "new";
        }
        if (previous == null) {
            return FILES.stream().noneMatch(f -> Files.exists(folder.resolve(f))) ? "previous" : null; // still empty
        }
        return same(folder, previous) ? "previous" : null;
    }

    private static boolean same(Path folder, Path set) throws IOException {
        for (String f : FILES) {
            if (!Files.exists(folder.resolve(f)) || !Arrays.equals(Files.readAllBytes(folder.resolve(f)), Files.readAllBytes(set.resolve(f)))) {
                return false;
            }
        }
        return true;
    }

    private static void copySet(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : FILES) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        Files.copy(from.resolve(CSS), to.resolve(CSS));
        if (Files.exists(from.resolve(BACKTEST))) {
            Files.copy(from.resolve(BACKTEST), to.resolve(BACKTEST));
        }
        Files.copy(from.resolve(OutputFolder.MANIFEST), to.resolve(OutputFolder.MANIFEST));
    }

    @Test
    void aKillAfterAnyFileOperationNeverLeavesAMixThatLoadAccepts() throws Exception {
        Map<String, Integer> outcomes = crashEverywhere(setA);
        // from a complete previous set: some kills leave it, some the new one, the ones in between are refused
        assertThat(outcomes).containsKeys("previous, accepted", "new, accepted", "mixed, refused");
        assertThat(outcomes.keySet()).noneMatch(k -> k.startsWith("mixed, accepted"));
    }

    @Test
    void aKillDuringTheFirstRunIntoAnEmptyFolderNeverLeavesAPartThatLoadAccepts() throws Exception {
        Map<String, Integer> outcomes = crashEverywhere(null);
        assertThat(outcomes).containsKeys("new, accepted", "mixed, refused");
        assertThat(outcomes.keySet()).noneMatch(k -> k.startsWith("mixed, accepted"));
    }

    /** Kills a commit of set B after its 1st, 2nd, ... file operation; returns the outcomes counted. */
    private Map<String, Integer> crashEverywhere(Path previous) throws Exception {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> operations = new ArrayList<>();
        for (int k = 1; ; k++) {
            Path folder = work.resolve((previous == null ? "empty-" : "full-") + k);
            if (previous != null) {
                copySet(previous, folder);
            } else {
                Files.createDirectories(folder);
            }
            Process p = new ProcessBuilder(OutputFolderTest.javaBinary(), "-cp", System.getProperty("java.class.path"),
                    CrashingCommit.class.getName(), folder.toString(), Integer.toString(k), setB.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (said.equals("completed")) {
                assertThat(p.exitValue()).isZero();
                assertThat(which(folder, previous)).isEqualTo("new");
                assertThat(leftovers(folder)).isEmpty();
                break;
            }
            assertThat(p.exitValue()).as(said).isEqualTo(137);
            assertThat(said).startsWith("killed after: ");
            String operation = said.substring("killed after: ".length());
            operations.add(operation);

            String state = which(folder, previous);
            Run load = load(folder);
            String outcome = (state == null ? "mixed" : state) + ", " + (load.code() == 0 ? "accepted" : "refused");
            outcomes.merge(outcome, 1, Integer::sum);
            if (state == null) {
                assertThat(load.code()).as("killed after " + operation + ": " + load.out() + load.err()).isEqualTo(2);
                assertThat(load.err()).as(operation).contains("run forecast again").doesNotContain("internal error");
            }
            if (load.code() != 0 && state != null && Files.exists(folder.resolve("forecast.lp"))) {
                assertThat(load.err()).as(operation).contains("run forecast again");
            }
            boolean interrupted = Files.exists(folder.resolve(OutputFolder.COMMITTING));

            // the next run: replaces whatever is there as a whole, says so when a commit was interrupted, leaves nothing
            List<String> warnings = new ArrayList<>();
            try (OutputFolder next = new OutputFolder(folder, warnings::add)) {
                for (String f : FILES) {
                    Files.copy(setB.resolve(f), next.stage(f));
                }
                next.commit();
            }
            assertThat(warnings).as(operation).hasSize(interrupted ? 1 : 0);
            assertThat(which(folder, previous)).as(operation).isEqualTo("new");
            assertThat(load(folder).code()).as(operation).isZero();
            assertThat(leftovers(folder)).as(operation).isEmpty();
            assertThat(k).as("a commit of five files has fewer operations").isLessThan(30);
        }
        assertThat(operations).contains("write the commit record", "place the commit record", "put forecast.lp in place",
                "turn the commit record into the manifest", "remove the staging folder");
        if (previous != null) {
            assertThat(operations).contains("keep the previous forecast.lp");
        }
        return outcomes;
    }

    /** Everything in the folder besides the five outputs and the manifest. */
    private static List<String> leftovers(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !FILES.contains(n) && !n.equals(OutputFolder.MANIFEST)).toList();
        }
    }

    /** Commits set B into a folder and halts the JVM after the k-th file operation. */
    public static final class CrashingCommit {
        public static void main(String[] args) throws Exception {
            Path folder = Path.of(args[0]);
            int k = Integer.parseInt(args[1]);
            Path source = Path.of(args[2]);
            AtomicInteger n = new AtomicInteger();
            OutputFolder.stepHook = op -> {
                if (n.incrementAndGet() == k) {
                    System.out.println("killed after: " + op);
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                }
            };
            try (OutputFolder out = new OutputFolder(folder)) {
                for (String f : FILES) {
                    Files.copy(source.resolve(f), out.stage(f));
                }
                out.commit();
            }
            System.out.println("completed");
        }
    }
}
