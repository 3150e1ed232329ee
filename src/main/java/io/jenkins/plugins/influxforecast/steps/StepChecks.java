package io.jenkins.plugins.influxforecast.steps;

import hudson.util.FormValidation;
import java.util.function.Function;

/** Turns the steps' setter checks into form validation for the Snippet Generator's fields. */
final class StepChecks {

    private StepChecks() {
    }

    @FunctionalInterface
    interface Check {
        void run();
    }

    static FormValidation check(Check c) {
        try {
            c.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation required(String parameter, String value, Function<String, String> normalise) {
        if (value == null || value.isBlank()) {
            return FormValidation.error(parameter + " is required");
        }
        return check(() -> normalise.apply(value));
    }

    /** The field's text as an Integer (null when empty); fails naming the parameter. */
    static Integer integer(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a whole number, got '" + value.trim() + "'");
        }
    }

    /** The field's text as a Double (null when empty); fails naming the parameter. */
    static Double decimal(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a number, got '" + value.trim() + "'");
        }
    }
}
