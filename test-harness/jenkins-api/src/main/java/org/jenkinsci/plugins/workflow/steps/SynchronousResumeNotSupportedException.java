package org.jenkinsci.plugins.workflow.steps;

/**
 * Shim of workflow-step-api's {@code SynchronousResumeNotSupportedException}: a synchronous step was
 * running when the controller restarted, and cannot resume.
 */
public class SynchronousResumeNotSupportedException extends Exception {

    public SynchronousResumeNotSupportedException() {
        super("Resume after a restart not supported for non-blocking synchronous steps");
    }

    private static final long serialVersionUID = 1L;
}
