package io.jenkins.plugins.influxforecast.library;

import java.util.Set;
import java.util.TreeSet;

/** The settings the shared library accepts, for its help (vars/*.txt) and the test that checks it. */
public final class LibrarySettings {

    private LibrarySettings() {
    }

    /** Job-level settings of forecasts.yaml. */
    public static Set<String> jobSettings() {
        return new TreeSet<>(ForecastsFile.JOB_KEYS);
    }

    /** Settings of one forecast (also allowed under defaults, except name). */
    public static Set<String> forecastSettings() {
        return new TreeSet<>(new ForecastsFile().forecastKeys());
    }

    /** Parameters of forecastPod. */
    public static Set<String> podParameters() {
        return new TreeSet<>(ForecastJob.POD_PARAMETERS);
    }
}
