package hudson.slaves;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

/**
 * Shim of core's {@code hudson.slaves.WorkspaceList} (jenkinsci/jenkins,
 * {@code core/src/main/java/hudson/slaves/WorkspaceList.java}), only its temporary-folder
 * convention: {@link #tempDir} (since 1.652) is the sibling {@code <workspace><COMBINATOR>tmp}, where
 * {@link #COMBINATOR} (since 2.244) is the system property {@code hudson.slaves.WorkspaceList}, default
 * {@code @}. Workspace allocation and leases are left out.
 */
public final class WorkspaceList {

    /** The token between a workspace name and its suffix ({@code @2}, {@code @tmp}). */
    public static final String COMBINATOR = System.getProperty(WorkspaceList.class.getName(), "@");

    private WorkspaceList() {
    }

    /**
     * The conventional temporary folder of a workspace, e.g. {@code …/job@tmp} for {@code …/job}; it
     * may not exist yet. Null when the workspace has no parent.
     */
    @CheckForNull
    public static FilePath tempDir(FilePath ws) {
        return ws.sibling(ws.getName() + COMBINATOR + "tmp");
    }
}
