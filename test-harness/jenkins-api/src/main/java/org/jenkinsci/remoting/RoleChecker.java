package org.jenkinsci.remoting;

/**
 * Shim of remoting's {@code org.jenkinsci.remoting.RoleChecker}. influx-forecast never calls it;
 * it exists as the parameter type of {@link RoleSensitive#checkRoles}.
 */
public abstract class RoleChecker {
}
