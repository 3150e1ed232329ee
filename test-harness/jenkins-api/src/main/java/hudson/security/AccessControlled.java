package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of {@code hudson.security.AccessControlled}: an object with an {@link ACL}. The real
 * interface's checkPermission, checkAnyPermission, hasAnyPermission and hasPermission2 defaults
 * are not used by influx-forecast and left out.
 */
public interface AccessControlled {

    @NonNull
    ACL getACL();

    /** Whether the current user has the permission on this object. */
    default boolean hasPermission(@NonNull Permission permission) {
        return getACL().hasPermission(permission);
    }
}
