package io.jenkins.plugins.influxforecast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineProtocolTest {

    @Test
    void escapesAsTheProtocolSpecifies() {
        assertThat(LineProtocol.seriesKey("parking place,x", Map.of("name", "P+R Noord", "a=b", "c,d=e")))
                .isEqualTo("parking\\ place\\,x,a\\=b=c\\,d\\=e,name=P+R\\ Noord");
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("value", 298.0);
        fields.put("lower 80", 1.25e-7);
        assertThat(LineProtocol.line("m", fields, 1795869000000000000L))
                .isEqualTo("m value=298.0,lower\\ 80=0.000000125 1795869000000000000");
        assertThat(LineProtocol.formatFloat(1e21)).isEqualTo("1000000000000000000000");
        assertThat(LineProtocol.formatFloat(-0.5)).isEqualTo("-0.5");
    }

    @Test
    void uncheckedEscapingIsTheSameEscapingWithoutTheChecks() {
        String plain = "P+R_Noord";
        assertThat(LineProtocol.escapeUnchecked(plain, true)).isSameAs(plain);
        assertThat(LineProtocol.escapeUnchecked("a b,c=d", true)).isEqualTo("a\\ b\\,c\\=d");
        assertThat(LineProtocol.escapeUnchecked("a b,c=d", false)).isEqualTo("a\\ b\\,c=d");
        assertThat(LineProtocol.escapeKey("a b,c=d")).isEqualTo(LineProtocol.escapeUnchecked("a b,c=d", true));
        // what InfluxDB returned is escaped as it is, even where the strict form refuses it
        assertThat(LineProtocol.escapeUnchecked("dir\\", true)).isEqualTo("dir\\");
        assertThatThrownBy(() -> LineProtocol.escapeKey("dir\\")).hasMessageContaining("backslash");
    }

    @Test
    void refusesWhatLineProtocolCannotCarry() {
        assertThatThrownBy(() -> LineProtocol.formatFloat(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LineProtocol.seriesKey("m", Map.of("t", ""))).hasMessageContaining("tag 't' has an empty value");
        assertThatThrownBy(() -> LineProtocol.seriesKey("m", Map.of("t", "a\nb"))).hasMessageContaining("newline");
        assertThatThrownBy(() -> LineProtocol.seriesKey("m", Map.of("t", "a\\"))).hasMessageContaining("backslash");
        assertThatThrownBy(() -> LineProtocol.escapeMeasurement("")).hasMessageContaining("must not be empty");
    }
}
