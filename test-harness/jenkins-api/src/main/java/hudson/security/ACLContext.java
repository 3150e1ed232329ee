package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Shim of {@code hudson.security.ACLContext}: restores the previous security context on close. The
 * Spring Security context is {@link #getPreviousContext2()} (the real {@code getPreviousContext()}
 * returns the Acegi one; left out).
 */
public class ACLContext implements AutoCloseable {

    private final SecurityContext previousContext;

    ACLContext(SecurityContext previousContext) {
        this.previousContext = previousContext;
    }

    @CheckForNull
    public SecurityContext getPreviousContext2() {
        return previousContext;
    }

    @Override
    public void close() {
        SecurityContextHolder.setContext(previousContext);
    }
}
