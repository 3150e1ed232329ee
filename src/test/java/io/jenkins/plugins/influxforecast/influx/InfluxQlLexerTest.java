package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.influx.InfluxQlLexer.Kind;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The InfluxQL tokens one by one (kind, decoded text, position) and the read-only check's
 * messages: what the server would run is decided on these, so each rule is pinned here.
 */
class InfluxQlLexerTest {

    /** The tokens as {@code KIND:text@offset}, space separated. */
    private static String lex(String query) {
        return InfluxQlLexer.tokens(query).stream().map(t -> t.kind() + ":" + t.text() + "@" + t.offset())
                .collect(Collectors.joining(" "));
    }

    private static String lexError(String query) {
        try {
            InfluxQlLexer.tokens(query);
            return null;
        } catch (InfluxQlLexer.LexException e) {
            return e.getMessage();
        }
    }

    @Test
    void wordsNumbersAndWhiteSpace() {
        assertThat(lex("\tSELECT\r\n_a1 b_2 Zz")).isEqualTo("WORD:SELECT@1 WORD:_a1@9 WORD:b_2@13 WORD:Zz@17");
        assertThat(lex("12 1.5 1. .5 10m 10\u00b5s 1h30m 3e5 0"))
                .isEqualTo("NUMBER:12@0 NUMBER:1.5@3 NUMBER:1.@7 NUMBER:.5@10 NUMBER:10m@13 NUMBER:10\u00b5s@17"
                        + " NUMBER:1h30m@22 NUMBER:3e5@28 NUMBER:0@32");
        assertThat(lex("9a 9.x")).isEqualTo("NUMBER:9a@0 NUMBER:9.@3 WORD:x@5");
        assertThat(lex("a.b .a x.")).isEqualTo("WORD:a@0 DOT:.@1 WORD:b@2 DOT:.@4 WORD:a@5 WORD:x@7 DOT:.@8");
        assertThat(lex(".")).isEqualTo("DOT:.@0");
        assertThat(lex("a = 1.5")).isEqualTo("WORD:a@0 OPERATOR:=@2 NUMBER:1.5@4");
        assertThat(lex("1.")).isEqualTo("NUMBER:1.@0");
        assertThat(lex("10m")).isEqualTo("NUMBER:10m@0");
        assertThat(lex("\u03c0")).isEqualTo("NUMBER:\u03c0@0");
        assertThat(lex("")).isEmpty();
        assertThat(lex(" \n ")).isEmpty();
    }

    @Test
    void operatorsAndPunctuation() {
        assertThat(lex("a+b-c*d%e&f|g^h")).isEqualTo("WORD:a@0 OPERATOR:+@1 WORD:b@2 OPERATOR:-@3 WORD:c@4 STAR:*@5 WORD:d@6"
                + " OPERATOR:%@7 WORD:e@8 OPERATOR:&@9 WORD:f@10 OPERATOR:|@11 WORD:g@12 OPERATOR:^@13 WORD:h@14");
        assertThat(lex("= =~ != !~ < <= <> > >= : :: ( ) , ;"))
                .isEqualTo("OPERATOR:=@0 REGEX_OPERATOR:=~@2 OPERATOR:!=@5 REGEX_OPERATOR:!~@8 OPERATOR:<@11 OPERATOR:<=@13"
                        + " OPERATOR:<>@16 OPERATOR:>@19 OPERATOR:>=@21 OPERATOR::@24 OPERATOR:::@26 LPAREN:(@29 RPAREN:)@31"
                        + " COMMA:,@33 SEMICOLON:;@35");
        assertThat(lex("a<b>c:d=e")).isEqualTo("WORD:a@0 OPERATOR:<@1 WORD:b@2 OPERATOR:>@3 WORD:c@4 OPERATOR::@5 WORD:d@6"
                + " OPERATOR:=@7 WORD:e@8");
        assertThat(lex("<")).isEqualTo("OPERATOR:<@0");
        assertThat(lex(">")).isEqualTo("OPERATOR:>@0");
        assertThat(lex(":")).isEqualTo("OPERATOR::@0");
        assertThat(lex("=")).isEqualTo("OPERATOR:=@0");
        assertThat(lex("-")).isEqualTo("OPERATOR:-@0");
        assertThat(lex("$a_1 $ $9x")).isEqualTo("PARAMETER:$a_1@0 PARAMETER:$@5 PARAMETER:$9x@7");
        assertThat(lexError("a ! b")).isEqualTo("query has the character '!' at position 3, which InfluxQL does not allow outside quotes");
        assertThat(lexError("a !")).isEqualTo("query has the character '!' at position 3, which InfluxQL does not allow outside quotes");
    }

    @Test
    void commentsRunToTheLineEndOrTheirClose() {
        assertThat(lex("a -- x ; DROP\nb")).isEqualTo("WORD:a@0 WORD:b@14");
        assertThat(lex("a -- x ; DROP\rb")).isEqualTo("WORD:a@0 WORD:b@14");
        assertThat(lex("a --")).isEqualTo("WORD:a@0");
        assertThat(lex("a /* ; DROP\n */ b /**/c")).isEqualTo("WORD:a@0 WORD:b@16 WORD:c@22");
        assertThat(lexError("a /* open")).isEqualTo("query has an unterminated comment starting at position 3");
        assertThat(lexError("a /*/")).isEqualTo("query has an unterminated comment starting at position 3");
    }

