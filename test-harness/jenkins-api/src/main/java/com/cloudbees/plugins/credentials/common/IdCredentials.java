package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Shim of the credentials plugin's {@code IdCredentials}: a credential with an ID. */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
