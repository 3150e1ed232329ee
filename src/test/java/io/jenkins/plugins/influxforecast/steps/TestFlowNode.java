package io.jenkins.plugins.influxforecast.steps;

import org.jenkinsci.plugins.workflow.graph.FlowNode;

/** The flow node of a step call in a test (collects the actions a step adds). */
public final class TestFlowNode extends FlowNode {

    public TestFlowNode() {
        super("7");
    }
}
