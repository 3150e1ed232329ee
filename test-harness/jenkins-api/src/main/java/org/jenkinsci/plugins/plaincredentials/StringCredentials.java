package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/**
 * Shim of the plain-credentials plugin's {@code StringCredentials} (secret text). The real
 * interface is annotated {@code @NameWith(StringCredentials.NameProvider.class)}; left out.
 */
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
