package jenkins;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Shim of {@code jenkins.MasterToSlaveFileCallable} in the form that compiles against both the
 * 2.479 line (implements FileCallable directly) and 2.485+ (via ControllerToAgentFileCallable):
 * subclasses implement {@code invoke} only.
 */
public abstract class MasterToSlaveFileCallable<T> implements FilePath.FileCallable<T> {

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        // the shim has no remoting roles to check: every callable runs in this JVM
    }

    private static final long serialVersionUID = 1L;
}
