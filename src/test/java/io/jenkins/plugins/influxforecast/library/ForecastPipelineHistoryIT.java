package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.cli.Main;
import io.jenkins.plugins.influxforecast.files.Json;
import io.jenkins.plugins.influxforecast.influx.InfluxServer;
import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step arguments forecastPipeline plans, run by the engine against a real InfluxDB 1.x, as the
 * steps run them (the engine options of each step's arguments, paths in the workspace, the
 * connection of the server, asOf the build's start): daily builds of two forecasts that read the
 * same measurement, over the bundled Seattle hourly temperature normals (NOAA), the actuals of each
 * day arriving between two builds, one build missed. The first build, with no history yet, scores
 * nothing and forecasts; later builds score the earlier runs of their own forecast only, and the
 * forecast reports that score as its live accuracy; backfill fills the missed build's slot.
 */
@Timeout(600)
class ForecastPipelineHistoryIT {

    @RegisterExtension
    static InfluxServer influx = InfluxServer.plain();

    static final String DB = "weather";
    static final Instant FIRST = Instant.parse("2010-03-01T00:00:00Z");
    static final TreeMap<Instant, Double> TEMPERATURE = new TreeMap<>();
    /** Step arguments whose values are files or folders of the workspace. */
    static final Set<String> PATHS = Set.of("output", "input", "actuals", "outputDir", "liveAccuracy");

    @TempDir
    static Path workspace;

    @BeforeAll
    static void data() throws IOException, InterruptedException {
        try (InputStream in = ForecastPipelineHistoryIT.class.getResourceAsStream(
                "/io/jenkins/plugins/influxforecast/demo/seattle-weather-hourly-normals.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                TEMPERATURE.put(LocalDateTime.parse(f[0]).toInstant(ZoneOffset.UTC), Double.parseDouble(f[2]));
            }
        }
        influx.createDatabase(DB);
        arrive(FIRST.minus(Duration.ofDays(30)), FIRST);
    }

    /** Writes the actuals in (from, to] to InfluxDB, as they would arrive. */
    static void arrive(Instant from, Instant to) throws IOException, InterruptedException {
        StringBuilder lp = new StringBuilder();
        TEMPERATURE.subMap(from, false, to, true).forEach((t, v) -> lp.append("temperature,site=seattle value=").append(v).append(' ')
                .append(t.getEpochSecond()).append("000000000\n"));
        influx.write(DB, lp.toString());
    }

    /** forecasts.yaml as of a build: the last two weeks up to its start (now() in a real job). */
    static String forecastsYaml(Instant asOf) {
        String query = "SELECT value FROM temperature WHERE site = 'seattle' AND time > '" + asOf.minus(Duration.ofDays(14))
                + "' AND time <= '" + asOf + "' GROUP BY site";
        return """
                server: influx-test
                schedule: "H 0 * * *"
                defaults:
                  model: ets
                  horizon: 24
                  validation: 48
                forecasts:
                  - name: seattle
                    query: "%s"
                    backfill: 1
                  - name: seattle-smooth
                    query: "%s"
                    smoothing: 3
                    field: yhat
                    score: {runs: 2, leadBuckets: "1,12,24", maxLiveMase: 50}
                """.formatted(query, query);
    }

    record Cli(int code, String out) {
    }

    /** One step of the plan as the step runs it: its engine options, the workspace, the server's connection. */
    @SuppressWarnings("unchecked")
    static Cli step(CommandDef command, Map<String, Object> forecast, String key, Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>();
        ((Map<String, Object>) forecast.get(key)).forEach((k, v) -> {
            if (command.option(k).isPresent()) {
                values.put(k, PATHS.contains(k) ? workspace.resolve((String) v).toString() : v);
            }
        });
        if (command.option("url").isPresent()) {
            values.putAll(Map.of("url", influx.url(), "database", DB, "proxy", "none"));
        }
        values.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Main.run(command.toArguments(values).toArray(String[]::new), print, print);
        return new Cli(code, out.toString(StandardCharsets.UTF_8));
    }

    /** One build as of {@code asOf}: every forecast's extract, score, forecast and load; the score steps' output by forecast. */
    @SuppressWarnings("unchecked")
    static Map<String, Cli> build(int number, Instant asOf) {
        Map<String, Object> plan = ForecastJob.plan(forecastsYaml(asOf), "forecasts.yaml", "weather");
        Map<String, Cli> scores = new LinkedHashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) plan.get("forecasts")) {
            Cli x = step(Commands.EXTRACT, f, "extract", Map.of());
            assertThat(x.code()).as(x.out()).isZero();
            Cli s = step(Commands.SCORE, f, "score", Map.of("asOf", asOf.toString()));
            // 3: live accuracy drifted or failed maxLiveMase (the score step marks the build UNSTABLE and the build goes on)
            assertThat(s.code()).as(s.out()).isIn(0, 3);
            scores.put((String) f.get("name"), s);
            Cli fc = step(Commands.FORECAST, f, "forecast", Map.of("asOf", asOf.toString(), "build", number));
            assertThat(fc.code()).as(fc.out()).isZero();
            Cli l = step(Commands.LOAD, f, "load", Map.of());
            assertThat(l.code()).as(l.out()).isZero();
        }
        return scores;
    }

    static Map<String, Object> json(String file) throws IOException {
        return Json.read(workspace.resolve(file));
    }

    @Test
    void theFirstBuildScoresNothingAndLaterBuildsScoreTheirOwnForecastsEarlierRuns() throws Exception {
        // build 1: no history yet; score succeeds with nothing scored, the forecast runs and starts the history
        Map<String, Cli> first = build(1, FIRST);
        assertThat(first.values()).extracting(Cli::code).containsExactly(0, 0);
        assertThat(first.get("seattle").out()).contains("0 run(s) scored").contains("nothing to write to seattle-accuracy");
        assertThat(json("forecasts/seattle/score/score.json")).containsEntry("runs_scored", 0.0)
                .containsEntry("history_measurement", "seattle-forecast-history");
        assertThat(influx.count(DB, "seattle-forecast-history", "value")).isEqualTo(24);
        // the smoothed forecast writes its own history, in its own field
        assertThat(influx.count(DB, "seattle-smooth-forecast-history", "yhat")).isEqualTo(24);

        // build 2, a day later: each forecast's first run is complete and scored against its own history
        arrive(FIRST, FIRST.plus(Duration.ofDays(1)));
        Map<String, Cli> second = build(2, FIRST.plus(Duration.ofDays(1)));
        // the smoothed forecast (a trailing mean lags the actuals) drifted from its backtest: exit 3, UNSTABLE in Jenkins
        assertThat(second.values()).extracting(Cli::code).containsExactly(0, 3);
        assertThat(second.get("seattle-smooth").out()).contains("DRIFT (above 1.500 x backtest)");
        for (String name : List.of("seattle", "seattle-smooth")) {
            Map<String, Object> score = json("forecasts/" + name + "/score/score.json");
            assertThat(score).as(name).containsEntry("runs_scored", 1.0).containsEntry("runs_complete", 1.0)
                    .containsEntry("accuracy_measurement", name + "-accuracy");
            assertThat(score.get("missed_runs")).as(name).isEqualTo(List.of());
            Map<?, ?> live = (Map<?, ?>) score.get("live");
            assertThat(live.get("mase")).as(name).isInstanceOf(Double.class);
            // the forecast reports the score it was given: metrics.json's live accuracy is score.json's
            Map<String, Object> metrics = json("forecasts/" + name + "/output/metrics.json");
            assertThat(((Map<?, ?>) ((Map<?, ?>) metrics.get("live")).get("live")).get("mase")).as(name).isEqualTo(live.get("mase"));
        }
        // the two histories stay apart although both forecasts read the same measurement
        assertThat(json("forecasts/seattle/score/score.json").get("live"))
                .isNotEqualTo(json("forecasts/seattle-smooth/score/score.json").get("live"));
        assertThat(influx.count(DB, "seattle-accuracy", "mase")).isPositive();
        assertThat(influx.count(DB, "seattle-smooth-accuracy", "mase")).isPositive();

        // the build of day 3 is missed; on day 4 score lists its slot (every: 24h from the schedule) and backfill fills it
        arrive(FIRST.plus(Duration.ofDays(1)), FIRST.plus(Duration.ofDays(3)));
        build(4, FIRST.plus(Duration.ofDays(3)));
        assertThat(json("forecasts/seattle/score/score.json")).containsEntry("every", "PT24H")
                .containsEntry("missed_runs", List.of(FIRST.plus(Duration.ofDays(2)).toString()));
        // this build's run and the missed one's: two more runs of 24 points in the history
        assertThat(influx.count(DB, "seattle-forecast-history", "value")).isEqualTo(4 * 24);
        // the smoothed forecast has no backfill: its missed slot stays a hole
        assertThat(influx.count(DB, "seattle-smooth-forecast-history", "yhat")).isEqualTo(3 * 24);
    }
}
