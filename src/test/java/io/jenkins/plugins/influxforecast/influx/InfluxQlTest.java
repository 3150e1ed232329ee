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
            assertThatCode(() -> InfluxQl.checkReadOnly(q)).as(q).doesNotThrowAnyException();
        }
    }

    @Test
    void writesAndSeveralStatementsAreRefused() {
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("DROP DATABASE x"))
                .hasMessage("query must be a SELECT or a SHOW statement (extract only reads), got one starting with DROP");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT * INTO other FROM m"))
                .hasMessage("query must not contain INTO (extract only reads; SELECT ... INTO writes), found at position 10");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT value FROM m; DROP MEASUREMENT m"))
                .hasMessage("query must be one statement (extract only reads), got 2 separated by ';', the second starting"
                        + " at position 22 with DROP");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT value FROM m WHERE k = 'open"))
                .hasMessage("query has an unterminated string starting at position 31");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("  ")).hasMessage("query must not be empty");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("-- only a comment")).hasMessage("query holds no statement");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v\u00a0FROM m")).hasMessage(
                "query has the character U+00A0 at position 9, which InfluxQL does not allow outside quotes");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m WHERE a = 'x\\q'"))
                .hasMessageContaining("bad escape \\q");
    }

    @Test
    void aSlashAfterAnOperandDividesAndStartsARegexOnlyWhereNoOperandPrecedes() {
        // the probe from issue 11: a lexer that takes every '/' for a regex passes the INTO and refuses the division
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT a/2 INTO other FROM m WHERE b = 4/2"))
                .hasMessageContaining("must not contain INTO");
        for (String q : List.of("SELECT value / 2 FROM m", "SELECT value/2 FROM m WHERE b = 4/2", "SELECT (a)/2 FROM m",
                "SELECT \"a\"/2 FROM m", "SELECT * FROM m WHERE time > now() - 1h/2", "SELECT mean(v)/2 FROM m GROUP BY time(1h)",
                "SELECT v FROM /a;b/", "SELECT v FROM m WHERE host =~ /x\\/;INTO/", "SELECT /v/ FROM m", "SELECT a, /b/ FROM m",
                "SELECT v FROM m GROUP BY /h/", "SELECT v FROM \"db\".\"rp\"./m;INTO/", "SELECT v /* INTO x; DROP */ FROM m")) {
            assertThatCode(() -> InfluxQl.checkReadOnly(q)).as(q).doesNotThrowAnyException();
        }
        // a backslash before a backslash does not end InfluxDB's regex early: the second one escapes the slash
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m WHERE h =~ /a\\\\/ ; DROP DATABASE d"))
                .hasMessageContaining("unterminated regular expression");
        assertThatCode(() -> InfluxQl.checkReadOnly("SELECT v FROM m WHERE h =~ /a\\\\/ ; DROP DATABASE d ; SELECT v FROM /"))
                .doesNotThrowAnyException();
    }

    @Test
    void tokensAreInfluxDbsOwn() {
        List<InfluxQlLexer.Token> t = InfluxQlLexer.tokens("SELECT\"x\" FROM m WHERE a = 'it\\'s' -- c\n AND b =~ /c\\/d/");
        assertThat(t).extracting(InfluxQlLexer.Token::kind).containsExactly(InfluxQlLexer.Kind.IDENTIFIER,
                InfluxQlLexer.Kind.WORD, InfluxQlLexer.Kind.WORD, InfluxQlLexer.Kind.WORD, InfluxQlLexer.Kind.WORD,
                InfluxQlLexer.Kind.OPERATOR, InfluxQlLexer.Kind.STRING, InfluxQlLexer.Kind.WORD, InfluxQlLexer.Kind.WORD,
                InfluxQlLexer.Kind.REGEX_OPERATOR, InfluxQlLexer.Kind.REGEX);
        assertThat(t.get(0).text()).isEqualTo("x");
        assertThat(t.get(6).text()).isEqualTo("it's");
        assertThat(t.get(10).text()).isEqualTo("c/d");
        assertThat(InfluxQlLexer.tokens("1.5 10m .5 1h30m")).extracting(InfluxQlLexer.Token::text)
                .containsExactly("1.5", "10m", ".5", "1h30m");
    }
}
