package io.jenkins.plugins.influxforecast.steps;

import java.io.Serializable;

/**
 * How a step runs the engine process: heap bound, time limit and where an installed engine may be
 * found. Every step has these parameters ({@code maxRamPercentage}, {@code timeoutMinutes},
 * {@code installedEngine}); they are not engine options.
 */
final class LaunchOptions implements Serializable {

    static final int DEFAULT_MAX_RAM_PERCENTAGE = 50;
    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final int MAX_TIMEOUT_MINUTES = 24 * 60;

    private int maxRamPercentage = DEFAULT_MAX_RAM_PERCENTAGE;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    /** The time limit in milliseconds: timeoutMinutes, or a shorter limit set by a test. */
    private long timeoutMillis = DEFAULT_TIMEOUT_MINUTES * 60_000L;
    private String installedEngine = EngineInstaller.DEFAULT_INSTALLED_PATH;

    int maxRamPercentage() {
        return maxRamPercentage;
    }

    /** Percent of the container's memory the engine's heap may use: 1 to 95. */
    void maxRamPercentage(Integer value) {
        if (value == null) {
            maxRamPercentage = DEFAULT_MAX_RAM_PERCENTAGE;
            return;
        }
        if (value < 1 || value > 95) {
            throw new IllegalArgumentException("maxRamPercentage must be between 1 and 95, got " + value);
        }
        maxRamPercentage = value;
    }

    int timeoutMinutes() {
        return timeoutMinutes;
    }

    /** How long the engine may run before it is killed: 1 minute to 24 hours. */
    void timeoutMinutes(Integer value) {
        if (value == null) {
            timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        } else if (value < 1 || value > MAX_TIMEOUT_MINUTES) {
            throw new IllegalArgumentException("timeoutMinutes must be between 1 and " + MAX_TIMEOUT_MINUTES + ", got " + value);
        } else {
            timeoutMinutes = value;
        }
        timeoutMillis = timeoutMinutes * 60_000L;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** A limit below a minute, for tests of the time limit. */
    void timeoutMillisForTest(long millis) {
        timeoutMillis = millis;
    }

    /** The parameter as given: a path, or {@code none}. */
    String installedEngine() {
        return installedEngine;
    }

    /** Where to look for an installed engine, or null ({@code installedEngine: 'none'}): always copy. */
    String installedEnginePath() {
        return StepValues.NONE.equals(installedEngine) ? null : installedEngine;
    }

    /**
     * Path of an engine jar installed in the container (used when its version matches); {@code none}:
     * always copy the plugin's. Blank (an empty Snippet Generator field) means the default path.
     */
    void installedEngine(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            installedEngine = EngineInstaller.DEFAULT_INSTALLED_PATH;
            return;
        }
        if (v.equalsIgnoreCase(StepValues.NONE)) {
            installedEngine = StepValues.NONE;
            return;
        }
        StepArguments.checkShellSafe("installedEngine", v);
        if (!v.startsWith("/")) {
            throw new IllegalArgumentException("installedEngine must be an absolute path or none, got '" + v + "'");
        }
        installedEngine = v;
    }

    private static final long serialVersionUID = 1L;
}
