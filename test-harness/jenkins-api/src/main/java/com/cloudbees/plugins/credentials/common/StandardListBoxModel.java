package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of the credentials plugin's {@code StandardListBoxModel}: a credentials drop-down of
 * {@link StandardCredentials}. The label is {@link CredentialsNameProvider#name} (in the plugin, for a
 * username/password, "user/****** (description)"; in the shim, the description, else the ID).
 */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {

    @NonNull
    @Override
    protected String describe(@NonNull StandardCredentials c) {
        return CredentialsNameProvider.name(c);
    }

    private static final long serialVersionUID = 1L;
}
