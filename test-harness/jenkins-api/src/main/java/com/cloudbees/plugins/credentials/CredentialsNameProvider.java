package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of the credentials plugin's {@code CredentialsNameProvider}: how a credential is shown in
 * lists. The plugin asks the provider named by the credential type's {@code @NameWith} (a
 * username/password shows as "user/****** (description)"); the shim has no such annotation and
 * shows the description, else the ID. Never a secret.
 */
public abstract class CredentialsNameProvider<C extends Credentials> {

    @NonNull
    public abstract String getName(@NonNull C credentials);

    @NonNull
    public static String name(@NonNull Credentials credentials) {
        if (credentials instanceof StandardCredentials) {
            String d = ((StandardCredentials) credentials).getDescription();
            if (d != null && !d.isBlank()) {
                return d.trim();
            }
        }
        if (credentials instanceof IdCredentials) {
            return ((IdCredentials) credentials).getId();
        }
        return credentials.getClass().getSimpleName();
    }
}
