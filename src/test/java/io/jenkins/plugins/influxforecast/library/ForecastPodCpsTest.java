package io.jenkins.plugins.influxforecast.library;

/** Every test of {@link ForecastPodTest}, with the scripts run through groovy-cps as Pipeline runs them. */
class ForecastPodCpsTest extends ForecastPodTest {

    @Override
    boolean cps() {
        return true;
    }
}
