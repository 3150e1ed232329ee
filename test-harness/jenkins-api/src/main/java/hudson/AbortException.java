package hudson;

import java.io.IOException;

/** Shim of {@code hudson.AbortException}: a failure whose message is the whole story (no stack trace in the log). */
public class AbortException extends IOException {

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
