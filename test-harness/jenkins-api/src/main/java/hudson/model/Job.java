package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of {@code hudson.model.Job}: a project; only what influx-forecast uses. The real class
 * extends {@code AbstractItem}, which declares {@link #getName} and {@link #getFullName}.
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

    /** The full name; the shim's jobs live at the top level, so it is the name. */
    public @NonNull String getFullName() {
        return name;
    }
}
