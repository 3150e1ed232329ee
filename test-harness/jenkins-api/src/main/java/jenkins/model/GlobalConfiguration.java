package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Shim of {@code jenkins.model.GlobalConfiguration}: a section of the global configuration page
 * that is its own descriptor.
 */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {

    protected GlobalConfiguration() {
        super(self());
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        return this;
    }

}
