package hudson.model;

import hudson.ExtensionList;

/**
 * Shim of {@code hudson.model.Describable}, in its 2.505+ form where {@code getDescriptor()} is a
 * default method (influx-forecast only implements Describable through
 * {@link AbstractDescribableImpl}, which declares it, so the code also compiles against 2.479).
 * The shim finds the descriptor as the nested {@link Descriptor} subclass of the describable's
 * class (Jenkins looks it up among the registered extensions).
 */
public interface Describable<T extends Describable<T>> {

    @SuppressWarnings("unchecked")
    default Descriptor<T> getDescriptor() {
        for (Class<?> c = getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (Descriptor.class.isAssignableFrom(nested)) {
                    return (Descriptor<T>) ExtensionList.lookupSingleton(nested);
                }
            }
        }
        throw new AssertionError(getClass() + " is missing its descriptor");
    }
}
