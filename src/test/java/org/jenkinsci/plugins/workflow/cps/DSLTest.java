package org.jenkinsci.plugins.workflow.cps;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Why no step overrides {@code StepDescriptor.newInstance(Map)}: workflow-cps' DSL ({@code DSL.java:314-318})
 * then calls the override, whose default binds without the build log, and a misspelled argument
 * vanishes; without the override the DSL binds with the log and warns.
 */
class DSLTest {

    /** A step with one optional parameter; its execution completes at once. */
    public static final class Probe extends Step {
        private Integer horizon;

        @DataBoundConstructor
        public Probe() {
        }

        public Integer getHorizon() {
            return horizon;
        }

        @DataBoundSetter
        public void setHorizon(Integer horizon) {
            this.horizon = horizon;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new StepExecution(context) {
                @Override
                public boolean start() {
                    getContext().onSuccess(horizon);
                    return true;
                }

                private static final long serialVersionUID = 1L;
            };
        }

        /** The standard descriptor. */
        public static final class Standard extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(TaskListener.class);
            }

            @Override
            public String getFunctionName() {
                return "probe";
            }
        }

        /** A descriptor overriding newInstance, as the steps once did for cross-field checks. */
        public static final class Overriding extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(TaskListener.class);
            }

            @Override
            public String getFunctionName() {
                return "probe";
            }

            @Override
            @SuppressWarnings("deprecation")
            public Step newInstance(Map<String, Object> arguments) throws Exception {
                return super.newInstance(arguments);
            }
        }
    }

    /** A context with a build log only. */
    static final class LogContext extends StepContext {
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        private final transient PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        private final transient TaskListener listener = () -> ps;

        @Override
        public <T> T get(Class<T> key) {
            return key == TaskListener.class ? key.cast(listener) : null;
        }

        @Override
        public void onSuccess(Object result) {
        }

        @Override
        public void onFailure(Throwable t) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return Futures.immediateFuture(null);
        }

        @Override
        public void setResult(Result r) {
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        String text() {
            return log.toString(StandardCharsets.UTF_8);
        }

        private static final long serialVersionUID = 1L;
    }

    @Test
    void withoutAnOverrideAMisspelledArgumentIsWarnedAboutInTheBuildLog() throws Exception {
        LogContext c = new LogContext();
        DSL.invokeStep(new Probe.Standard(), Map.of("horizn", 3), c);
        assertThat(c.text()).contains("WARNING: Unknown parameter(s) found for class type '" + Probe.class.getName() + "': horizn");
    }

    @Test
    void anOverrideOfNewInstanceLosesItSilently() throws Exception {
        LogContext c = new LogContext();
        DSL.invokeStep(new Probe.Overriding(), Map.of("horizn", 3), c);
        assertThat(c.text()).isEmpty();
    }
}
