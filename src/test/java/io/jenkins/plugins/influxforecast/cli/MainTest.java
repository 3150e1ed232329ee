package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line end to end, in this JVM: real files in, real files out. */
class MainTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path linear(int n) throws IOException {
        StringBuilder sb = new StringBuilder("time,value\n");
        for (int i = 0; i < n; i++) {
            sb.append(1_700_000_000L + 3600L * i).append(',').append(i).append('\n');
        }
        Path f = dir.resolve("linear.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void demoWritesTheFourOutputs() throws IOException {
        Path out = dir.resolve("demo");
        Run r = cli("demo", "--output-dir", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("forecast.csv")).isNotEmptyFile();
        assertThat(out.resolve("forecast.lp")).isNotEmptyFile();
        assertThat(out.resolve("metrics.json")).isNotEmptyFile();
        assertThat(Files.readAllBytes(out.resolve("forecast.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readAllLines(out.resolve("forecast.csv"))).hasSize(169).first().isEqualTo("time,value,lower_80,upper_80,lower_95,upper_95");
        assertThat(Files.readAllLines(out.resolve("forecast.lp"))).hasSize(168).first().asString()
                .startsWith("seattle_temperature-prediction value=").endsWith(" 1293840000000000000");
        assertThat(r.out()).contains("validation: ").contains("MASE");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "demo-input.csv", "forecast.csv", "forecast.lp", "metrics.json", "forecast.png", "backtest.png", "report.html", "report.css",
                    ".influx-forecast-manifest.json");
        assertThat(Files.readString(out.resolve("report.html"))).contains("src=\"forecast.png\"").doesNotContain("data:")
                .contains("MASE").contains("seattle_temperature");
        }
    }

    @Test
    void theSameInputGivesTheSameOutputByteForByte() throws IOException {
        Path in = linear(300);
        Path out = dir.resolve("o");
        String[] args = {"forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "drift", "--validation", "24"};
        assertThat(cli(args).code()).isZero();
        byte[] csv = Files.readAllBytes(out.resolve("forecast.csv"));
        byte[] lp = Files.readAllBytes(out.resolve("forecast.lp"));
        byte[] png = Files.readAllBytes(out.resolve("forecast.png"));
        Map<String, Object> metrics = Json.read(out.resolve("metrics.json"));
        assertThat(cli(args).code()).isZero();
        assertThat(Files.readAllBytes(out.resolve("forecast.csv"))).isEqualTo(csv);
        assertThat(Files.readAllBytes(out.resolve("forecast.lp"))).isEqualTo(lp);
        assertThat(Files.readAllBytes(out.resolve("forecast.png"))).isEqualTo(png);
        Map<String, Object> again = Json.read(out.resolve("metrics.json"));
        metrics.remove("timings_ms");
        again.remove("timings_ms");
        assertThat(again).isEqualTo(metrics);
        assertThat(metrics.get("engine").toString()).contains("version");
        assertThat(metrics.get("input").toString()).contains("sha256");
    }

    @Test
    void scoresOnTheValidationPartThenRefitsOnAllTheData() throws IOException {
        Path in = linear(100);
        Path out = dir.resolve("o");
        Run r = cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "naive", "--validation", "10",
                "--levels", "");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("forecast.csv"));
        assertThat(csv).hasSize(11); // default horizon = validation length
        assertThat(csv.get(0)).isEqualTo("time,value");
        assertThat(csv.get(1)).endsWith(",99.0"); // refit on all 100 points
        Map<String, Object> m = Json.read(out.resolve("metrics.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) ((Map<String, Object>) m.get("summary")).get("validation");
        assertThat((Double) v.get("mae")).isEqualTo(5.5); // |90..99 - 89|
    }

    @Test
    void layoutOptionsShapeTheLineProtocol() throws IOException {
        Path in = linear(50);
        Path out = dir.resolve("o");
        Run r = cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "mean", "--validation", "0",
                "--horizon", "3", "--measurement", "parking forecast", "--field", "spaces", "--tag", "site=P+R Noord", "--tag", "env=prod",
                "--smoothing", "5", "--frequency", "1h");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lp = Files.readAllLines(out.resolve("forecast.lp"));
        assertThat(lp).hasSize(3);
        // smoothing 5 changes the mean only through the first 4 points: mean of the smoothed series
        assertThat(lp.get(0)).startsWith("parking\\ forecast,env=prod,site=P+R\\ Noord spaces=");
        assertThat(lp.get(0)).endsWith(" " + (1_700_000_000L + 3600L * 50) + "000000000");
    }

    @Test
    void severalSeriesAreForecastEachOnItsOwnKeepingTheirTags() throws IOException {
        Path out = dir.resolve("o");
        Run r = cli("forecast", "--input", io.jenkins.plugins.influxforecast.RepoFiles.path("src/test/resources/input/grouped-influx1.csv").toString(), "--output-dir", out.toString(),
                "--model", "naive", "--validation", "0", "--horizon", "2", "--levels", "");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lp = Files.readAllLines(out.resolve("forecast.lp"));
        assertThat(lp).containsExactly(
                "parkingplace-prediction,name=P+R\\ Noord value=12.0,model=\"naive\" 1795867800000000000",
                "parkingplace-prediction,name=P+R\\ Noord value=12.0,model=\"naive\" 1795868400000000000",
                "parkingplace-prediction,name=Zuid\\,West,zone=a value=22.0,model=\"naive\" 1795867800000000000",
                "parkingplace-prediction,name=Zuid\\,West,zone=a value=22.0,model=\"naive\" 1795868400000000000");
        assertThat(Files.readAllLines(out.resolve("forecast.csv")).get(0)).startsWith("name,tags,time,value");
    }

    @Test
    void anAnnotatedCsvExportOfInfluxDb2IsForecastWithoutItsFieldAsATag() throws IOException {
        Path out = dir.resolve("flux");
        Path input = Path.of(System.getProperty("user.dir"), "src/test/resources/input/flux-annotated.csv");
        Run r = cli("forecast", "--input", input.toString(), "--output-dir", out.toString(),
                "--model", "naive", "--validation", "0", "--horizon", "1", "--frequency", "1h", "--levels", "");
        // the file's third series (mem) has one point: it fails alone (exit 3), the two cpu series are written
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        List<String> lp = Files.readAllLines(out.resolve("forecast.lp"));
        assertThat(lp).containsExactly("cpu-prediction,host=a value=3.5,model=\"naive\" 1793502000000000000",
                "cpu-prediction,host=b value=8.0,model=\"naive\" 1793498400000000000");
    }

    @Test
    void inputOptionsChooseColumnsFormatNameAndGapHandling() throws IOException {
        Path in = dir.resolve("weather.csv");
        // a gap of two hours (03:00 and 04:00 missing)
        Files.writeString(in, "when,pressure,temp\n2026-01-01T00:00:00Z,1000,1\n2026-01-01T01:00:00Z,1001,2\n"
                + "2026-01-01T02:00:00Z,1002,3\n2026-01-01T05:00:00Z,1003,9\n2026-01-01T06:00:00Z,1004,10\n");
        Path out = dir.resolve("o");
        String[] base = {"forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "naive", "--validation", "0",
            "--horizon", "1", "--time-column", "when", "--value-column", "temp", "--name", "outside", "--levels", ""};
        Run linear = cli(concat(base, "--smoothing", "2", "--max-gap", "2", "--format", "csv"));
        assertThat(linear.code()).as(linear.err()).isZero();
        assertThat(linear.out()).contains("series outside: 7 points at 1h").contains("1 gaps filled");
        // smoothing 2: last value = (9 + 10) / 2
        assertThat(Files.readAllLines(out.resolve("forecast.lp")).get(0)).startsWith("outside-prediction value=9.5,model=\"naive\" ");
        Run previous = cli(concat(base, "--fill", "previous", "--max-gap", "2"));
        assertThat(previous.code()).isZero();
        Map<String, Object> m = Json.read(out.resolve("metrics.json"));
        assertThat(m.get("series").toString()).contains("points_filled=2");
        assertThat(cli(concat(base, "--fill", "fail")).err()).contains("has a gap of 2 point(s)").contains("fill is 'fail'");
        assertThat(cli(concat(base, "--max-gap", "1")).err()).contains("longer than max-gap 1");
        assertThat(cli(concat(base, "--fill", "sideways")).err()).contains("fill must be one of linear, previous, fail, got 'sideways'");
        assertThat(cli(concat(base, "--format", "influx1")).err()).contains("column 'name' not found");
        assertThat(cli(concat(base, "--format", "parquet")).err()).contains("format must be one of auto, influx1, influx2, csv");
        assertThat(cli(concat(base, "--max-gap", "-1")).err()).contains("maxGap must be >= 0, got -1");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {"empty file", "", new String[0], "is empty"},
                new Object[] {"missing value column", "time,speed,temp\n2026-01-01T00:00:00Z,1,2\n", new String[0], "give --value-column"},
                new Object[] {"unparsable timestamp", "time,value\n2026-01-01T00:00:00Z,1\n2026-13-45T00:00:00Z,2\n", new String[0], "line 3: cannot parse time"},
                new Object[] {"NaN value", "time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,NaN\n", new String[0], "NaN or infinite"},
                new Object[] {"infinite value", "time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,-Infinity\n", new String[0], "NaN or infinite"},
                new Object[] {"too few points", "time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,2\n2026-01-01T02:00:00Z,3\n",
                    new String[] {"--model", "snaive(season=24)", "--validation", "0", "--horizon", "2"}, "need at least 25"},
                new Object[] {"horizon too long", "time,value\n2026-01-01T00:00:00Z,1\n", new String[] {"--horizon", "100001"}, "horizon must be <= 100000, got 100001"},
                new Object[] {"horizon zero", "time,value\n2026-01-01T00:00:00Z,1\n", new String[] {"--horizon", "0"}, "horizon must be >= 1, got 0"},
                new Object[] {"unknown model", "time,value\n2026-01-01T00:00:00Z,1\n", new String[] {"--model", "prophet"}, "unknown model 'prophet'; allowed:"},
                new Object[] {"bad validation", "time,value\n2026-01-01T00:00:00Z,1\n", new String[] {"--validation", "1.5"}, "validation must be"},
                new Object[] {"bad frequency", "time,value\n2026-01-01T00:00:00Z,1\n", new String[] {"--frequency", "fortnightly"}, "frequency 'fortnightly'"},
                new Object[] {"frequency coarser than the data", "time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,2\n",
                    new String[] {"--frequency", "1y", "--validation", "0", "--horizon", "1"},
                    "series 'in' has 1 point(s) at 1y; at least 2 are needed to fit a model"},
                new Object[] {"bad horizon text", "time,value\n2026-01-01T00:00:00Z,1\n", new String[] {"--horizon", "ten"}, "'ten'"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputGivesOneLineErrorExitTwoAndNoOutput(String label, String content, String[] extra, String message) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, content);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("forecast", "--input", in.toString(), "--output-dir", out.toString()));
        args.addAll(List.of(extra));
        Run r = cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).startsWith("error: ");
        assertThat(r.err().strip().lines().filter(l -> !l.startsWith("Try ")).count()).isEqualTo(1);
        assertNoFiles(out);
    }

    @Test
    void unwritableOutputFolderIsBadInputAndWritesNothing() throws IOException {
        Path in = linear(50);
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        Run r = cli("forecast", "--input", in.toString(), "--output-dir", blocker.resolve("out").toString(), "--model", "naive");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: output-dir ").contains("cannot be created or written");
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }

    @Test
    void anUnwritableExtractOutputIsTheErrorReportedNotItsSummary() throws IOException {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        // the CSV and its summary both go under a file: the CSV's error is the one to report
        Run r = cli("extract", "--url", "http://127.0.0.1:9", "--database", "d", "--measurement", "m",
                "--output", blocker.resolve("in.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("error: cannot write " + blocker.resolve("in.csv"))
                .doesNotContain("extract-summary.json").doesNotContain("UncheckedIOException").doesNotContain("\n");
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }

    @Test
    void missingRequiredOptionAndHelp() {
        Run r = cli("forecast", "--output-dir", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--input");
        Run help = cli("forecast", "--help");
        assertThat(help.code()).isZero();
        for (String opt : List.of("--input", "--output-dir", "--frequency", "--model", "--horizon", "--validation", "--smoothing",
                "--time-column", "--value-column", "--measurement", "--field", "--tag", "--fill", "--max-gap", "--format", "--levels")) {
            assertThat(help.out()).contains(opt);
        }
        assertThat(cli("version").out().strip()).isNotEmpty();
    }

    @Test
    void versionAnswersAloneAndLikePicocli() {
        String version = io.jenkins.plugins.influxforecast.pipeline.EngineVersion.get();
        for (String arg : List.of("version", "--version", "-V")) {
            Run r = cli(arg);
            assertThat(r.code()).as(arg).isZero();
            assertThat(r.out().strip()).as(arg).isEqualTo(version);
        }
        assertThat(Main.isVersion(new String[] {"version"})).isTrue();
        // with anything else on the line it is parsed as usual: an unknown option is an error
        assertThat(Main.isVersion(new String[] {"version", "--x"})).isFalse();
        assertThat(cli("version", "--x").code()).isEqualTo(2);
    }

    @Test
    void helpTextsAreSafeFormatStringsForPicocli() {
        // picocli formats descriptions: "10% of the points" unescaped made it warn and print raw text
        for (CommandDef def : List.of(Commands.FORECAST, Demo.COMMAND, Commands.EXTRACT, Commands.LOAD)) {
            for (OptionDef o : def.options()) {
                String text = String.format(Main.description(o)).replace(System.lineSeparator(), " ");
                assertThat(text).as(def.name() + " " + o.cli()).startsWith(o.help());
            }
        }
        assertThat(cli("forecast", "--help").out()).contains("default: 10% of the").doesNotContain("%%");
    }

    @Test
    void everyHelpEndsWithExamplesFitsEightyColumnsAndKeepsFileNamesWhole() {
        for (String command : List.of("forecast", "demo", "extract", "load", "score", "version")) {
            String help = cli(command, "--help").out();
            // each example line as written, not re-wrapped by the help layout (a wrapped command cannot be pasted)
            assertThat(HelpText.examples(command)).as(command).isNotEmpty();
            assertThat(help.lines().toList()).as(command).containsAll(HelpText.examples(command));
            assertThat(help).as(command).contains("Examples:").contains("java -jar influx-forecast-cli.jar " + command);
            assertThat(help.substring(help.indexOf("Examples:"))).as(command).doesNotContain("--help");
            assertThat(cli("help", command).out()).as("help " + command).isEqualTo(help);
            for (String line : help.split("\n")) {
                assertThat(line.length()).as(command + ": " + line).isLessThanOrEqualTo(80);
                // picocli's own wrapping broke "forecast.lp" after the dot
                assertThat(line).as(command + ": " + line).doesNotMatch(".*\\b(forecast|metrics|report|load-summary|extract-summary)\\.$");
            }
        }
        String root = cli("--help").out();
        assertThat(root).contains("help      Print the help of a command").contains("Examples:");
        assertThat(cli("help").out()).isEqualTo(root);
        assertThat(cli("forecast", "--help").out()).contains("forecast.lp, metrics.json, forecast.png and report.html");
    }

    @Test
    void aMisspeltOptionOrCommandSuggestsTheNearestOne() {
        Run option = cli("forecast", "--input", "in.csv", "--output-dir", "out", "--modle", "ets");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("(did you mean --model?)");
        // without the required options too: the unknown option is named first, not the missing ones
        Run typoOnly = cli("forecast", "--imput=in.csv", "--output-dir", "out");
        assertThat(typoOnly.err()).startsWith("error: unknown option '--imput=in.csv' (did you mean --input?)");
        assertThat(cli("forcast").err()).contains("(did you mean forecast?)");
        Run help = cli("help", "lod");
        assertThat(help.code()).isEqualTo(2);
        assertThat(help.err()).contains("unknown command 'lod'; did you mean load?");
        // nothing close: no guess
        assertThat(cli("forecast", "--input", "a", "--output-dir", "b", "--zzzzzzzz").err()).doesNotContain("did you mean");
    }

    @Test
    void nearestNameIsATypoDistanceAway() {
        assertThat(HelpText.nearest("--horizn", List.of("--horizon", "--input"))).contains("--horizon");
        assertThat(HelpText.nearest("--vaildation", List.of("--validation", "--value-column"))).contains("--validation");
        assertThat(HelpText.nearest("--output", List.of("--input", "--horizon"))).isEmpty();
        assertThat(HelpText.distance("ab", "ba")).isEqualTo(1);
        assertThat(HelpText.wrap("a forecast.lp 10% b", 12)).isEqualTo("a%nforecast.lp%n10%% b");
    }

    @Test
    void theDemoExplainsItsHeadlineInPlainWords() {
        Map<String, Object> metrics = Map.of("series", List.of(Map.of(
                "validation", Map.of("points", 168.0, "mase_season", 24.0, "metrics", Map.of("mae", 0.5, "mase", 2.0)),
                "model", Map.of("parameters", Map.of("baseline", Map.of("model", "snaive(season=24)", "mase", 4.0))))));
        String text = Demo.explain(metricsJson(metrics)).orElseThrow().replace("\n  ", " ");
        assertThat(text).contains("over the 168 held-out points the forecast was off by 0.5 on average")
                .contains("one season (24 points) earlier").contains("(0.25)").contains("2 times that one-step error")
                .contains("scored MASE 4 on the same points, so this forecast's errors are 50% smaller.");
        assertThat(Demo.explain(metricsJson(Map.of("series", List.of(Map.of()))))).isEmpty();
    }

    /** A metrics.json with the given content (and an empty summary), read as the demo reads it. */
    private static io.jenkins.plugins.influxforecast.report.RunMetrics metricsJson(Map<String, Object> content) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(content);
        m.put("summary", Map.of());
        return io.jenkins.plugins.influxforecast.report.RunMetrics.parse(Json.toJson(m));
    }

    private static void assertNoFiles(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                assertThat(s.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
