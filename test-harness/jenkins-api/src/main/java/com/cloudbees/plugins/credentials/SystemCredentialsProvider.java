package com.cloudbees.plugins.credentials;

import hudson.model.Describable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Shim of the credentials plugin's {@code SystemCredentialsProvider}: the global credentials store
 * (Manage Jenkins &gt; Credentials &gt; System &gt; Global). Tests add credentials to
 * {@code getInstance().getCredentials()}, as they do with the real plugin. The real class (current
 * releases) extends ManagementLink and also implements Saveable, StaplerProxy and IconSpec, and keeps
 * credentials per domain; the shim keeps the global domain only.
 */
public class SystemCredentialsProvider implements Describable<SystemCredentialsProvider> {

    private static final SystemCredentialsProvider INSTANCE = new SystemCredentialsProvider();

    private final List<Credentials> credentials = new CopyOnWriteArrayList<>();

    public static SystemCredentialsProvider getInstance() {
        return INSTANCE;
    }

    /** The credentials of the global domain (modifiable). */
    public List<Credentials> getCredentials() {
        return credentials;
    }
}
