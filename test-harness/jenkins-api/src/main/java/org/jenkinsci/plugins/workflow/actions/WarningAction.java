package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

/**
 * Shim of workflow-api's {@code WarningAction}
 * ({@code src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java}, the form with a
 * result that the {@code unstable} and {@code junit} steps use:
 * {@code node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(text))}). Stage views
 * and Blue Ocean show the stage of a flow node carrying it with that result; {@code Run.setResult}
 * alone colours only the build.
 */
public class WarningAction implements PersistentAction {

    private final @NonNull Result result;
    private @CheckForNull String message;

    public WarningAction(@NonNull Result result) {
        this.result = result;
    }

    public WarningAction withMessage(String message) {
        this.message = message;
        return this;
    }

    public @CheckForNull String getMessage() {
        return message;
    }

    public @NonNull Result getResult() {
        return result;
    }

    @Override
    public String getDisplayName() {
        return "Warning" + (message != null ? ": " + message : "");
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
