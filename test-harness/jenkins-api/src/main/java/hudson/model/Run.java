package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of {@code hudson.model.Run}: a build. Only what influx-forecast uses; tests supply a concrete
 * subclass. The real class extends {@code Actionable} and implements many interfaces, left out.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {

    protected final transient @NonNull JobT project;
    public int number;
    protected final long timestamp;
    protected volatile Result result;
    protected volatile String description;

    protected Run(@NonNull JobT job, long timestamp) {
        this.project = job;
        this.timestamp = timestamp;
    }

    public @CheckForNull Result getResult() {
        return result;
    }

    /** Makes the result worse, never better (as in Jenkins: only replaces a null or better result). */
    public void setResult(@NonNull Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }

    /** The build's description (HTML through the markup formatter), or null. */
    public @CheckForNull String getDescription() {
        return description;
    }

    /**
     * Sets the description; Jenkins checks the UPDATE permission of the current authentication and
     * saves the build (build.xml). The shim has no security realm and no disk, so it keeps the value.
     */
    public void setDescription(String description) throws java.io.IOException {
        this.description = description;
    }

    public int getNumber() {
        return number;
    }

    public @NonNull JobT getParent() {
        return project;
    }

    public @NonNull String getId() {
        return Integer.toString(number);
    }

    /** {@code <job full name>#<number>}, stable across restarts. */
    public @NonNull String getExternalizableId() {
        return project.getFullName() + "#" + getNumber();
    }

    /** When the build was scheduled. */
    public final long getTimeInMillis() {
        return timestamp;
    }

    /** When the build started running; the shim's builds start when scheduled. */
    public final long getStartTimeInMillis() {
        return timestamp;
    }
}
