package io.jenkins.plugins.influxforecast.steps;

import hudson.model.Job;
import hudson.model.Run;

/** A build of a job (test double). */
public final class TestRun extends Run<TestRun.TestJob, TestRun> {

    public TestRun(String jobName, int number, long startMillis) {
        super(new TestJob(jobName), startMillis);
        this.number = number;
    }

    /** The job of a {@link TestRun}. */
    public static final class TestJob extends Job<TestJob, TestRun> {
        TestJob(String name) {
            super(null, name);
        }
    }
}
