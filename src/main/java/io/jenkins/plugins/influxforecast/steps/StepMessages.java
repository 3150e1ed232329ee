package io.jenkins.plugins.influxforecast.steps;

import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Display names from {@code Messages.properties} (localisable as {@code Messages_<lang>.properties}).
 * Read through ResourceBundle so the plain Maven build needs no generated Messages class (the real
 * .hpi build also generates one, named Messages, from the same file; hence this name).
 */
final class StepMessages {

    private static final String BUNDLE = "io.jenkins.plugins.influxforecast.steps.Messages";

    private StepMessages() {
    }

    static String get(String key) {
        try {
            return ResourceBundle.getBundle(BUNDLE).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
