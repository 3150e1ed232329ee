package com.cloudbees.plugins.credentials.common;

/** Shim of the credentials plugin's {@code StandardUsernameCredentials}. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
