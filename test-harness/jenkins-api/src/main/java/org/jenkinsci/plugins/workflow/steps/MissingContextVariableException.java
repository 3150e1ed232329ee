package org.jenkinsci.plugins.workflow.steps;

/**
 * Shim of workflow-step-api's {@code MissingContextVariableException}: a step was called where its
 * required context (e.g. {@code FilePath}: inside {@code node}) is not available.
 */
public class MissingContextVariableException extends Exception {

    private final Class<?> type;

    public MissingContextVariableException(Class<?> type) {
        this.type = type;
    }

    public Class<?> getType() {
        return type;
    }

    @Override
    public String getMessage() {
        return "Required context " + type + " is missing";
    }

    private static final long serialVersionUID = 1L;
}
