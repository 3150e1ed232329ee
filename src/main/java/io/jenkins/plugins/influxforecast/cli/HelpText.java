package io.jenkins.plugins.influxforecast.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line's help says beyond the option definitions: the examples that end each
 * command's {@code --help}, text wrapped at spaces only (picocli's own wrapping breaks after a dot,
 * so {@code forecast.lp} came out as {@code forecast.} and {@code lp} on two lines), and the nearest
 * known name for a misspelt option or command.
 */
final class HelpText {

    /** The width of picocli's usage message. */
    static final int WIDTH = 80;
    /** The width of the option description column of picocli's default layout at {@link #WIDTH}. */
    static final int OPTION_COLUMN = 52;

    private static final String JAR = "java -jar influx-forecast-cli.jar";

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "forecast", List.of(
                    "# auto model, 20% held out for scoring, one day of 10-minute points ahead",
                    JAR + " forecast --input in.csv --output-dir out \\",
                    "    --horizon 144",
                    "# a fixed model on hourly data, the last week held out",
                    JAR + " forecast --input in.csv --output-dir out \\",
                    "    --model 'ets(season=24)' --validation 168 --horizon 48"),
            "demo", List.of(
                    JAR + " demo",
                    JAR + " demo --model theta --output-dir theta-demo"),
            "extract", List.of(
                    "# the mean of a field per 10 minutes over 28 days (password: INFLUX_PASSWORD)",
                    JAR + " extract --url http://influxdb:8086 \\",
                    "    --database parking --username forecast --measurement parkingplace \\",
                    "    --field spaces --aggregate mean --window 10m --start 28d --output in.csv",
                    "# a raw read-only InfluxQL query kept in a file",
                    JAR + " extract --url http://influxdb:8086 \\",
                    "    --database telegraf --query-file cpu.influxql --output cpu.csv"),
            "load", List.of(
                    "# check the file without writing, then write it (password: INFLUX_PASSWORD)",
                    JAR + " load --url http://influxdb:8086 \\",
                    "    --database parking --username forecast --input out/forecast.lp --dry-run",
                    JAR + " load --url http://influxdb:8086 \\",
                    "    --database parking --username forecast --input out/forecast.lp"),
            "score", List.of(
                    "# score the earlier runs of forecast 'parking' on the actuals just extracted",
                    JAR + " score --url http://influxdb:8086 \\",
                    "    --database parking --username forecast --name parking \\",
                    "    --actuals in.csv --output-dir score",
                    "# then show the live accuracy in the forecast's report, and keep its history",
                    JAR + " forecast --input in.csv --output-dir out \\",
                    "    --horizon 144 --history --live-accuracy score/score.json"),
            "version", List.of(JAR + " version"));

    private static final Map<String, String> SUMMARIES = Map.of(
            "forecast", "Forecast series from a CSV file; write forecast and report files.",
            "demo", "Forecast a bundled public series one week ahead.",
            "extract", "Read series from InfluxDB into the forecast's input CSV.",
            "load", "Validate a line-protocol file, then write it to InfluxDB.",
            "score", "Score past forecasts against the actuals that arrived; flag drift.");

    private HelpText() {
    }

    /** The one-line summary of a command, for the command list of the top-level help. */
    static String summary(String command) {
        return SUMMARIES.getOrDefault(command, "");
    }

    /** The examples of a command, as lines. */
    static List<String> examples(String command) {
        return EXAMPLES.getOrDefault(command, List.of());
    }

    /**
     * Text for picocli, which reads it as a format string: wrapped at spaces to {@code width}
     * columns (a word longer than the width stays whole), lines joined by {@code %n}, and every
     * literal {@code %} doubled.
     */
    static String wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return String.join("%n", lines.stream().map(l -> l.replace("%", "%%")).toList());
    }

    /**
     * The known name closest to {@code typed} (by edit distance, ignoring case and anything after an
     * {@code =}), when it is close enough to be a likely typo.
     */
    static Optional<String> nearest(String typed, Collection<String> known) {
        String t = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        t = t.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        String core = t.replaceFirst("^-+", "");
        int allowed = Math.max(2, core.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