    @Test
    void stringsAndQuotedIdentifiersDecodeTheirEscapes() {
        assertThat(lex("'a\\'b\\\\c\\nd\\\"e' \"x\\\"y\" ''")).isEqualTo("STRING:a'b\\c\nd\"e@0 IDENTIFIER:x\"y@16 STRING:@23");
        assertThat(lex("ab\"x y\" c")).isEqualTo("IDENTIFIER:x y@0 WORD:c@8");
        assertThat(lex("SELECT\"INTO\"")).isEqualTo("IDENTIFIER:INTO@0");
        assertThat(lex("'a\"b' \"a'b\"")).isEqualTo("STRING:a\"b@0 IDENTIFIER:a'b@6");
        assertThat(lexError("x 'open")).isEqualTo("query has an unterminated string starting at position 3");
        assertThat(lexError("x \"open")).isEqualTo("query has an unterminated quoted identifier starting at position 3");
        assertThat(lexError("x 'a\nb'")).isEqualTo("query has a line break inside the string starting at position 3 (write \\n)");
        assertThat(lexError("x \"a\rb\"")).isEqualTo("query has a line break inside the quoted identifier starting at position 3"
                + " (write \\n)");
        assertThat(lexError("x 'a\\tb'")).isEqualTo("query has the bad escape \\t at position 5 in the string starting at position 3"
                + " (allowed: \\\\ \\' \\\" \\n)");
        assertThat(lexError("x \"a\\")).isEqualTo("query has the bad escape \\ at position 5 in the quoted identifier starting"
                + " at position 3 (allowed: \\\\ \\' \\\" \\n)");
    }

    @Test
    void aSlashIsARegexWhereNoOperandPrecedesIt() {
        assertThat(lex("/a/")).isEqualTo("REGEX:a@0");
        assertThat(lex("SELECT /a/")).isEqualTo("WORD:SELECT@0 REGEX:a@7");
        assertThat(lex("from /a/")).isEqualTo("WORD:from@0 REGEX:a@5");
        assertThat(lex("By /a/")).isEqualTo("WORD:By@0 REGEX:a@3");
        for (String before : List.of(",", ".", "(", "=~", "!~", "=", "+", "<", ";")) {
            assertThat(InfluxQlLexer.tokens("x " + before + " /r/").get(2))
                    .as(before).isEqualTo(new InfluxQlLexer.Token(Kind.REGEX, "r", 3 + before.length()));
        }
        // after an operand it divides
        assertThat(lex("a/2")).isEqualTo("WORD:a@0 OPERATOR:/@1 NUMBER:2@2");
        assertThat(lex("\"a\"/2")).isEqualTo("IDENTIFIER:a@0 OPERATOR:/@3 NUMBER:2@4");
        assertThat(lex("'a'/2")).isEqualTo("STRING:a@0 OPERATOR:/@3 NUMBER:2@4");
        assertThat(lex("4/2")).isEqualTo("NUMBER:4@0 OPERATOR:/@1 NUMBER:2@2");
        assertThat(lex("/r//2")).isEqualTo("REGEX:r@0 OPERATOR:/@3 NUMBER:2@4");
        assertThat(lex("$p/2")).isEqualTo("PARAMETER:$p@0 OPERATOR:/@2 NUMBER:2@3");
        assertThat(lex("(a)/2")).isEqualTo("LPAREN:(@0 WORD:a@1 RPAREN:)@2 OPERATOR:/@3 NUMBER:2@4");
        assertThat(lex("*/2")).isEqualTo("STAR:*@0 OPERATOR:/@1 NUMBER:2@2");
        assertThat(lex("selected/2")).isEqualTo("WORD:selected@0 OPERATOR:/@8 NUMBER:2@9");
    }

    @Test
    void insideARegexOnlyAnEscapedSlashIsDecoded() {
        assertThat(lex("/a\\/b/")).isEqualTo("REGEX:a/b@0");
        assertThat(lex("/a\\db/ x")).isEqualTo("REGEX:a\\db@0 WORD:x@7");
        assertThat(lex("/'\"-- ;/")).isEqualTo("REGEX:'\"-- ;@0");
        assertThat(lex("//")).isEqualTo("REGEX:@0");
        assertThat(lexError("x =~ /a")).isEqualTo("query has an unterminated regular expression starting at position 6");
        assertThat(lexError("x =~ /a\\")).isEqualTo("query has an unterminated regular expression starting at position 6");
        assertThat(lexError("x =~ /a\\/")).isEqualTo("query has an unterminated regular expression starting at position 6");
        assertThat(lexError("x =~ /a\nb/")).isEqualTo("query has a line break inside the regular expression starting at position 6");
        assertThat(lexError("x =~ /a\rb/")).isEqualTo("query has a line break inside the regular expression starting at position 6");
    }

