package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Shim of {@code hudson.model.Result}: the five build results, ordered from best to worst. The real
 * class also has a {@code BallColor color} field and implements {@code CustomExportedBean}; left out.
 */
public final class Result implements Serializable {

    @NonNull public static final Result SUCCESS = new Result("SUCCESS", 0, true);
    @NonNull public static final Result UNSTABLE = new Result("UNSTABLE", 1, true);
    @NonNull public static final Result FAILURE = new Result("FAILURE", 2, true);
    @NonNull public static final Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    @NonNull public static final Result ABORTED = new Result("ABORTED", 4, false);

    private static final Result[] ALL = {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED};

    private final @NonNull String name;
    public final int ordinal;
    public final boolean completeBuild;

    private Result(@NonNull String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    /** The worse of the two. */
    public @NonNull Result combine(@NonNull Result that) {
        return this.ordinal < that.ordinal ? that : this;
    }

    public static Result combine(Result r1, Result r2) {
        if (r1 == null) {
            return r2;
        }
        if (r2 == null) {
            return r1;
        }
        return r1.combine(r2);
    }

    public boolean isWorseThan(@NonNull Result that) {
        return this.ordinal > that.ordinal;
    }

    public boolean isWorseOrEqualTo(@NonNull Result that) {
        return this.ordinal >= that.ordinal;
    }

    public boolean isBetterThan(@NonNull Result that) {
        return this.ordinal < that.ordinal;
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        return this.ordinal <= that.ordinal;
    }

    public boolean isCompleteBuild() {
        return completeBuild;
    }

    @Override
    public @NonNull String toString() {
        return name;
    }

    /** The result named {@code s}; an unknown name gives FAILURE. */
    public static @NonNull Result fromString(@NonNull String s) {
        for (Result r : ALL) {
            if (s.equalsIgnoreCase(r.name)) {
                return r;
            }
        }
        return FAILURE;
    }

    private Object readResolve() throws ObjectStreamException {
        return ALL[ordinal];
    }

    private static final long serialVersionUID = 1L;
}
