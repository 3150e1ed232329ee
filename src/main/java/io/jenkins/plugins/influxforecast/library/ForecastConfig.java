package io.jenkins.plugins.influxforecast.library;

import java.util.List;
import java.util.Map;

/**
 * One forecast of forecasts.yaml, with the defaults applied and every value checked.
 *
 * @param name            unique name: a DNS label, used for the stage, the folder and the pod label
 * @param server          the InfluxDB server configured in Jenkins by this name
 * @param credentialsId   Jenkins credentials for it, or null for the server's own
 * @param query           the InfluxQL query that extracts the series, or null
 * @param flux            the Flux query that extracts the series (InfluxDB 2.x), or null; without
 *                        either, the extract options hold a structured query
 * @param forecastOptions parameters of the {@code forecast} step, typed: the engine options of
 *                        Commands.FORECAST (input and output folder excluded), the quality gate and
 *                        the launch options (timeoutMinutes, maxRamPercentage)
 * @param extractOptions  further parameters of {@code influxExtract}: launch options and the
 *                        forecast's {@code extract} section
 * @param loadOptions     further parameters of {@code influxLoad}: launch options and the
 *                        forecast's {@code load} section
 * @param scoreOptions    further parameters of {@code score}: launch options, the schedule's interval
 *                        ({@code every}) and the forecast's {@code score} section; null when the
 *                        forecast keeps no history ({@code history: false}), so nothing is scored
 * @param timeoutMinutes  the limit for the whole forecast: pod start, retries and the three steps
 * @param pod             where and how big its pod is
 * @param shards          pods sharing the series of the query (1: one pod with every series)
 */
public record ForecastConfig(String name, String server, String credentialsId, String query, String flux,
        Map<String, Object> forecastOptions, Map<String, Object> extractOptions, Map<String, Object> loadOptions,
        Map<String, Object> scoreOptions, int timeoutMinutes, PodSettings pod, int shards) {
    public ForecastConfig {
        forecastOptions = forecastOptions == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(forecastOptions));
        extractOptions = extractOptions == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extractOptions));
        loadOptions = loadOptions == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loadOptions));
        scoreOptions = scoreOptions == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scoreOptions));
    }

    /**
     * @param base         a pod manifest merged into the library's default (or replacing it), or null
     * @param engineImage  an image holding the engine jar, run as container {@code engine}, or null to run
     *                     the engine in the agent container
     * @param nodeSelector node labels the pod must land on (merged over the base pod's)
     * @param requests     resource requests of the container running the engine
     * @param limits       resource limits of the container running the engine
     * @param tolerations  tolerations added to the base pod's
     * @param replace      true: {@code base} replaces the default pod; false: it is merged into it as
     *                     the Kubernetes plugin's {@code merge()} does (see {@link PodMerge})
     */
    public record PodSettings(Map<String, Object> base, String engineImage, Map<String, String> nodeSelector,
            Map<String, String> requests, Map<String, String> limits, List<Map<String, Object>> tolerations,
            boolean replace) {
        public PodSettings {
            base = base == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(base));
            nodeSelector = nodeSelector == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeSelector));
            requests = requests == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requests));
            limits = limits == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limits));
            tolerations = tolerations == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tolerations));
        }
    }
}
