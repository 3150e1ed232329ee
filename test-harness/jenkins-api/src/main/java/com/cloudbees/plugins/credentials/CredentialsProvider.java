package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;

/**
 * Shim of the credentials plugin's {@code CredentialsProvider}: where credentials are looked up.
 * The shim's one provider is {@link SystemCredentialsProvider}'s global store, visible to every
 * build (the real lookup also checks the permissions of the user who started the build, and
 * credentials of folders).
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {

    protected CredentialsProvider() {
        super(self());
    }

    /** The credential with that ID and type that the build may use, or null. */
    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type, @NonNull Run<?, ?> run) {
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c) && id.equals(((IdCredentials) c).getId())) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Records that the build used the credential (for credential usage tracking); returns it. */
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        return credentials;
    }
}
