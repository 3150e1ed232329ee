package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Shim of the credentials plugin's {@code StandardCredentials}: an ID and a description. */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
