package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of the credentials plugin's {@code CredentialsMatchers}: the two matchers influx-forecast
 * uses. The real class has many more (by type, scope, username, combinators, ...); left out.
 */
public class CredentialsMatchers {

    private CredentialsMatchers() {
    }

    /** Matches every credential. */
    @NonNull
    public static CredentialsMatcher always() {
        return c -> true;
    }

    /** Matches the ID credentials whose ID is {@code id}. */
    @NonNull
    public static CredentialsMatcher withId(@NonNull String id) {
        return c -> c instanceof IdCredentials && id.equals(((IdCredentials) c).getId());
    }
}
