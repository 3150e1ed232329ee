package hudson.model;

/**
 * Shim of {@code hudson.model.AbstractDescribableImpl} in its 2.479 form (declaring
 * {@code getDescriptor()}, which compiles against every baseline).
 */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

    @Override
    public Descriptor<T> getDescriptor() {
        return Describable.super.getDescriptor();
    }
}
