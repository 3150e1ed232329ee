package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;
import jenkins.model.Jenkins;

/**
 * Shim of {@code hudson.model.Job}: a project; only what influx-forecast uses. The real class
 * extends {@code AbstractItem}, which declares {@link #getName}, {@link #getFullName} and {@link #getACL}.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> implements Item {

    private final transient ItemGroup<?> parent;
    protected String name;

    protected Job(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** The job's ACL, from the authorization strategy of Jenkins. */
    @Override
    public @NonNull ACL getACL() {
        return Jenkins.get().getAuthorizationStrategy().getACL(this);
    }

    /** The full name; the shim's jobs live at the top level, so it is the name. */
    public @NonNull String getFullName() {
        return name;
    }
}
