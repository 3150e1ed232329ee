package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Shim of {@code hudson.model.Descriptor}: metadata of a {@link Describable}. The real class also
 * implements Loadable, Saveable and OnMaster and binds forms through Stapler; left out. The shim
 * keeps no configuration on disk: {@link #load()} and {@link #save()} do nothing.
 */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        if (clazz == self()) {
            clazz = (Class) getClass();
        }
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        Class<?> outer = getClass().getEnclosingClass();
        if (outer == null) {
            throw new AssertionError(getClass() + " doesn't have an outer class. Use the constructor that takes the Class object explicitly.");
        }
        this.clazz = (Class<? extends T>) outer;
    }

    /** Human-readable name; by default the simple name of the described class. */
    @NonNull
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    /** Persists this descriptor's configuration; the shim has no JENKINS_HOME, so this does nothing. */
    public synchronized void save() {
    }

    /** Loads this descriptor's configuration; the shim has no JENKINS_HOME, so this does nothing. */
    public synchronized void load() {
    }

    /** Marker passed to {@link #Descriptor(Class)} by a descriptor that describes itself. */
    protected static Class self() {
        return Self.class;
    }

    private static final class Self {
    }

    /** A form submission that cannot be accepted, naming the field at fault. */
    public static final class FormException extends Exception {
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }

        private static final long serialVersionUID = 1L;
    }
}
