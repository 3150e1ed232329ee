package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

/**
 * Shim of {@code hudson.model.queue.Tasks}. The shim has no QueueItemAuthenticator (such as the
 * Authorize Project plugin's), so a task runs as its default authentication.
 */
public class Tasks {

    private Tasks() {
    }

    /** The authentication the task is likely to run as. */
    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        return t.getDefaultAuthentication2();
    }
}
