package io.jenkins.plugins.influxforecast.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineProtocolWriterTest {

    @Test
    void escapesAsTheProtocolSpecifies() {
        assertThat(LineProtocolWriter.seriesKey("parking place,x", Map.of("name", "P+R Noord", "a=b", "c,d=e")))
                .isEqualTo("parking\\ place\\,x,a\\=b=c\\,d\\=e,name=P+R\\ Noord");
        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put("value", 298.0);
        fields.put("lower 80", 1.25e-7);
        assertThat(LineProtocolWriter.line("m", fields, 1795869000000000000L))
                .isEqualTo("m value=298.0,lower\\ 80=0.000000125 1795869000000000000");
        assertThat(LineProtocolWriter.formatFloat(1e21)).isEqualTo("1000000000000000000000");
        assertThat(LineProtocolWriter.formatFloat(-0.5)).isEqualTo("-0.5");
    }

    @Test
    void uncheckedEscapingIsTheSameEscapingWithoutTheChecks() {
        String plain = "P+R_Noord";
        assertThat(LineProtocolWriter.escapeUnchecked(plain, true)).isSameAs(plain);
        assertThat(LineProtocolWriter.escapeUnchecked("a b,c=d", true)).isEqualTo("a\\ b\\,c\\=d");
        assertThat(LineProtocolWriter.escapeUnchecked("a b,c=d", false)).isEqualTo("a\\ b\\,c=d");
        assertThat(LineProtocolWriter.escapeKey("a b,c=d")).isEqualTo(LineProtocolWriter.escapeUnchecked("a b,c=d", true));
        // what InfluxDB returned is escaped as it is, even where the strict form refuses it
        assertThat(LineProtocolWriter.escapeUnchecked("dir\\", true)).isEqualTo("dir\\");
        assertThatThrownBy(() -> LineProtocolWriter.escapeKey("dir\\")).hasMessageContaining("backslash");
    }

    @Test
    void refusesWhatLineProtocolCannotCarry() {
        assertThatThrownBy(() -> LineProtocolWriter.formatFloat(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LineProtocolWriter.seriesKey("m", Map.of("t", ""))).hasMessageContaining("tag 't' has an empty value");
        assertThatThrownBy(() -> LineProtocolWriter.seriesKey("m", Map.of("t", "a\nb"))).hasMessageContaining("line break");
        assertThatThrownBy(() -> LineProtocolWriter.seriesKey("m", Map.of("t", "a\\"))).hasMessageContaining("backslash");
        assertThatThrownBy(() -> LineProtocolWriter.escapeMeasurement("")).hasMessageContaining("must not be empty");
    }
}
