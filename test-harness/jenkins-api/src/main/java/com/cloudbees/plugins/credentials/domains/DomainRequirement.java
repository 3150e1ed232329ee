package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/**
 * Shim of the credentials plugin's {@code DomainRequirement}: something a credential's domain
 * must satisfy (the scheme, host or path of the URL it is used for).
 */
public class DomainRequirement implements ExtensionPoint, Serializable {

    private static final long serialVersionUID = 1L;
}
