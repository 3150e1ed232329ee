package io.jenkins.plugins.influxforecast.library;

/** Every test of {@link JenkinsfileExampleTest}, with the scripts run through groovy-cps as Pipeline runs them. */
class JenkinsfileExampleCpsTest extends JenkinsfileExampleTest {

    @Override
    boolean cps() {
        return true;
    }
}
