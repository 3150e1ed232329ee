package io.jenkins.plugins.influxforecast.series;

/**
 * Quotes a bad value for an error message: at most {@value #MAX} characters of it, so a megabyte
 * cell or a binary line does not flood the log, with the full length said when it was cut.
 */
public final class Echo {

    /** The longest part of a value an error message repeats. */
    public static final int MAX = 200;

    private Echo() {
    }

    /** The value as it is, or its first {@value #MAX} characters and {@code ... (12345 characters)} when longer. */
    public static String cut(String value) {
        if (value == null || value.length() <= MAX) {
            return String.valueOf(value);
        }
        int end = Character.isHighSurrogate(value.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return value.substring(0, end) + "... (" + value.length() + " characters)";
    }

    /** {@code 'value'}, or {@code 'first 200 characters'... (12345 characters)} when longer. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX) {
            return "'" + value + "'";
        }
        int end = Character.isHighSurrogate(value.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return "'" + value.substring(0, end) + "'... (" + value.length() + " characters)";
    }
}
