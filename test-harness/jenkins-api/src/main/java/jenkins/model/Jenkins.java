package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Shim of {@code jenkins.model.Jenkins}: the root object, here only as the holder of the
 * authorization strategy and the root ACL, and the source of the current user. The real class
 * (an ItemGroup, ViewGroup, StaplerProxy, ...) is the whole of Jenkins; the rest is left out.
 * In the shim {@link #ADMINISTER} is owned by this class (in Jenkins by {@code hudson.model.Hudson}).
 */
public class Jenkins implements AccessControlled {

    public static final PermissionGroup PERMISSIONS = new PermissionGroup(Jenkins.class, null);

    /** Full control; implies every other permission. */
    @SuppressWarnings("deprecation")
    public static final Permission ADMINISTER = new Permission(PERMISSIONS, "Administer", null);

    /** The user of a request that did not log in. */
    public static final Authentication ANONYMOUS2 = new AnonymousAuthenticationToken("anonymous", "anonymous",
            Set.of(new SimpleGrantedAuthority("anonymous")));

    private static final Jenkins INSTANCE = new Jenkins();

    private volatile AuthorizationStrategy authorizationStrategy = AuthorizationStrategy.UNSECURED;

    private Jenkins() {
    }

    /** The running Jenkins. */
    public static @NonNull Jenkins get() throws IllegalStateException {
        return INSTANCE;
    }

    /** The authentication of the current thread, or {@link #ANONYMOUS2}. */
    @NonNull
    public static Authentication getAuthentication2() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null ? ANONYMOUS2 : a;
    }

    public AuthorizationStrategy getAuthorizationStrategy() {
        return authorizationStrategy;
    }

    /** Sets the authorization strategy; null means {@link AuthorizationStrategy#UNSECURED}. */
    public void setAuthorizationStrategy(@CheckForNull AuthorizationStrategy a) {
        this.authorizationStrategy = a == null ? AuthorizationStrategy.UNSECURED : a;
    }

    @NonNull
    @Override
    public ACL getACL() {
        return authorizationStrategy.getRootACL();
    }
}
