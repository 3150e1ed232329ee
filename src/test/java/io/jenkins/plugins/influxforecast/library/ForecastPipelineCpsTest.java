package io.jenkins.plugins.influxforecast.library;

/** Every test of {@link ForecastPipelineTest}, with the scripts run through groovy-cps as Pipeline runs them. */
class ForecastPipelineCpsTest extends ForecastPipelineTest {

    @Override
    boolean cps() {
        return true;
    }
}
