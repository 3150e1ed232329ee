package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

/**
 * Shim of {@code hudson.model.Item}: a job or folder, with its permissions. The real interface's
 * other members (names, URLs, parent, persistence, the other permission constants) are not used
 * by influx-forecast and left out; the shim's permissions carry no description or scope.
 */
@SuppressWarnings("deprecation")
public interface Item extends AccessControlled {

    PermissionGroup PERMISSIONS = new PermissionGroup(Item.class, null);

    /** Configure the item; implies {@link #EXTENDED_READ}. */
    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", null);

    /** Read the item's configuration (secrets masked). */
    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", CONFIGURE);
}
