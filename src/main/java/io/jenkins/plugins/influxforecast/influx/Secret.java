package io.jenkins.plugins.influxforecast.influx;

import java.util.Objects;

/**
 * A password or token. It prints as {@code ****} everywhere (toString, records that hold it, log
 * lines, exception messages); only {@link #reveal()} gives the text, and only the code that builds
 * the {@code Authorization} header calls it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret, or null for null or empty text. */
    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
