package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.function.BiFunction;
import jenkins.model.Jenkins;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * Shim of {@code hudson.security.ACL}: decides whether an {@link Authentication} has a
 * {@link Permission}. As in Jenkins, the current user is the Spring Security context of the
 * thread ({@link Jenkins#getAuthentication2()}), changed with {@link #as2(Authentication)}, and
 * {@link #SYSTEM2} (Jenkins acting for itself) has every permission. The real class also has
 * checkPermission, hasAnyPermission, the create-permission checks, the Sid constants and the
 * deprecated Acegi variants; left out.
 */
public abstract class ACL {

    /** Jenkins acting for itself (builds, timers): every permission. */
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    /** Whether the current user ({@link Jenkins#getAuthentication2()}) has the permission. */
    public final boolean hasPermission(@NonNull Permission p) {
        Authentication a = Jenkins.getAuthentication2();
        if (a.equals(SYSTEM2)) {
            return true;
        }
        return hasPermission2(a, p);
    }

    /** Whether {@code a} has the permission; {@link #SYSTEM2} may be passed. */
    public abstract boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission);

    /** An ACL from a lambda of {@link #hasPermission2}. */
    public static ACL lambda2(final BiFunction<Authentication, Permission, Boolean> impl) {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return impl.apply(a, permission);
            }
        };
    }

    /**
     * Makes {@code auth} the current thread's authentication until the returned context is closed:
     * {@code try (ACLContext ctx = ACL.as2(user)) { ... }}.
     */
    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        ACLContext context = new ACLContext(SecurityContextHolder.getContext());
        SecurityContextHolder.setContext(new SecurityContextImpl(auth));
        return context;
    }
}
