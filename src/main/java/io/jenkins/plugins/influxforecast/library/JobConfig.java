package io.jenkins.plugins.influxforecast.library;

import java.util.List;

/**
 * A recurring forecast job as forecasts.yaml describes it: when it runs, how much history Jenkins
 * keeps, and the forecasts, each run in its own pod.
 *
 * @param schedule     the cron spec without its time zone line ({@code H *}{@code /12 * * *})
 * @param timeZone     the time zone the schedule is read in (a {@link java.util.TimeZone} id)
 * @param keepBuilds   builds kept by the log rotator (numToKeep)
 * @param keepArtifacts builds whose artifacts are kept (artifactNumToKeep), or null for all kept builds
 * @param maxParallel  forecasts run at the same time; 0 for all at once
 * @param onFailure    the build result when a forecast fails: FAILURE or UNSTABLE
 * @param forecasts    the forecasts, in file order, names unique
 */
public record JobConfig(String schedule, String timeZone, int keepBuilds, Integer keepArtifacts, int maxParallel,
        String onFailure, List<ForecastConfig> forecasts) {

    public static final String DEFAULT_SCHEDULE = "H */12 * * *";
    public static final String DEFAULT_TIME_ZONE = "UTC";
    /** Argo's failedJobsHistoryLimit 3; Jenkins also always keeps the last successful build. */
    public static final int DEFAULT_KEEP_BUILDS = 3;

    public JobConfig {
        forecasts = List.copyOf(forecasts);
    }

    /** The spec of a {@code cron} trigger: the time zone line, then the schedule. */
    public String cronSpec() {
        return "TZ=" + timeZone + "\n" + schedule;
    }
}
