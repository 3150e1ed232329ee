package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;

/**
 * Shim of {@code hudson.model.Queue}: present for its nested {@link Task} only; the build queue
 * itself is not part of the shim.
 */
public class Queue {

    private Queue() {
    }

    /**
     * Something that can be scheduled to run, such as a Pipeline job. The real interface's other
     * members (display name, label, sub-tasks, ...) are left out.
     */
    public interface Task {

        /** Whom the task runs as unless a QueueItemAuthenticator says otherwise: {@link ACL#SYSTEM2}. */
        default @NonNull Authentication getDefaultAuthentication2() {
            return ACL.SYSTEM2;
        }
    }
}
