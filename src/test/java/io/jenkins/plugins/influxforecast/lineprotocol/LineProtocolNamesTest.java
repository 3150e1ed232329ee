package io.jenkins.plugins.influxforecast.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.pipeline.ForecastRequest;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineProtocolNamesTest {

    @TempDir
    Path dir;

    @Test
    void namesThatLineProtocolCarriesAsGivenPass() {
        for (String v : List.of("c:\\\\dir", "c:\\dir", "a b,c=d", "a\\\\ b", "#hash", "ünï✓😀", "x\"y'z", "%41=", "tab\tin")) {
            assertThatCode(() -> LineProtocolNames.checkTagValue("k", v)).as(v).doesNotThrowAnyException();
            String escaped = LineProtocolWriter.escapeTagValue("k", v);
            assertThat(LineProtocolNames.read(escaped, true)).as(v).isEqualTo(v);
        }
    }

    @Test
    void namesThatWouldComeBackAsSomethingElseAreRefusedWithTheReason() {
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("#m")).hasMessageContaining("starts with '#'")
                .hasMessageContaining("comment");
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("\tm")).hasMessageContaining("starts with a tab");
        assertThatThrownBy(() -> LineProtocolNames.checkTagKey("time")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> LineProtocolNames.checkFieldKey("time")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("host", "")).hasMessageContaining("tag 'host' has an empty value");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "dir\\")).hasMessageContaining("ends with a backslash");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\\ b")).hasMessageContaining("backslash that InfluxDB"
                + " would read as an escape");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\\,b")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\\=b")).hasMessageContaining("backslash");
        assertThatCode(() -> LineProtocolNames.checkMeasurement("a\\=b")).doesNotThrowAnyException(); // no '=' escape there
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\nb")).hasMessageContaining("line break");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "\uFEFFa")).hasMessageContaining("byte-order mark");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\uD800")).hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> LineProtocolNames.checkKeySize(65_000, 600, "f")).hasMessageContaining("65604 bytes");
    }

    @Test
    void tagSetsAreReadAsInfluxDbReadsThemAndAnEmptyValueIsNoTag() {
        // InfluxDB 1.x CSV: backslashes are not escaped, only , = and space
        assertThat(LineProtocolTags.parse("host=c:\\\\dir,x=a\\ b\\,c\\=d,y=e\\f")).containsExactly(
                Map.entry("host", "c:\\\\dir"), Map.entry("x", "a b,c=d"), Map.entry("y", "e\\f"));
        assertThat(LineProtocolTags.parse("host=,region=eu")).containsExactly(Map.entry("region", "eu"));
        assertThat(LineProtocolTags.parse("k=a\\\\\\ b")).containsExactly(Map.entry("k", "a\\\\ b"));
        for (String v : List.of("c:\\\\dir", "c:\\dir", "a b,c=d", "a\\\\ b", "e=f\\g")) {
            String text = LineProtocol.tagSet(Map.of("k", v, "z", "1"));
            assertThat(LineProtocolTags.parse(text)).as(text).containsEntry("k", v);
        }
        assertThatThrownBy(() -> LineProtocolTags.parse("=v")).hasMessageContaining("empty tag key");
    }

    @Test
    void forecastRefusesANameLoadWouldRefuseBeforeWritingAnyOutput() throws Exception {
        Path csv = dir.resolve("in.csv");
        StringBuilder sb = new StringBuilder("name,tags,time,value\n");
        for (int i = 0; i < 48; i++) {
            sb.append("#cpu,host=a,").append(1_700_000_000_000_000_000L + i * 3_600_000_000_000L).append(',').append(i % 5)
                    .append('\n');
        }
        Files.writeString(csv, sb);
        Map<String, Object> o = new HashMap<>();
        o.put("input", csv.toString());
        o.put("outputDir", dir.resolve("out").toString());
        o.put("model", "naive");
        o.put("horizon", "3");
        o.put("validation", "0");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new ForecastRunner(new PrintStream(log, true,
                StandardCharsets.UTF_8)).run(ForecastRequest.fromOptions(o)));
        assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series '#cpu'")
                .hasMessageContaining("measurement '#cpu-prediction' starts with '#'");
        assertThat(dir.resolve("out").resolve("forecast.lp")).doesNotExist();
        assertThat(dir.resolve("out").resolve("forecast.csv")).doesNotExist();

        // the options' names are checked before anything is read
        o.put("measurement", "pred");
        o.put("tags", List.of("time=x"));
        assertThatThrownBy(() -> ForecastRequest.fromOptions(o)).hasMessageContaining("tag key 'time' is reserved");
        o.put("tags", List.of("k=v"));
        o.put("field", "time");
        assertThatThrownBy(() -> ForecastRequest.fromOptions(o)).hasMessageContaining("field key 'time' is reserved");
    }
}
