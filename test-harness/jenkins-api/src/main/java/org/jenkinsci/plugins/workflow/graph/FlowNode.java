package org.jenkinsci.plugins.workflow.graph;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Shim of workflow-api's {@code FlowNode}: one node of a Pipeline's flow graph (a step call), with
 * its actions ({@code Actionable} in core). The graph itself (parents, heads, the execution) is left
 * out; tests supply a concrete subclass.
 */
public abstract class FlowNode {

    private final String id;
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    protected FlowNode(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    public void addAction(@NonNull Action a) {
        actions.add(a);
    }

    /** Replaces any action of the same class, else adds it (core {@code Actionable.addOrReplaceAction}). */
    public boolean addOrReplaceAction(@NonNull Action a) {
        boolean replaced = actions.removeIf(x -> x.getClass() == a.getClass());
        actions.add(a);
        return !replaced;
    }

    public @CheckForNull <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    public @NonNull List<Action> getActions() {
        return new ArrayList<>(actions);
    }
}
