package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForecastsFileTest {

    private static JobConfig parse(String yaml) {
        return new ForecastsFile().parse(yaml, "forecasts.yaml");
    }

    private static final String MINIMAL = """
            server: influx-prod
            forecasts:
              - name: a
                query: SELECT value FROM a
            """;

    @Test
    void defaults() {
        JobConfig job = parse(MINIMAL);
        assertThat(job.schedule()).isEqualTo("H */12 * * *");
        assertThat(job.timeZone()).isEqualTo("UTC");
        assertThat(job.cronSpec()).isEqualTo("TZ=UTC\nH */12 * * *");
        assertThat(job.keepBuilds()).isEqualTo(3);
        assertThat(job.keepArtifacts()).isNull();
        assertThat(job.maxParallel()).isZero();
        assertThat(job.onFailure()).isEqualTo("FAILURE");
        ForecastConfig f = job.forecasts().get(0);
        assertThat(f.name()).isEqualTo("a");
        assertThat(f.server()).isEqualTo("influx-prod");
        assertThat(f.credentialsId()).isNull();
        assertThat(f.timeoutMinutes()).isEqualTo(60);
        // history on: each run kept in a history named after the forecast, the earlier runs scored
        assertThat(f.forecastOptions()).containsExactly(Map.entry("history", true),
                Map.entry("historyMeasurement", "a-forecast-history"), Map.entry("timeoutMinutes", 60));
        assertThat(f.extractOptions()).isEqualTo(Map.of("timeoutMinutes", 60));
        // every: the interval of the default schedule, H */12 * * *
        assertThat(f.scoreOptions()).containsExactly(Map.entry("timeoutMinutes", 60), Map.entry("every", "12h"));
        assertThat(f.pod().base()).isNull();
        assertThat(f.pod().engineImage()).isNull();
        assertThat(f.pod().nodeSelector()).isEmpty();
        assertThat(f.pod().tolerations()).isEmpty();
    }

    @Test
    void forecastsOverrideDefaultsAndMappingsMergeKeyByKey() {
        JobConfig job = parse("""
                server: influx-prod
                credentialsId: ro
                defaults:
                  model: ets
                  frequency: 1h
                  validation: 0.25
                  tags: {source: jenkins, team: mobility}
                  nodeSelector: {kubernetes.io/arch: arm64}
                  resources:
                    requests: {cpu: 250m, memory: 512Mi}
                    limits: {memory: 1Gi}
                forecasts:
                  - name: a
                    query: q1
                  - name: b
                    query: q2
                    server: influx-test
                    credentialsId: rw
                    model: theta
                    validation: 168
                    horizon: "48"
                    tags: {team: parking}
                    nodeSelector: {node-size: large}
                    resources:
                      requests: {memory: 4Gi}
                      limits: {memory: 6Gi}
                """);
        ForecastConfig a = job.forecasts().get(0);
        assertThat(a.credentialsId()).isEqualTo("ro");
        assertThat(a.forecastOptions()).containsEntry("model", "ets").containsEntry("frequency", "1h")
                .containsEntry("validation", "0.25").containsEntry("tags", List.of("source=jenkins", "team=mobility"));
        assertThat(a.pod().requests()).isEqualTo(Map.of("cpu", "250m", "memory", "512Mi"));

        ForecastConfig b = job.forecasts().get(1);
        assertThat(b.server()).isEqualTo("influx-test");
        assertThat(b.credentialsId()).isEqualTo("rw");
        assertThat(b.forecastOptions()).containsEntry("model", "theta").containsEntry("validation", "168")
                .containsEntry("horizon", 48).containsEntry("tags", List.of("source=jenkins", "team=parking"));
        assertThat(b.pod().nodeSelector()).isEqualTo(Map.of("kubernetes.io/arch", "arm64", "node-size", "large"));
        assertThat(b.pod().requests()).isEqualTo(Map.of("cpu", "250m", "memory", "4Gi"));
        assertThat(b.pod().limits()).isEqualTo(Map.of("memory", "6Gi"));
    }

    @Test
    void everyForecastOptionOfTheEngineIsAccepted() {
        JobConfig job = parse("""
                server: s
                forecasts:
                  - name: a
                    query: q
                    model: snaive(season=144)
                    horizon: 144
                    validation: 0
                    frequency: PT10M
                    smoothing: 3
                    fill: previous
                    maxGap: 12
                    format: influx1
                    timeColumn: time
                    valueColumn: value
                    measurement: m
                    field: yhat
                    tags: [a=b]
                    levels: "80,95"
                    history: true
                    historyMeasurement: m-history
                    backfill: 2
                    maxMase: 1
                    maxSmape: 25.5
                    failOnQualityGate: true
                    maxRamPercentage: 60
                    timeoutMinutes: 15
                """);
        assertThat(job.forecasts().get(0).forecastOptions()).containsExactly(
                Map.entry("model", "snaive(season=144)"), Map.entry("horizon", 144), Map.entry("validation", "0"),
                Map.entry("frequency", "PT10M"), Map.entry("smoothing", 3), Map.entry("fill", "previous"),
                Map.entry("maxGap", 12), Map.entry("format", "influx1"), Map.entry("timeColumn", "time"),
                Map.entry("valueColumn", "value"), Map.entry("measurement", "m"), Map.entry("field", "yhat"),
                Map.entry("tags", List.of("a=b")), Map.entry("levels", "80,95"), Map.entry("history", true),
                Map.entry("historyMeasurement", "m-history"), Map.entry("backfill", 2), Map.entry("maxMase", 1.0),
                Map.entry("maxSmape", 25.5), Map.entry("failOnQualityGate", true), Map.entry("timeoutMinutes", 15),
                Map.entry("maxRamPercentage", 60));
        assertThat(job.forecasts().get(0).loadOptions())
                .isEqualTo(Map.of("timeoutMinutes", 15, "maxRamPercentage", 60));
    }

    @Test
    void extractAndLoadSectionsPassFurtherStepParameters() {
        ForecastConfig f = parse("""
                server: s
                forecasts:
                  - name: a
                    query: q
                    extract: {chunkSize: 5000, valueColumn: mean}
                    load: {batchSize: 1000, dryRun: true, timeoutMinutes: 5, precision: s, ignoreQualityGate: true}
                """).forecasts().get(0);
        assertThat(f.extractOptions()).isEqualTo(Map.of("timeoutMinutes", 60, "chunkSize", 5000, "valueColumn", "mean"));
        assertThat(f.loadOptions()).isEqualTo(Map.of("timeoutMinutes", 5, "batchSize", 1000, "dryRun", true, "precision", "s",
                "ignoreQualityGate", true));
    }

    @Test
    void theScoreSectionPassesScoreParametersAndBackfillNeedsTheHistory() {
        JobConfig job = parse("""
                server: s
                schedule: "H */6 * * *"
                defaults:
                  score: {runs: 3, lookback: 14d}
                forecasts:
                  - name: a
                    query: q
                    backfill: 4
                    field: yhat
                    score:
                      maxLiveMase: 1.2
                      driftFactor: 2
                      leadBuckets: "1,6,24"
                      accuracyMeasurement: a-live
                      timeoutMinutes: 10
                      maxRamPercentage: 40
                  - name: b
                    query: q
                    history: false
                  - name: c
                    query: q
                    historyMeasurement: c-vintages
                    score: {every: 1d, lookback: 60d}
                """);
        ForecastConfig a = job.forecasts().get(0);
        assertThat(a.forecastOptions()).containsEntry("history", true).containsEntry("historyMeasurement", "a-forecast-history")
                .containsEntry("backfill", 4).containsEntry("field", "yhat");
        // the defaults' section merged key by key with the forecast's; the launch options first, as for the other steps
        assertThat(a.scoreOptions()).containsExactly(Map.entry("timeoutMinutes", 10), Map.entry("runs", 3),
                Map.entry("lookback", "14d"), Map.entry("maxLiveMase", 1.2), Map.entry("driftFactor", 2.0),
                Map.entry("leadBuckets", "1,6,24"), Map.entry("accuracyMeasurement", "a-live"),
                Map.entry("maxRamPercentage", 40), Map.entry("every", "6h"));

        // history: false: no history written, nothing scored; the defaults' score section does not apply
        ForecastConfig b = job.forecasts().get(1);
        assertThat(b.scoreOptions()).isNull();
        assertThat(b.forecastOptions()).doesNotContainKeys("history", "historyMeasurement", "backfill", "liveAccuracy");

        // an every of its own wins over the schedule's; a history measurement of its own is kept
        ForecastConfig c = job.forecasts().get(2);
        assertThat(c.forecastOptions()).containsEntry("historyMeasurement", "c-vintages").doesNotContainKey("backfill");
        assertThat(c.scoreOptions()).containsEntry("every", "1d").containsEntry("lookback", "60d").containsEntry("runs", 3);
    }

    @Test
    void backfillIsBoundedAsTheForecastCommandBoundsIt() {
        assertThat(ForecastsFile.MAX_BACKFILL).isEqualTo(io.jenkins.plugins.influxforecast.pipeline.ForecastRequest.MAX_BACKFILL);
    }

    @Test
    void historyOffInTheDefaultsDropsTheDefaultsScoreAndBackfill() {
        JobConfig job = parse("""
                server: s
                defaults: {history: false, backfill: 2, score: {runs: 2}}
                forecasts:
                  - {name: a, query: q}
                  - {name: b, query: q, history: true}
                """);
        assertThat(job.forecasts().get(0).scoreOptions()).isNull();
        assertThat(job.forecasts().get(0).forecastOptions()).doesNotContainKeys("history", "backfill");
        assertThat(job.forecasts().get(1).scoreOptions()).containsEntry("runs", 2).containsEntry("every", "12h");
        assertThat(job.forecasts().get(1).forecastOptions()).containsEntry("history", true).containsEntry("backfill", 2);
    }

    @Test
    void aFluxOrAStructuredQueryInsteadOfInfluxQl() {
        JobConfig job = parse("""
                server: s
                forecasts:
                  - name: flux
                    flux: |
                      from(bucket:"parking") |> range(start: -28d)
                  - name: structured
                    extract:
                      measurement: parkingplace
                      field: spaces
                      where: {name: P+R Noord}
                      aggregate: mean
                      window: 10m
                      start: 28d
                      last: 4038
                      groupBy: [name]
                """);
        ForecastConfig flux = job.forecasts().get(0);
        assertThat(flux.query()).isNull();
        assertThat(flux.flux()).isEqualTo("from(bucket:\"parking\") |> range(start: -28d)\n");
        ForecastConfig structured = job.forecasts().get(1);
        assertThat(structured.query()).isNull();
        assertThat(structured.flux()).isNull();
        assertThat(structured.extractOptions()).containsExactly(Map.entry("timeoutMinutes", 60),
                Map.entry("measurement", "parkingplace"), Map.entry("field", "spaces"),
                Map.entry("where", List.of("name=P+R Noord")), Map.entry("aggregate", "mean"), Map.entry("window", "10m"),
                Map.entry("start", "28d"), Map.entry("last", 4038), Map.entry("groupBy", List.of("name")));
    }

    @Test
    void jobSettings() {
        JobConfig job = parse("""
                schedule: |
                  # twice on working days
                  H 6 * * 1-5
                  H 18 * * 1-5
                timeZone: Europe/Amsterdam
                keepBuilds: 60
                keepArtifacts: 10
                maxParallel: 4
                onFailure: UNSTABLE
                server: s
                forecasts: [{name: a, query: q}]
                """);
        assertThat(job.cronSpec()).isEqualTo("TZ=Europe/Amsterdam\n# twice on working days\nH 6 * * 1-5\nH 18 * * 1-5");
        assertThat(job.keepBuilds()).isEqualTo(60);
        assertThat(job.keepArtifacts()).isEqualTo(10);
        assertThat(job.maxParallel()).isEqualTo(4);
        assertThat(job.onFailure()).isEqualTo("UNSTABLE");
        assertThat(parse("schedule: '@daily'\nserver: s\nforecasts: [{name: a, query: q}]").schedule()).isEqualTo("@daily");
    }

    @Test
    void podSettings() {
        ForecastConfig f = parse("""
                server: s
                pod:
                  apiVersion: v1
                  kind: Pod
                  spec:
                    containers: [{name: jnlp}]
                forecasts:
                  - name: a
                    query: q
                    engineImage: registry.example.com/influx-forecast:1.0
                    tolerations:
                      - {key: dedicated, value: forecasting, effect: NoSchedule}
                      - {operator: Exists, effect: NoExecute, tolerationSeconds: 60}
                """).forecasts().get(0);
        assertThat(f.pod().base()).containsKey("spec");
        assertThat(f.pod().engineImage()).isEqualTo("registry.example.com/influx-forecast:1.0");
        assertThat(f.pod().tolerations()).containsExactly(
                Map.of("key", "dedicated", "operator", "Equal", "value", "forecasting", "effect", "NoSchedule"),
                Map.of("operator", "Exists", "effect", "NoExecute", "tolerationSeconds", 60));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown setting         | "server: s\\nschedul: x\\nforecasts: [{name: a, query: q}]"        | "forecasts.yaml: schedul is not a known setting; allowed: credentialsId, defaults, forecasts"
            typo in a forecast      | "server: s\\nforecasts: [{name: a, query: q, horizn: 3}]"           | "forecasts.yaml: forecasts[0] (a).horizn is not a known setting; allowed: backfill, credentialsId, engineImage, extract, failOnQualityGate, field, fill, flux, format, frequency, history, historyMeasurement, horizon, levels"
            no forecasts            | "server: s"                                                         | "forecasts.yaml: forecasts is required: a list with at least one forecast"
            empty forecasts         | "server: s\\nforecasts: []"                                         | "forecasts.yaml: forecasts is required: a list with at least one forecast"
            forecasts not a list    | "server: s\\nforecasts: {name: a}"                                  | "forecasts.yaml: forecasts must be a list (lines starting with '- '), got a mapping"
            not a mapping           | "- a\\n- b"                                                         | "forecasts.yaml: the top level must be a mapping (key: value lines), got a list"
            missing name            | "server: s\\nforecasts: [{query: q}]"                               | "forecasts.yaml: forecasts[0].name is required"
            bad name                | "server: s\\nforecasts: [{name: Parking_Noord, query: q}]"          | "forecasts.yaml: forecasts[0] (Parking_Noord).name 'Parking_Noord' must be lower-case letters, digits and '-'"
            duplicate name          | "server: s\\nforecasts: [{name: a, query: q}, {name: a, query: r}]" | "forecasts.yaml: forecasts[1] (a).name 'a' is used twice; names must be unique"
            missing server          | "forecasts: [{name: a, query: q}]"                                  | "forecasts.yaml: forecasts[0] (a).server is required: the name of an InfluxDB server configured in Jenkins"
            missing query           | "server: s\\nforecasts: [{name: a}]"                                | "forecasts.yaml: forecasts[0] (a).query is required"
            bad frequency           | "server: s\\nforecasts: [{name: a, query: q, frequency: 10 parsecs}]" | "forecasts.yaml: forecasts[0] (a).frequency: frequency '10 parsecs' is not understood; allowed:"
            bad model               | "server: s\\nforecasts: [{name: a, query: q, model: 'ets(alpha=0.5'}]" | "forecasts.yaml: forecasts[0] (a).model 'ets(alpha=0.5':"
            unknown model           | "server: s\\nforecasts: [{name: a, query: q, model: fftt}]"          | "forecasts.yaml: forecasts[0] (a).model 'fftt': unknown model 'fftt'; allowed: arima, auto, autoarima,"
            unknown model parameter | "server: s\\nforecasts: [{name: a, query: q, model: 'ets(sesaon=24)'}]" | "forecasts.yaml: forecasts[0] (a).model 'ets(sesaon=24)':"
            model in defaults       | "server: s\\ndefaults: {model: 'auto(etss)'}\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).model 'auto(etss)':"
            no shards               | "server: s\\nforecasts: [{name: a, query: q, shards: 0}]"          | "forecasts.yaml: forecasts[0] (a).shards must be a whole number >= 1, got 0"
            too many shards         | "server: s\\nforecasts: [{name: a, query: q, shards: 101}]"        | "forecasts.yaml: forecasts[0] (a).shards must be between 1 and 100 (one pod each), got 101"
            shard in extract        | "server: s\\nforecasts: [{name: a, query: q, extract: {shard: 1/2}}]" | "forecasts.yaml: forecasts[0] (a).extract.shard is set by the library; write forecasts[0] (a).shards: N for N pods that share the series"
            bad podMerge            | "server: s\\npod: {spec: {}}\\npodMerge: overlay\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).podMerge must be merge (the pod is merged into the library's default pod) or replace (it replaces it), got 'overlay'"
            podMerge without pod    | "server: s\\nforecasts: [{name: a, query: q, podMerge: replace}]"  | "forecasts.yaml: forecasts[0] (a).podMerge applies to a pod: give pod too"
            container without name  | "server: s\\npod: {spec: {containers: [{image: busybox}]}}\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).pod.spec.containers[0].name is required: containers are merged by name"
            container twice         | "server: s\\npod: {spec: {containers: [{name: x}, {name: x}]}}\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).pod.spec.containers[1].name 'x' is used twice in forecasts[0] (a).pod.spec.containers"
            pod with a status       | "server: s\\npod: {spec: {}, status: {}}\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).pod.status is not a known setting; allowed: apiVersion, kind, metadata, spec"
            horizon not a number    | "server: s\\nforecasts: [{name: a, query: q, horizon: one day}]"    | "forecasts.yaml: forecasts[0] (a).horizon must be a whole number"
            gate not a number       | "server: s\\nforecasts: [{name: a, query: q, maxMase: low}]"        | "forecasts.yaml: forecasts[0] (a).maxMase must be a number, got 'low'"
            gate flag not boolean   | "server: s\\nforecasts: [{name: a, query: q, failOnQualityGate: maybe}]" | "forecasts.yaml: forecasts[0] (a).failOnQualityGate must be true or false, got 'maybe'"
            tags not values         | "server: s\\nforecasts: [{name: a, query: q, tags: {x: [1, 2]}}]"   | "forecasts.yaml: forecasts[0] (a).tags.x must be a single value, got a list"
            bad time zone           | "timeZone: Mars/Olympus\\nserver: s\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: timeZone 'Mars/Olympus' is not a time zone id"
            TZ in schedule          | "schedule: |\\n  TZ=UTC\\n  0 * * * *\\nserver: s\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: schedule must not set TZ=; use the timeZone setting"
            short schedule          | "schedule: 0 */12 * *\\nserver: s\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: schedule line '0 */12 * *' must have 5 fields"
            empty schedule          | "schedule: '# none'\\nserver: s\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: schedule has no entry"
            bad onFailure           | "onFailure: ignore\\nserver: s\\nforecasts: [{name: a, query: q}]"  | "forecasts.yaml: onFailure must be failure or unstable, got 'ignore'"
            keepBuilds zero         | "keepBuilds: 0\\nserver: s\\nforecasts: [{name: a, query: q}]"      | "forecasts.yaml: keepBuilds must be a whole number >= 1, got 0"
            negative maxParallel    | "maxParallel: -1\\nserver: s\\nforecasts: [{name: a, query: q}]"    | "forecasts.yaml: maxParallel must be a whole number >= 0, got -1"
            timeout too long        | "server: s\\nforecasts: [{name: a, query: q, timeoutMinutes: 2000}]" | "forecasts.yaml: forecasts[0] (a).timeoutMinutes must be at most 1440 (24 hours), got 2000"
            heap share too big      | "server: s\\nforecasts: [{name: a, query: q, maxRamPercentage: 99}]" | "forecasts.yaml: forecasts[0] (a).maxRamPercentage must be between 1 and 95, got 99"
            bad quantity            | "server: s\\nforecasts: [{name: a, query: q, resources: {limits: {memory: 2GB}}}]" | "forecasts.yaml: forecasts[0] (a).resources.limits.memory must be a Kubernetes quantity such as 500m, 2, 1536Mi or 2Gi, got '2GB'"
            limit below request     | "server: s\\nforecasts: [{name: a, query: q, resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}}]" | "forecasts.yaml: forecasts[0] (a).resources.limits.memory (1Gi) is below forecasts[0] (a).resources.requests.memory (2Gi)"
            unknown resource        | "server: s\\nforecasts: [{name: a, query: q, resources: {limits: {ram: 1Gi}}}]" | "forecasts.yaml: forecasts[0] (a).resources.limits.ram is not a resource"
            resources typo          | "server: s\\nforecasts: [{name: a, query: q, resources: {limit: {memory: 1Gi}}}]" | "forecasts.yaml: forecasts[0] (a).resources.limit is not a known setting; allowed: limits, requests"
            bad toleration effect   | "server: s\\nforecasts: [{name: a, query: q, tolerations: [{key: k, effect: Never}]}]" | "forecasts.yaml: forecasts[0] (a).tolerations[0].effect must be one of NoExecute, NoSchedule, PreferNoSchedule, got 'Never'"
            Exists with a value     | "server: s\\nforecasts: [{name: a, query: q, tolerations: [{key: k, operator: Exists, value: v}]}]" | "forecasts.yaml: forecasts[0] (a).tolerations[0].value must be empty when operator is Exists"
            query in extract        | "server: s\\nforecasts: [{name: a, query: q, extract: {query: r}}]" | "forecasts.yaml: forecasts[0] (a).extract.query is set by the library; write it as forecasts[0] (a).query"
            output in extract       | "server: s\\nforecasts: [{name: a, query: q, extract: {output: x.csv}}]" | "forecasts.yaml: forecasts[0] (a).extract.output is set by the library; it is the forecast's folder"
            unknown load parameter  | "server: s\\nforecasts: [{name: a, query: q, load: {batch: 10}}]"    | "forecasts.yaml: forecasts[0] (a).load.batch is not a parameter of influxLoad; allowed: batchSize, bucket, caFile, concurrency, connectTimeout, database, dryRun, ignoreQualityGate, influxVersion, installedEngine, maxRamPercentage, noGzip, org, precision, proxy, retentionPolicy, retries, retryBackoff, summary, timeout, timeoutMinutes, unstableOnFailure, url, username"
            unknown extract param   | "server: s\\nforecasts: [{name: a, query: q, extract: {chunk: 10}}]"  | "forecasts.yaml: forecasts[0] (a).extract.chunk is not a parameter of influxExtract; allowed: aggregate, asOf, bucket, caFile, chunkSize,"
            extract param typed     | "server: s\\nforecasts: [{name: a, query: q, extract: {chunkSize: lots}}]" | "forecasts.yaml: forecasts[0] (a).extract.chunkSize must be a whole number"
            mapping in load         | "server: s\\nforecasts: [{name: a, query: q, load: {precision: {y: 1}}}]" | "forecasts.yaml: forecasts[0] (a).load.precision must be a single value, got a mapping"
            flux in extract         | "server: s\\nforecasts: [{name: a, query: q, extract: {flux: r}}]"  | "forecasts.yaml: forecasts[0] (a).extract.flux is set by the library; write it as forecasts[0] (a).flux"
            query and flux          | "server: s\\nforecasts: [{name: a, query: q, flux: r}]"              | "forecasts.yaml: forecasts[0] (a) must give one query: query, flux or extract.measurement, got query and flux"
            query and structured    | "server: s\\nforecasts: [{name: a, query: q, extract: {measurement: m}}]" | "forecasts.yaml: forecasts[0] (a) must give one query: query, flux or extract.measurement, got query and extract.measurement"
            pod of another kind     | "server: s\\npod: {kind: Deployment, spec: {}}\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).pod.kind must be Pod, got 'Deployment'"
            pod without spec        | "server: s\\npod: {kind: Pod}\\npodMerge: replace\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: forecasts[0] (a).pod.spec is required with podMerge: replace"
            name in defaults        | "server: s\\ndefaults: {name: x}\\nforecasts: [{name: a, query: q}]" | "forecasts.yaml: defaults.name is not a known setting"
            engine image with space | "server: s\\nforecasts: [{name: a, query: q, engineImage: 'my image'}]" | "forecasts.yaml: forecasts[0] (a).engineImage must be an image name without spaces, got 'my image'"
            broken YAML             | "server: s\\nforecasts:\\n  - name: a\\n   query: q"                 | "forecasts.yaml: forecasts.yaml is not valid YAML at line 4, column 4"
            duplicate key           | "server: s\\nserver: t\\nforecasts: [{name: a, query: q}]"          | "forecasts.yaml: forecasts.yaml is not valid YAML at line 2, column 1: found duplicate key server"
            Java object tag         | "server: !!javax.script.ScriptEngineManager []\\nforecasts: []"     | "forecasts.yaml: forecasts.yaml is not valid YAML at line 1, column 9: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager"
            history not a boolean   | "server: s\\nforecasts: [{name: a, query: q, history: sometimes}]" | "forecasts.yaml: forecasts[0] (a).history must be true or false, got 'sometimes'"
            score not a mapping     | "server: s\\nforecasts: [{name: a, query: q, score: 3}]"          | "forecasts.yaml: forecasts[0] (a).score must be a mapping (key: value lines), got 3"
            unknown score parameter | "server: s\\nforecasts: [{name: a, query: q, score: {runz: 3}}]" | "forecasts.yaml: forecasts[0] (a).score.runz is not a parameter of score; allowed: accuracyMeasurement, bucket, caFile, connectTimeout, database, driftFactor, every, influxVersion, installedEngine, leadBuckets, lookback, maxLiveMase, maxRamPercentage, org, proxy, retentionPolicy, retries, retryBackoff, runs, timeout, timeoutMinutes, url, username"
            score runs zero         | "server: s\\nforecasts: [{name: a, query: q, score: {runs: 0}}]" | "forecasts.yaml: forecasts[0] (a).score.runs must be a whole number >= 1, got 0"
            score runs not a number | "server: s\\nforecasts: [{name: a, query: q, score: {runs: many}}]" | "forecasts.yaml: forecasts[0] (a).score.runs must be a whole number"
            drift factor negative   | "server: s\\nforecasts: [{name: a, query: q, score: {driftFactor: -1}}]" | "forecasts.yaml: forecasts[0] (a).score.driftFactor must be a number > 0, got -1.0"
            live gate not a number  | "server: s\\nforecasts: [{name: a, query: q, score: {maxLiveMase: high}}]" | "forecasts.yaml: forecasts[0] (a).score.maxLiveMase must be a number, got 'high'"
            live gate zero          | "server: s\\nforecasts: [{name: a, query: q, score: {maxLiveMase: 0}}]" | "forecasts.yaml: forecasts[0] (a).score.maxLiveMase must be a number > 0, got 0.0"
            bad lookback            | "server: s\\nforecasts: [{name: a, query: q, score: {lookback: a month}}]" | "forecasts.yaml: forecasts[0] (a).score.lookback must be a duration such as 500ms, 30s, 5m, 2h or 7d, got 'a month'"
            zero lookback           | "server: s\\nforecasts: [{name: a, query: q, score: {lookback: 0d}}]" | "forecasts.yaml: forecasts[0] (a).score.lookback must be at least 1s, got '0d'"
            bad every               | "server: s\\nforecasts: [{name: a, query: q, score: {every: twice a day}}]" | "forecasts.yaml: forecasts[0] (a).score.every must be a duration such as 500ms, 30s, 5m, 2h or 7d, got 'twice a day'"
            bad lead buckets        | "server: s\\nforecasts: [{name: a, query: q, score: {leadBuckets: '6,1'}}]" | "forecasts.yaml: forecasts[0] (a).score.leadBuckets '6,1': leadBuckets must be ascending"
            actuals in score        | "server: s\\nforecasts: [{name: a, query: q, score: {actuals: x.csv}}]" | "forecasts.yaml: forecasts[0] (a).score.actuals is set by the library; the actuals are the extract's output"
            name in score           | "server: s\\nforecasts: [{name: a, query: q, score: {name: b}}]" | "forecasts.yaml: forecasts[0] (a).score.name is set by the library; it is the forecast's name"
            history name in score   | "server: s\\nforecasts: [{name: a, query: q, score: {historyMeasurement: h}}]" | "forecasts.yaml: forecasts[0] (a).score.historyMeasurement is set by the library; write it as forecasts[0] (a).historyMeasurement"
            asOf in score           | "server: s\\nforecasts: [{name: a, query: q, score: {asOf: '2024-01-01T00:00:00Z'}}]" | "forecasts.yaml: forecasts[0] (a).score.asOf is set by the library; it is the build's start, as for the forecast"
            outputDir in score      | "server: s\\nforecasts: [{name: a, query: q, score: {outputDir: s}}]" | "forecasts.yaml: forecasts[0] (a).score.outputDir is set by the library; it is the forecast's folder"
            score without history   | "server: s\\nforecasts: [{name: a, query: q, history: false, score: {runs: 2}}]" | "forecasts.yaml: forecasts[0] (a).score needs the forecast history, but forecasts[0] (a).history is false; drop score or history: false"
            backfill without history | "server: s\\nforecasts: [{name: a, query: q, history: false, backfill: 2}]" | "forecasts.yaml: forecasts[0] (a).backfill needs the forecast history, but forecasts[0] (a).history is false; drop backfill or history: false"
            backfill too many       | "server: s\\nforecasts: [{name: a, query: q, backfill: 11}]"      | "forecasts.yaml: forecasts[0] (a).backfill must be between 0 and 10 (missed builds filled per build), got 11"
            backfill negative       | "server: s\\nforecasts: [{name: a, query: q, backfill: -1}]"      | "forecasts.yaml: forecasts[0] (a).backfill must be between 0 and 10 (missed builds filled per build), got -1"
            backfill not a number   | "server: s\\nforecasts: [{name: a, query: q, backfill: all}]"     | "forecasts.yaml: forecasts[0] (a).backfill must be a whole number"
            backfill, odd schedule  | "schedule: H 6 * * 1-5\\nserver: s\\nforecasts: [{name: a, query: q, backfill: 2}]" | "forecasts.yaml: forecasts[0] (a).backfill 2 needs the interval between the builds, and the schedule 'H 6 * * 1-5' has no single one: give forecasts[0] (a).score.every, such as 12h"
            liveAccuracy set by us  | "server: s\\nforecasts: [{name: a, query: q, liveAccuracy: s.json}]" | "forecasts.yaml: forecasts[0] (a).liveAccuracy is not a known setting"
            empty file              | "   "                                                               | "forecasts.yaml: forecasts.yaml is empty; it needs at least a list of forecasts"
            """)
    void errors(String name, String yaml, String message) {
        String text = yaml.replace("\\n", "\n");
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