    @Test
    void aCharacterOutsideInfluxQlIsNamedWithItsPosition() {
        assertThat(lexError("a\u0001")).isEqualTo("query has the character U+0001 at position 2, which InfluxQL does not allow outside quotes");
        assertThat(lexError("a\u2003b")).contains("character U+2003 at position 2");
        assertThat(lexError("a\u000bb")).contains("character U+000B at position 2");
        assertThat(lexError("a\u00e9")).contains("character '\u00e9' at position 2");
        assertThat(lexError("a#")).contains("character '#' at position 2");
        assertThat(lexError("a \uD83D\uDE00")).contains("character '\uD83D\uDE00' at position 3");
        assertThat(lexError("a ?")).contains("character '?' at position 3");
    }

    @Test
    void onlyOneSelectOrShowWithoutIntoPasses() {
        for (String q : List.of("SHOW DATABASES", "show measurements", "Select v from m", ";;SELECT v FROM m;;", "SELECT \"INTO\" FROM m",
                "SELECT v FROM m WHERE t = 'INTO x'", "SELECT v FROM /INTO/", "SELECT xINTO\"y\" FROM m", "SELECT intox FROM m")) {
            assertThatCode(() -> InfluxQl.checkReadOnly(q)).as(q).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> InfluxQl.checkReadOnly(null)).hasMessage("query must not be empty");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("")).hasMessage("query must not be empty");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly(" ; ;")).hasMessage("query holds no statement");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("select * into x from m"))
                .hasMessage("query must not contain INTO (extract only reads; SELECT ... INTO writes), found at position 10");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT * INTO\"x\" FROM m"))
                .hasMessage("query must not contain INTO (extract only reads; SELECT ... INTO writes), found at position 10");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT * into\"x\" FROM m")).hasMessageContaining("found at position 10");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SHOW x INTO y")).hasMessageContaining("found at position 8");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m WHERE a = 1 INTO")).hasMessageContaining("found at position 29");
    }

    @Test
    void aRefusalShowsWhatStartsTheOffendingStatement() {
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m;SELECT v FROM n;SHOW x"))
                .hasMessage("query must be one statement (extract only reads), got 3 separated by ';', the second starting at"
                        + " position 17 with SELECT");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m; \"x\"")).hasMessageEndingWith(
                "position 18 with the quoted identifier \"x\"");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m; 'x'")).hasMessageEndingWith("position 18 with a string");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m; /x/")).hasMessageEndingWith(
                "position 18 with a regular expression");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("SELECT v FROM m; (")).hasMessageEndingWith("position 18 with '('");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("'DROP'")).hasMessage(
                "query must be a SELECT or a SHOW statement (extract only reads), got one starting with a string");
        assertThatThrownBy(() -> InfluxQl.checkReadOnly("delete from m")).hasMessageEndingWith("got one starting with delete");
        String longWord = "A".repeat(40);
        assertThatThrownBy(() -> InfluxQl.checkReadOnly(longWord)).hasMessageEndingWith("starting with " + longWord);
        assertThatThrownBy(() -> InfluxQl.checkReadOnly(longWord + "B")).hasMessageEndingWith("starting with " + longWord + "...");
    }

    @Test
    void quotingAndDurations() {
        assertThat(InfluxQl.identifier("it's")).isEqualTo("\"it's\"");
        assertThat(InfluxQl.identifier("a\nb")).isEqualTo("\"a\\nb\"");
        assertThat(InfluxQl.string("\\\\'")).isEqualTo("'\\\\\\\\\\''");
        assertThatThrownBy(() -> InfluxQl.identifier(null)).hasMessage("an InfluxQL identifier cannot be empty");
        // whatever is quoted comes back as itself from the lexer
        for (String v : List.of("x' OR 1=1 --", "a\\b", "l\nb", "\"q\"", "/r/;", "")) {
            assertThat(InfluxQlLexer.tokens(InfluxQl.string(v))).containsExactly(new InfluxQlLexer.Token(Kind.STRING, v, 0));
            if (!v.isEmpty()) {
                assertThat(InfluxQlLexer.tokens(InfluxQl.identifier(v))).containsExactly(new InfluxQlLexer.Token(Kind.IDENTIFIER, v, 0));
            }
        }
        for (String d : List.of("1ns", "2u", "3\u00b5", "4ms", "5s", "6m", "7h", "8d", "9w", "123456789012m", " 10m ")) {
            assertThat(InfluxQl.isDuration(d)).as(d).isTrue();
            assertThat(InfluxQl.duration("window", d)).isEqualTo(d.trim());
        }
        for (String d : List.of("1234567890123m", "01m", "1y", "m", "1", "1.5h", "")) {
            assertThat(InfluxQl.isDuration(d)).as(d).isFalse();
        }
        assertThat(InfluxQl.isDuration(null)).isFalse();
        assertThatThrownBy(() -> InfluxQl.duration("window", null)).hasMessageEndingWith("got 'null'");
        assertThatThrownBy(() -> InfluxQl.duration("season", " 1y ")).hasMessageStartingWith("season must be")
                .hasMessageEndingWith("got ' 1y '");
    }
}
