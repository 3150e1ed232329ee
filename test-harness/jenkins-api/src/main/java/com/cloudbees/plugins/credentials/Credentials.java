package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/**
 * Shim of the credentials plugin's {@code Credentials}: the root of every credential type.
 * {@code getScope()}, {@code getDescriptor()} (narrowed to CredentialsDescriptor) and
 * {@code forRun(Run)} are not used by influx-forecast and left out.
 */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
}
