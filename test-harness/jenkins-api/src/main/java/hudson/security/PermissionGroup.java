package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

/**
 * Shim of {@code hudson.security.PermissionGroup}: the permissions one class defines. The real
 * class also registers itself globally, lists and finds its permissions and is sortable; left
 * out.
 */
public final class PermissionGroup {

    public final Class owner;

    public final Localizable title;

    public PermissionGroup(@NonNull Class owner, Localizable title) {
        this.owner = owner;
        this.title = title;
    }

    @Override
    public String toString() {
        return "PermissionGroup[" + owner.getName() + "]";
    }
}
