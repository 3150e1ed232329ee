package org.jenkinsci.plugins.workflow.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The shim's SynchronousNonBlockingStepExecution behaves as workflow-step-api's
 * ({@code SynchronousNonBlockingStepExecution.java:22-98}): run() as the starting user, stop() fails
 * the step at once, a later failure of the worker thread is dropped, blocksRestart while running.
 */
@Timeout(30)
class SynchronousNonBlockingStepExecutionTest {

    /** Records every completion (Pipeline keeps the first and ignores the rest). */
    static final class Recording extends StepContext {
        final List<Object> completions = new CopyOnWriteArrayList<>();
        final CompletableFuture<Object> first = new CompletableFuture<>();

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
            completions.add(result == null ? "null" : result);
            first.complete(result);
        }

        @Override
        public void onFailure(Throwable t) {
            completions.add(t);
            first.complete(t);
        }

        @Override
        public boolean isReady() {
            return first.isDone();
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

        private static final long serialVersionUID = 1L;
    }

    @Test
    void runRunsAsTheUserThatStartedTheStep() throws Exception {
        Authentication alice = new UsernamePasswordAuthenticationToken("alice", "x");
        Recording c = new Recording();
        SynchronousNonBlockingStepExecution<String> e = new SynchronousNonBlockingStepExecution<>(c) {
            @Override
            protected String run() {
                return Jenkins.getAuthentication2().getName();
            }
        };
        try (ACLContext ctx = ACL.as2(alice)) {
            e.start();
        }
        assertThat(c.first.get(10, TimeUnit.SECONDS)).isEqualTo("alice");
    }

    @Test
    void stopFailsTheStepAtOnceAndALaterFailureOfTheThreadIsDropped() throws Exception {
        Recording c = new Recording();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> threadDone = new CompletableFuture<>();
        SynchronousNonBlockingStepExecution<String> e = new SynchronousNonBlockingStepExecution<>(c) {
            @Override
            protected String run() throws Exception {
                running.countDown();
                try {
                    // ignores the interrupt, as code in a finally block or a blocking native call may
                    while (!release.await(10, TimeUnit.SECONDS)) {
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException x) {
                    release.await(10, TimeUnit.SECONDS);
                }
                threadDone.complete(null);
                throw new IllegalStateException("cleanup failed after the abort");
            }
        };
        e.start();
        running.await(10, TimeUnit.SECONDS);
        assertThat(e.blocksRestart()).isTrue();
        Exception cause = new InterruptedException("aborted by the user");
        e.stop(cause);
        assertThat(c.completions).containsExactly(cause);
        release.countDown();
        threadDone.get(10, TimeUnit.SECONDS);
        while (e.blocksRestart()) {
            Thread.sleep(10);
        }
        assertThat(c.completions).containsExactly(cause);
        assertThat(cause.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("cleanup failed after the abort"));
    }

    @Test
    void aResumeAfterARestartFailsTheStep() {
        Recording c = new Recording();
        new SynchronousNonBlockingStepExecution<String>(c) {
            @Override
            protected String run() {
                return "never";
            }
        }.onResume();
        assertThat(c.completions).singleElement().isInstanceOf(SynchronousResumeNotSupportedException.class);
    }
}
