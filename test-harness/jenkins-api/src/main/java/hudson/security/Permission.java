package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of {@code hudson.security.Permission}: an activity that needs a privilege, identified by
 * its owner class and name, possibly implied by a broader permission (which the
 * {@link AuthorizationStrategy} takes into account). The real class also has a description,
 * scopes, an enabled flag, the global registry and the generic root permissions; left out.
 */
public final class Permission {

    public final @NonNull Class owner;

    public final @NonNull PermissionGroup group;

    public final @NonNull String name;

    public final @CheckForNull Permission impliedBy;

    /** A permission of {@code group} named {@code name} (deprecated in Jenkins in favour of the ones with a description and scope). */
    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Permission impliedBy) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.impliedBy = impliedBy;
    }

    /** {@code ownerClassName.name}, e.g. {@code hudson.model.Item.ExtendedRead}. */
    public @NonNull String getId() {
        return owner.getName() + '.' + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission && getId().equals(((Permission) o).getId());
    }

    @Override
    public int hashCode() {
        return getId().hashCode();
    }

    @Override
    public String toString() {
        return "Permission[" + owner + ',' + name + ']';
    }
}
