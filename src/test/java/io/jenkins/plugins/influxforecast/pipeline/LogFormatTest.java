package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void numbersHaveFourSignificantDigits() {
        assertThat(LogFormat.number(0.40624840135332047)).isEqualTo("0.4062");
        assertThat(LogFormat.number(18.09412)).isEqualTo("18.09");
        assertThat(LogFormat.number(1234.5678)).isEqualTo("1235");
        assertThat(LogFormat.number(123456.0)).isEqualTo("123500");
        assertThat(LogFormat.number(-2.0)).isEqualTo("-2");
        assertThat(LogFormat.number(0.00012345)).isEqualTo("0.0001234");
        assertThat(LogFormat.number(6.655e8)).isEqualTo("6.655e+08");
        assertThat(LogFormat.number(1.23456e-7)).isEqualTo("1.235e-07");
        assertThat(LogFormat.number(0.0)).isEqualTo("0");
    }

    @Test
    void missingValuesSaySo() {
        assertThat(LogFormat.number(null)).isEqualTo("n/a");
        assertThat(LogFormat.number(Double.NaN)).isEqualTo("n/a");
        assertThat(LogFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(LogFormat.duration(0.42)).isEqualTo("0.4 s");
        assertThat(LogFormat.duration(12.4)).isEqualTo("12 s");
        assertThat(LogFormat.duration(200)).isEqualTo("3 min 20 s");
        assertThat(LogFormat.duration(Double.POSITIVE_INFINITY)).isEqualTo("?");
    }
}
