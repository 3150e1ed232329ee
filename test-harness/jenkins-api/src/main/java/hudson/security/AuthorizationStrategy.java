package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Job;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;

/**
 * Shim of {@code hudson.security.AuthorizationStrategy}: who may do what, set with
 * {@code Jenkins.get().setAuthorizationStrategy(...)} (tests do so as they would with
 * JenkinsRule). The real class also has ACLs for views, users, computers, clouds and nodes, and
 * the descriptor list; left out.
 */
public abstract class AuthorizationStrategy extends AbstractDescribableImpl<AuthorizationStrategy> implements ExtensionPoint {

    /** The ACL every other ACL eventually delegates to. */
    public abstract @NonNull ACL getRootACL();

    /** The ACL of a job; by default the root ACL. */
    public @NonNull ACL getACL(@NonNull Job<?, ?> project) {
        return getRootACL();
    }

    /** The group and role names this strategy uses. */
    public abstract @NonNull Collection<String> getGroups();

    /** Everyone may do everything: Jenkins' default until security is configured. */
    public static final AuthorizationStrategy UNSECURED = new Unsecured();

    /** The strategy of {@link #UNSECURED}. */
    public static final class Unsecured extends AuthorizationStrategy implements Serializable {

        private static final ACL UNSECURED_ACL = ACL.lambda2((a, p) -> true);

        private Object readResolve() {
            return UNSECURED;
        }

        @Override
        public @NonNull ACL getRootACL() {
            return UNSECURED_ACL;
        }

        @Override
        public @NonNull Collection<String> getGroups() {
            return Collections.emptySet();
        }

        private static final long serialVersionUID = 1L;
    }
}
