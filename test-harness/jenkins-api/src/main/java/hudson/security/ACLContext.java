package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Shim of {@code hudson.security.ACLContext}: restores the previous security context on close. */
public class ACLContext implements AutoCloseable {

    private final SecurityContext previousContext;

    ACLContext(SecurityContext previousContext) {
        this.previousContext = previousContext;
    }

    @CheckForNull
    public SecurityContext getPreviousContext() {
        return previousContext;
    }

    @Override
    public void close() {
        SecurityContextHolder.setContext(previousContext);
    }
}
