package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Shim of {@code hudson.util.Secret}: a confidential value. Jenkins keeps it encrypted on disk; the
 * shim has no key, so {@link #getEncryptedValue()} is not provided and {@link #fromString} treats
 * its input as plain text.
 */
public final class Secret implements Serializable {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }

    /** Null-safe plain text ("" for null). */
    @NonNull
    public static String toString(@CheckForNull Secret s) {
        return s == null ? "" : s.value;
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    /** Deprecated in Jenkins because it returns the plain text (and logs a warning there). */
    @Override
    @Deprecated
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private static final long serialVersionUID = 1L;
}
