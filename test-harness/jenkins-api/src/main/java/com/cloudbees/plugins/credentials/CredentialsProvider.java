package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.util.ListBoxModel;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Shim of the credentials plugin's {@code CredentialsProvider}: where credentials are looked up.
 * The shim's one provider is {@link SystemCredentialsProvider}'s global store, visible to every
 * build (the real lookup also checks the permissions of the user who started the build, and
 * credentials of folders). Its global domain satisfies every domain requirement, and its
 * credentials are listed to {@link ACL#SYSTEM2}, or to a user who has {@link #USE_ITEM} on the
 * item, as the plugin's system store does (the shim has no credential scopes).
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {

    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);

    /** Use the credentials available to an item (implied by configuring it). */
    @SuppressWarnings("deprecation")
    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", Item.CONFIGURE);

    protected CredentialsProvider() {
        super(self());
    }

    /** The credential with that ID and type that the build may use, or null. */
    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type, @NonNull Run<?, ?> run) {
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c) && id.equals(((IdCredentials) c).getId())) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The credentials {@link #track} recorded, by build (Jenkins keeps them as fingerprints). */
    private static final java.util.Map<String, java.util.List<Credentials>> TRACKED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Records that the build used the credential (for credential usage tracking); returns it. */
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        if (credentials != null) {
            TRACKED.computeIfAbsent(build.getExternalizableId(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(credentials);
        }
        return credentials;
    }

    /** What {@link #track} recorded for a build (shim only, for tests). */
    public static java.util.List<Credentials> tracked(@NonNull Run build) {
        return TRACKED.getOrDefault(build.getExternalizableId(), java.util.List.of());
    }

    /**
     * The credentials of {@code type} that {@code authentication} (null: SYSTEM) can use in
     * {@code item} (null: Jenkins itself) and that {@code matcher} matches, as options (label,
     * ID) sorted by label.
     */
    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(@NonNull Class<C> type, @Nullable Item item,
                                                                               @Nullable Authentication authentication,
                                                                               @Nullable List<DomainRequirement> domainRequirements,
                                                                               @Nullable CredentialsMatcher matcher) {
        Authentication a = authentication == null ? ACL.SYSTEM2 : authentication;
        ListBoxModel result = new ListBoxModel();
        boolean visible = a.equals(ACL.SYSTEM2) || (item != null && item.getACL().hasPermission2(a, USE_ITEM));
        if (!visible) {
            return result;
        }
        Set<String> ids = new HashSet<>();
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c) && (matcher == null || matcher.matches(c)) && ids.add(((IdCredentials) c).getId())) {
                result.add(CredentialsNameProvider.name(c), ((IdCredentials) c).getId());
            }
        }
        result.sort(Comparator.comparing(o -> o.name));
        return result;
    }
}
