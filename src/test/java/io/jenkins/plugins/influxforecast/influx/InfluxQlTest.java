package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxQlTest {

    @Test
    void stringLiteralsEscapeBackslashQuoteAndNewlineOnly() {
        assertThat(InfluxQl.string("x' OR 1=1 --")).isEqualTo("'x\\' OR 1=1 --'");
        assertThat(InfluxQl.string("a\\b")).isEqualTo("'a\\\\b'");
        assertThat(InfluxQl.string("line\nbreak")).isEqualTo("'line\\nbreak'");
        assertThat(InfluxQl.string("say \"hi\", ok")).isEqualTo("'say \"hi\", ok'");
        assertThat(InfluxQl.string("")).isEqualTo("''");
    }

    @Test
    void identifiersAreDoubleQuoted() {
        assertThat(InfluxQl.identifier("name")).isEqualTo("\"name\"");
        assertThat(InfluxQl.identifier("we\"ird\\")).isEqualTo("\"we\\\"ird\\\\\"");
        assertThatThrownBy(() -> InfluxQl.identifier("")).hasMessageContaining("cannot be empty");
    }

    @Test
    void durations() {
        assertThat(InfluxQl.duration("window", "10m")).isEqualTo("10m");
        assertThat(InfluxQl.isDuration("7d")).isTrue();
        assertThat(InfluxQl.isDuration("2024-01-01")).isFalse();
        assertThatThrownBy(() -> InfluxQl.duration("window", "10 minutes"))
                .hasMessage("window must be an InfluxQL duration such as 10m, 1h, 7d (units ns, u, ms, s, m, h, d, w), got '10 minutes'");
        assertThatThrownBy(() -> InfluxQl.duration("window", "0m")).hasMessageContaining("got '0m'");
        assertThatThrownBy(() -> InfluxQl.duration("window", "1h); DROP")).hasMessageContaining("window must be");
    }

    @Test
    void theArgoQueryAndOtherSelectsAreAccepted() {
        for (String q : List.of(InfluxRealServerIT.ARGO_QUERY,
                "select value from m;",
                "SELECT value FROM m WHERE k = 'a;b' AND \"we;ird\" = 'x\\'; DROP DATABASE y'",
                "-- comment\nSELECT value FROM m",
                "SELECT value FROM m WHERE host =~ /web;into/ -- trailing",
                "SELECT \"into\" FROM m")) {
            assertThatCode(() -> InfluxQl.checkReadOnlySelect(q)).as(q).doesNotThrowAnyException();
        }
    }

    @Test
    void writesAndSeveralStatementsAreRefused() {
        assertThatThrownBy(() -> InfluxQl.checkReadOnlySelect("DROP DATABASE x"))
                .hasMessage("query must be a SELECT statement (extract only reads), got one starting with DROP");
        assertThatThrownBy(() -> InfluxQl.checkReadOnlySelect("SELECT * INTO other FROM m"))
                .hasMessage("query must not contain INTO: extract only reads");
        assertThatThrownBy(() -> InfluxQl.checkReadOnlySelect("SELECT value FROM m; DROP MEASUREMENT m"))
                .hasMessageContaining("single SELECT statement");
        assertThatThrownBy(() -> InfluxQl.checkReadOnlySelect("SELECT value FROM m WHERE k = 'open"))
                .hasMessageContaining("unterminated quoted text");
        assertThatThrownBy(() -> InfluxQl.checkReadOnlySelect("  ")).hasMessage("query must not be empty");
        assertThatThrownBy(() -> InfluxQl.checkReadOnlySelect("-- only a comment")).hasMessage("query holds no statement");
    }
}
