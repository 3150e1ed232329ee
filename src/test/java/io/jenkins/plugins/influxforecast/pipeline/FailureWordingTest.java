package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import org.junit.jupiter.api.Test;

/** "internal error" is reserved for bugs: the engine's own errors about a series are their message. */
class FailureWordingTest {

    @Test
    void expectedFailuresAreTheirMessage() {
        assertThat(ForecastRunner.describe(new IllegalArgumentException("series 'a' has 1 point(s)"))).isEqualTo("series 'a' has 1 point(s)");
        assertThat(ForecastRunner.describe(new ArithmeticException("overflow"))).isEqualTo("overflow");
        assertThat(ForecastRunner.describe(new IllegalStateException("no model gave a sane forecast"))).isEqualTo("no model gave a sane forecast");
        assertThat(ForecastRunner.describe(new DateTimeException("year out of range"))).isEqualTo("year out of range");
    }

    @Test
    void anythingElseIsABugAndSaysSo() {
        assertThat(ForecastRunner.describe(new NullPointerException("fit is null")))
                .isEqualTo("internal error (please report it): NullPointerException: fit is null");
        assertThat(ForecastRunner.describe(new ArrayIndexOutOfBoundsException()))
                .isEqualTo("internal error (please report it): ArrayIndexOutOfBoundsException");
    }
}
