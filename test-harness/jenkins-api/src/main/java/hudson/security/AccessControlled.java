package hudson.security;

import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of {@code hudson.security.AccessControlled}: an object with an {@link ACL}. The real
 * interface's checkAnyPermission, hasAnyPermission and hasPermission2 defaults are not used by
 * influx-forecast and left out.
 */
public interface AccessControlled {

    @NonNull
    ACL getACL();

    /**
     * Fails unless the current user has the permission on this object; Jenkins throws
     * {@code AccessDeniedException3}, a Spring {@link AccessDeniedException}.
     */
    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        if (!hasPermission(permission)) {
            throw new AccessDeniedException(Jenkins.getAuthentication2().getName() + " is missing the " + permission.name + " permission");
        }
    }

    /** Whether the current user has the permission on this object. */
    default boolean hasPermission(@NonNull Permission permission) {
        return getACL().hasPermission(permission);
    }
}
