package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Shim of the credentials plugin's {@code UsernameCredentials}. */
public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();

    /** Whether the user name is itself secret (masked like a password); true unless a credential says otherwise. */
    default boolean isUsernameSecret() {
        return true;
    }
}
