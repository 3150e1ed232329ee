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

    @Test
    void eachRefusalNamesThePartTheNameAndTheReason() {
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement(null)).hasMessage("measurement must not be empty");
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("")).hasMessage("measurement must not be empty");
        assertThatThrownBy(() -> LineProtocolNames.checkTagKey("")).hasMessage("tag key must not be empty");
        assertThatThrownBy(() -> LineProtocolNames.checkFieldKey(null)).hasMessage("field key must not be empty");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", null))
                .hasMessage("tag 'k' has an empty value; line protocol has none (write the series without that tag)");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("a\nb", "")).hasMessageStartingWith("tag 'a\\nb' has an empty value");
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("#m"))
                .hasMessage("measurement '#m' starts with '#': line protocol would make each of its lines a comment, and"
                        + " InfluxDB would skip them");
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("\tm"))
                .hasMessage("measurement '\tm' starts with a tab, which InfluxDB skips at the start of a line");
        assertThatThrownBy(() -> LineProtocolNames.checkTagKey("time")).hasMessage("tag key 'time' is reserved by InfluxDB; rename it");
        assertThatThrownBy(() -> LineProtocolNames.checkTagKey("_Measurement")).hasMessage(
                "tag key '_Measurement' is reserved by InfluxDB; rename it");
        assertThatThrownBy(() -> LineProtocolNames.checkTagKey("_FIELD")).hasMessageContaining("'_FIELD' is reserved");
        assertThatThrownBy(() -> LineProtocolNames.checkFieldKey("time")).hasMessage("field key 'time' is reserved by InfluxDB; rename it");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\rb"))
                .hasMessage("value of tag 'k' 'a\\rb' contains a line break, which line protocol cannot carry as given");
        assertThatThrownBy(() -> LineProtocolNames.checkFieldKey("a\nb"))
                .hasMessage("field key 'a\\nb' contains a line break, which line protocol cannot carry as given");
        assertThatThrownBy(() -> LineProtocolNames.checkTagKey("a\0b"))
                .hasMessage("tag key 'a\\0b' contains a NUL character, which line protocol cannot carry as given");
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("m\uFEFF"))
                .hasMessage("measurement 'm\uFEFF' contains a byte-order mark (U+FEFF), which line protocol cannot carry as given");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "dir\\"))
                .hasMessage("value of tag 'k' 'dir\\' ends with a backslash, which InfluxDB refuses (\"invalid tag format\")");
        assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", "a\\=b"))
                .hasMessage("value of tag 'k' 'a\\=b' has a backslash that InfluxDB would read as an escape (before a space,"
                        + " comma, equals sign or at the end), so it would store another name; line protocol cannot carry it");
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement("a\\ b"))
                .hasMessage("measurement 'a\\ b' has a backslash that InfluxDB would read as an escape (before a space,"
                        + " comma or at the end), so it would store another name; line protocol cannot carry it");
        assertThatThrownBy(() -> LineProtocolNames.checkFieldKey("a\\,b")).hasMessageContaining("would read as an escape");
    }

    @Test
    void aLongNameIsShownCutTo200Characters() {
        String name = "#" + "x".repeat(199);
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement(name)).hasMessageStartingWith("measurement '" + name + "' starts");
        String longer = name + "y";
        assertThatThrownBy(() -> LineProtocolNames.checkMeasurement(longer)).hasMessageStartingWith(
                "measurement '" + name + "...' starts");
    }

    @Test
    void surrogatesPassOnlyInPairs() {
        for (String ok : List.of("\uD83D\uDE00", "a\uD83D\uDE00b", "\uDBFF\uDFFF")) {
            assertThatCode(() -> LineProtocolNames.checkTagValue("k", ok)).as(ok).doesNotThrowAnyException();
        }
        for (String bad : List.of("\uD83D", "\uDE00", "a\uDE00\uD83D", "\uD83Da", "a\uDE00", "\uD83D\uD83D", "\uDE00\uDE00")) {
            assertThatThrownBy(() -> LineProtocolNames.checkTagValue("k", bad)).as(bad)
                    .hasMessageEndingWith("contains a lone surrogate (not Unicode), which line protocol cannot carry as given");
        }
    }

    @Test
    void namesTheRulesLetThrough() {
        for (String ok : List.of("Time", "TIME", "_measurementx", "x_field", "a=b", "m\tx", " m", "m#")) {
            assertThatCode(() -> LineProtocolNames.checkTagKey(ok.replace("=", "_"))).as(ok).doesNotThrowAnyException();
            assertThatCode(() -> LineProtocolNames.checkMeasurement(ok)).as(ok).doesNotThrowAnyException();
        }
        assertThatCode(() -> LineProtocolNames.checkFieldKey("Time")).doesNotThrowAnyException();
        assertThatCode(() -> LineProtocolNames.checkFieldKey("_field")).doesNotThrowAnyException();
        assertThatCode(() -> LineProtocolNames.checkTagValue("k", "time")).doesNotThrowAnyException();
    }

    @Test
    void theKeySizeLimitIsInfluxDbsWithItsSeparator() {
        assertThatCode(() -> LineProtocolNames.checkKeySize(65_000, 531, "f")).doesNotThrowAnyException();
        assertThatThrownBy(() -> LineProtocolNames.checkKeySize(65_000, 532, "f"))
                .hasMessage("the series key with field 'f' is 65536 bytes; InfluxDB allows at most 65535");
        assertThatThrownBy(() -> LineProtocolNames.checkKeySize(Integer.MAX_VALUE, Integer.MAX_VALUE, "a\nb"))
                .hasMessage("the series key with field 'a\\nb' is 4294967298 bytes; InfluxDB allows at most 65535");
    }

    @Test
    void readingAndUnescapingAsInfluxDb() {
        assertThat(LineProtocolNames.read("a\\ b", true)).isEqualTo("a b");
        assertThat(LineProtocolNames.read("a\\", true)).isNull();
        assertThat(LineProtocolNames.read("a\\\\", true)).isEqualTo("a\\\\");
        assertThat(LineProtocolNames.read("a,b", false)).isNull();
        assertThat(LineProtocolNames.read("a b", false)).isNull();
        assertThat(LineProtocolNames.read("a=b", true)).isNull();
        assertThat(LineProtocolNames.read("a=b", false)).isEqualTo("a=b");
        assertThat(LineProtocolNames.read("a\\=b", false)).isEqualTo("a\\=b");
        assertThat(LineProtocolNames.read("a\\=b", true)).isEqualTo("a=b");
        assertThat(LineProtocolNames.read("", true)).isEmpty();
        assertThat(LineProtocolNames.unescape("a\\,b\\ c\\=d\\x", true)).isEqualTo("a,b c=d\\x");
        assertThat(LineProtocolNames.unescape("a\\,b\\ c\\=d\\x", false)).isEqualTo("a,b c\\=d\\x");
        assertThat(LineProtocolNames.unescape("plain", true)).isEqualTo("plain");
    }
}
