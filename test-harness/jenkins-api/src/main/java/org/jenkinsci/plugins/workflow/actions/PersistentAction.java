package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Shim of workflow-api's {@code PersistentAction}: an action stored with its flow node. */
public interface PersistentAction extends Action {
}
