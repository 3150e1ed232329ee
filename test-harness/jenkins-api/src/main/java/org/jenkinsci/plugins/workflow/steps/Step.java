package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Shim of workflow-step-api's {@code Step}: the configuration of one Pipeline step call. */
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

    /** Starts the step's execution; called once per step call. */
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        return (StepDescriptor) super.getDescriptor();
    }
}
