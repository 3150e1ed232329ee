package io.jenkins.plugins.influxforecast.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.FieldType;
import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.SyntaxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scanner itself: where it finds each part of a line (raw positions, relative to a line that
 * starts inside a larger buffer, as it does when reading a file), the field types, the timestamp,
 * and the column that each error names.
 */
class LineScannerTest {

    private static final String BEFORE = "prev f=1 1\n";
    private static final String AFTER = "\nnext";

    /** Scans {@code line} placed after another line in one buffer, as a file reader does. */
    private static LineScanner scan(LineScanner sc, String line) {
        return scan(sc, line.getBytes(StandardCharsets.UTF_8));
    }

    private static LineScanner scan(LineScanner sc, byte[] line) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(BEFORE.getBytes(StandardCharsets.UTF_8));
        buf.writeBytes(line);
        buf.writeBytes(AFTER.getBytes(StandardCharsets.UTF_8));
        int start = BEFORE.length();
        sc.scan(buf.toByteArray(), start, start + line.length);
        return sc;
    }

    private static LineScanner scan(String line) {
        return scan(new LineScanner(), line);
    }

    private static String error(String line) {
        return error(line.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(byte[] line) {
        try {
            scan(new LineScanner(), line);
        } catch (SyntaxException e) {
            return e.getMessage();
        }
        return null;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (byte) values[k];
        }
        return out;
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        buf.writeBytes(middle);
        buf.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return buf.toByteArray();
    }

    /** The line as the scanner saw it: raw (still escaped) parts, types and timestamp. */
    private static String describe(LineScanner sc) {
        StringBuilder s = new StringBuilder();
        s.append(raw(sc, sc.measStart, sc.measEnd));
        for (int t = 0; t < sc.tagCount; t++) {
            s.append(" tag[").append(raw(sc, sc.tagKeyStart[t], sc.tagKeyEnd[t])).append('|')
                    .append(raw(sc, sc.tagValueStart[t], sc.tagValueEnd[t])).append(']');
        }
        for (int f = 0; f < sc.fieldCount; f++) {
            s.append(" field[").append(raw(sc, sc.fieldKeyStart[f], sc.fieldKeyEnd[f])).append(':').append(sc.fieldTypes[f])
                    .append(']');
        }
        s.append(sc.hasTimestamp ? " @" + sc.timestamp : " no-time");
        return s.toString();
    }

    private static String raw(LineScanner sc, int from, int to) {
        return new String(sc.b, from, to - from, StandardCharsets.UTF_8);
    }

    @Test
    void partsArePlacedInsideTheBufferNotAtItsStart() {
        LineScanner sc = scan("cpu,host=a,dc=x usage=1.5,n=3i 1700");
        assertThat(describe(sc)).isEqualTo("cpu tag[host|a] tag[dc|x] field[usage:FLOAT] field[n:INTEGER] @1700");
        int start = BEFORE.length();
        assertThat(sc.lineStart).isEqualTo(start);
        assertThat(sc.measStart).isEqualTo(start);
        assertThat(sc.measEnd).isEqualTo(start + 3);
        assertThat(sc.keyEnd).isEqualTo(start + "cpu,host=a,dc=x".length());
        assertThat(sc.measurement()).isEqualTo("cpu");
        assertThat(sc.fieldKey(1)).isEqualTo("n");
    }

    @Test
    void escapesStayInTheRawRangeAndAreDecodedOnRequest() {
        LineScanner sc = scan("we\\ ather\\,x=1,k\\=ey=v\\,a\\ l\\=ue f\\ k\\=\\,=t 5");
        assertThat(describe(sc)).isEqualTo("we\\ ather\\,x=1 tag[k\\=ey|v\\,a\\ l\\=ue] field[f\\ k\\=\\,:BOOLEAN] @5");
        assertThat(sc.measurement()).isEqualTo("we ather,x=1");
        assertThat(sc.text(sc.tagKeyStart[0], sc.tagKeyEnd[0], true)).isEqualTo("k=ey");
        assertThat(sc.text(sc.tagValueStart[0], sc.tagValueEnd[0], true)).isEqualTo("v,a l=ue");
        assertThat(sc.fieldKey(0)).isEqualTo("f k=,");
        // a backslash pairs with whatever follows it, another backslash included
        assertThat(describe(scan("m,t=c:\\\\dir f=1 1"))).isEqualTo("m tag[t|c:\\\\dir] field[f:FLOAT] @1");
        assertThat(describe(scan("m,t=a\\\\\\ b f=1 1"))).isEqualTo("m tag[t|a\\\\\\ b] field[f:FLOAT] @1");
        // an equals sign ends a key or a tag value, not a measurement
        assertThat(describe(scan("m=x f=1 1"))).isEqualTo("m=x field[f:FLOAT] @1");
    }

    @Test
    void everyFieldTypeIsRecognised() {
        assertThat(describe(scan("m a=1,b=-2i,c=3u,d=t,e=\"s\",f=-.5,g=1.,h=1e5,i=1E-5,j=2e+3,k=0i,l=0u 1")))
                .isEqualTo("m field[a:FLOAT] field[b:INTEGER] field[c:UNSIGNED] field[d:BOOLEAN] field[e:STRING]"
                        + " field[f:FLOAT] field[g:FLOAT] field[h:FLOAT] field[i:FLOAT] field[j:FLOAT] field[k:INTEGER]"
                        + " field[l:UNSIGNED] @1");
        for (String b : List.of("t", "T", "f", "F", "true", "True", "TRUE", "false", "False", "FALSE")) {
            assertThat(scan("m v=" + b + " 1").fieldTypes[0]).as(b).isEqualTo(FieldType.BOOLEAN);
        }
        for (String notBoolean : List.of("tRue", "truex", "fals", "falsey", "tt", "x", "yes")) {
            assertThat(error("m v=" + notBoolean + " 1")).as(notBoolean)
                    .isEqualTo("bad value '" + notBoolean + "' of field 'v' at column " + (5 + notBoolean.length()));
        }
        for (String number : List.of("1234", "12345", "1", "0", "-0", "1.5", ".5", "5.", "-1.5e-3", "1.9", "0.09", "9.0", "99")) {
            assertThat(scan("m v=" + number + " 1").fieldTypes[0]).as(number).isEqualTo(FieldType.FLOAT);
        }
    }

    @Test
    void floatLiteralsFollowInfluxDbsGrammar() {
        for (String bad : List.of("+1", "-", ".", "-.", "1.2.3", "1e", "1e+", "1E-", "e5", "1e5x", "1x", "--1", "1-", "0x10",
                "1_000", "1,5e", "1.5f")) {
            String v = bad.contains(",") ? bad.substring(0, bad.indexOf(',')) : bad;
            String message = error("m v=" + bad + " 1");
            assertThat(message).as(bad).isNotNull();
            if (!bad.contains(",")) {
                assertThat(message).as(bad).isEqualTo("bad value '" + v + "' of field 'v' at column " + (5 + v.length()));
            }
        }
        assertThat(error("m v=NaN 1")).isEqualTo("field 'v' is NaN; NaN and infinity cannot be stored in InfluxDB at column 8");
        assertThat(error("m v=-inf 1")).isEqualTo("field 'v' is -inf; NaN and infinity cannot be stored in InfluxDB at column 9");
        assertThat(error("m v=Infinity 1")).contains("is Infinity; NaN and infinity");
        assertThat(error("m v=nan 1")).contains("is nan; NaN and infinity");
    }

    @Test
    void floatsThatOverflowADoubleAreRefusedAndLargeOnesKept() {
        assertThat(error("m v=1.7e308 1")).isNull();
        assertThat(error("m v=1.8e308 1")).isEqualTo("field 'v' value 1.8e308 overflows a 64-bit float at column 12");
        assertThat(error("m v=-1e999 1")).contains("value -1e999 overflows a 64-bit float");
        assertThat(error("m v=1e-999 1")).isNull(); // underflow is zero, not an error
        // many digits without an exponent: 1 followed by 308 zeros fits, by 309 zeros it does not
        assertThat(error("m v=1" + "0".repeat(308) + " 1")).isNull();
        assertThat(error("m v=1" + "0".repeat(309) + " 1")).contains("overflows a 64-bit float");
        assertThat(error("m v=-2" + "0".repeat(308) + ".5 1")).contains("overflows a 64-bit float");
        assertThat(error("m v=0." + "0".repeat(400) + "1 1")).isNull();
    }

    @Test
    void integersAndUnsignedHaveTheirRanges() {
        assertThat(error("m v=9223372036854775807i 1")).isNull();
        assertThat(error("m v=-9223372036854775808i 1")).isNull();
        assertThat(error("m v=9223372036854775808i 1"))
                .isEqualTo("value '9223372036854775808i' of field 'v' is out of range at column 25");
        assertThat(error("m v=-9223372036854775809i 1")).contains("'-9223372036854775809i' of field 'v' is out of range");
        // 19 digits can overflow, 18 cannot
        assertThat(error("m v=9999999999999999999i 1")).contains("is out of range");
        assertThat(error("m v=999999999999999999i 1")).isNull();
        assertThat(error("m v=-999999999999999999i 1")).isNull();
        assertThat(error("m v=00000000000000000001i 1")).isNull();
        assertThat(error("m v=18446744073709551615u 1")).isNull();
        assertThat(error("m v=18446744073709551616u 1")).contains("'18446744073709551616u' of field 'v' is out of range");
        assertThat(error("m v=9999999999999999999u 1")).isNull();
        assertThat(error("m v=99999999999999999999u 1")).contains("is out of range");

        assertThat(error("m v=-5u 1")).isEqualTo("bad unsigned value '-5u' of field 'v' at column 8");
        assertThat(error("m v=i 1")).isEqualTo("bad integer value 'i' of field 'v' at column 6");
        assertThat(error("m v=u 1")).isEqualTo("bad unsigned value 'u' of field 'v' at column 6");
        assertThat(error("m v=-i 1")).isEqualTo("bad integer value '-i' of field 'v' at column 7");
        assertThat(error("m v=1.5i 1")).isEqualTo("bad integer value '1.5i' of field 'v' at column 9");
        assertThat(error("m v=1/i 1")).isEqualTo("bad integer value '1/i' of field 'v' at column 8");
        assertThat(error("m v=1:i 1")).isEqualTo("bad integer value '1:i' of field 'v' at column 8");
        assertThat(error("m v=1ai 1")).isEqualTo("bad integer value '1ai' of field 'v' at column 8");
        assertThat(error("m v=12-i 1")).isEqualTo("bad integer value '12-i' of field 'v' at column 9");
    }

    @Test
    void stringValuesKeepEscapesAndTheirLimit() {
        assertThat(describe(scan("m s=\"a \\\"q\\\" ,b=c\",n=1 7"))).isEqualTo("m field[s:STRING] field[n:FLOAT] @7");
        assertThat(describe(scan("m s=\"\" 7"))).isEqualTo("m field[s:STRING] @7");
        assertThat(describe(scan("m s=\"a\\\\\" 7"))).isEqualTo("m field[s:STRING] @7");
        assertThat(error("m s=\"a\\\" 7")).isEqualTo("unterminated string value of field 's' at column 11");
        assertThat(error("m s=\"abc")).isEqualTo("unterminated string value of field 's' at column 9");
        assertThat(error("m s=\"ab\\")).isEqualTo("unterminated string value of field 's' at column 9");
        String limit = "x".repeat(LineScanner.MAX_STRING_BYTES);
        assertThat(error("m s=\"" + limit + "\" 1")).isNull();
        assertThat(error("m s=\"" + limit + "y\" 1")).startsWith("string value of field 's' is 65537 bytes; InfluxDB allows at most 65536 (64 KiB)");
        // the escapes count as written, as InfluxDB counts the raw bytes
        assertThat(error("m s=\"" + "x".repeat(LineScanner.MAX_STRING_BYTES - 1) + "\\\"\" 1")).contains("is 65537 bytes");
    }

    @Test
    void timestampsAreSignedSixtyFourBitIntegers() {
        assertThat(scan("m f=1 0").timestamp).isZero();
        assertThat(scan("m f=1 -1").timestamp).isEqualTo(-1);
        assertThat(scan("m f=1 123456789012345678").timestamp).isEqualTo(123456789012345678L);
        assertThat(scan("m f=1 1234567890123456789").timestamp).isEqualTo(1234567890123456789L);
        assertThat(scan("m f=1 9223372036854775807").timestamp).isEqualTo(Long.MAX_VALUE);
        assertThat(scan("m f=1 -9223372036854775808").timestamp).isEqualTo(Long.MIN_VALUE);
        assertThat(scan("m f=1 -9223372036854775807").timestamp).isEqualTo(-Long.MAX_VALUE);
        assertThat(scan("m f=1 0009223372036854775807").timestamp).isEqualTo(Long.MAX_VALUE);
        assertThat(error("m f=1 9223372036854775808")).isEqualTo("timestamp out of range '9223372036854775808' at column 26");
        assertThat(error("m f=1 -9223372036854775809")).isEqualTo("timestamp out of range '-9223372036854775809' at column 27");
        assertThat(error("m f=1 9223372036854775810")).contains("timestamp out of range");
        assertThat(error("m f=1 92233720368547758070")).contains("timestamp out of range");
        assertThat(error("m f=1 -")).isEqualTo("bad timestamp '-' at column 8");
        assertThat(error("m f=1 1-2")).isEqualTo("bad timestamp '1-2' at column 10");
        assertThat(error("m f=1 1/")).contains("bad timestamp '1/'");
        assertThat(error("m f=1 1:")).contains("bad timestamp '1:'");
        assertThat(error("m f=1 123456789012345678/")).contains("bad timestamp '123456789012345678/'");
        assertThat(error("m f=1 123456789012345678:")).contains("bad timestamp '123456789012345678:'");
        assertThat(error("m f=1 +1")).contains("bad timestamp '+1'");
    }

    @Test
    void whiteSpaceIsTakenWhereInfluxDbTakesIt() {
        assertThat(describe(scan("  \t m,t=a  f=1   9  "))).isEqualTo("m tag[t|a] field[f:FLOAT] @9");
        assertThat(describe(scan("m f=1   "))).isEqualTo("m field[f:FLOAT] no-time");
        assertThat(describe(scan("m f=1"))).isEqualTo("m field[f:FLOAT] no-time");
        assertThat(describe(scan("m f=1 5\r"))).isEqualTo("m field[f:FLOAT] @5");
        assertThat(describe(scan("m f=1\r"))).isEqualTo("m field[f:FLOAT] no-time");
        assertThat(error("m f=1\t5")).isEqualTo("bad value '1\t5' of field 'f' at column 8");
        assertThat(error("m\tf=1 5")).isEqualTo("missing '=' after field key '5' at column 8"); // the tab belongs to the measurement
        assertThat(error("m f=1 5 6")).isEqualTo("unexpected text after the timestamp at column 9");
        assertThat(error("m f=1 5\t")).contains("bad timestamp '5\t'");
        assertThat(error("m f=\"a\"x 5")).isEqualTo("unexpected 'x' after the fields at column 8");
        assertThat(error("m f=\"a\"\t5")).isEqualTo("unexpected '\t' after the fields at column 8");
    }

    @Test
    void structuralMistakesNameWhatAndWhere() {
        assertThat(error(",t=a f=1 1")).isEqualTo("missing measurement at column 1");
        assertThat(error("  ,t=a f=1 1")).isEqualTo("missing measurement at column 3");
        assertThat(error("")).isEqualTo("missing measurement at column 1");
        assertThat(error("m,=a f=1 1")).isEqualTo("missing tag key at column 3");
        assertThat(error("m,t f=1 1")).isEqualTo("missing '=' after tag key 't' at column 4");
        assertThat(error("m,t")).isEqualTo("missing '=' after tag key 't' at column 4");
        assertThat(error("m,t= f=1 1")).isEqualTo("missing value of tag 't' at column 5");
        assertThat(error("m,t=a,")).isEqualTo("missing tag key at column 7");
        assertThat(error("m,t=a\\\\ f=1 1"))
                .isEqualTo("value of tag 't' ends with a backslash, which InfluxDB refuses at column 8");
        assertThat(error("m,t=a\\")).isEqualTo("value of tag 't' ends with a backslash, which InfluxDB refuses at column 7");
        assertThat(error("m")).isEqualTo("missing fields at column 2");
        assertThat(error("m,t=a")).isEqualTo("missing fields at column 6");
        assertThat(error("m =1 1")).isEqualTo("missing field key at column 3");
        assertThat(error("m f=1,=2 1")).isEqualTo("missing field key at column 7");
        assertThat(error("m f=1, 1")).isEqualTo("missing field key at column 7");
        assertThat(error("m f 1")).isEqualTo("missing '=' after field key 'f' at column 4");
        assertThat(error("m f")).isEqualTo("missing '=' after field key 'f' at column 4");
        assertThat(error("m f=")).isEqualTo("missing value of field 'f' at column 5");
        assertThat(error("m f= 1")).isEqualTo("missing value of field 'f' at column 5");
        assertThat(error("m f=,g=1 1")).isEqualTo("missing value of field 'f' at column 5");
        assertThat(error("m ")).isEqualTo("missing field key at column 3");
        assertThat(error("m,t=a\nb f=1 1")).isEqualTo("line break inside the line at column 6");
        assertThat(error("m\rx f=1 1")).isEqualTo("line break inside the line at column 2");
        assertThat(error("m f\n=1 1")).isEqualTo("line break inside the line at column 4");
    }

    @Test
    void bytesThatAreNotUtf8OrWouldBecomePartOfANameAreRefused() {
        assertThat(error("m,t=a\0 f=1 1")).isEqualTo("NUL byte at column 6");
        assertThat(error("m,t=\u00e4\0 f=1 1")).isEqualTo("NUL byte at column 7");
        assertThat(error("\uFEFFm f=1 1")).isEqualTo("byte-order mark (U+FEFF), which InfluxDB would keep as part of a name at column 1");
        assertThat(error(concat("m,t=", bytes(0xc0, 0xaf), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xc0) at column 5");
        assertThat(error(concat("m,t=", bytes(0xc1, 0xbf), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xc1) at column 5");
        assertThat(error(concat("m,t=", bytes(0x80), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0x80) at column 5");
        assertThat(error(concat("m,t=", bytes(0xf5, 0x80, 0x80, 0x80), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xf5) at column 5");
        assertThat(error(concat("m,t=", bytes(0xff), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xff) at column 5");
        assertThat(error(concat("m,t=", bytes(0xc3, 0x41), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xc3 0x41) at column 5");
        assertThat(error(concat("m,t=", bytes(0xc3, 0xc3), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xc3 0xc3) at column 5");
        assertThat(error(concat("m,t=a f=1 1", bytes(0xc3), ""))).isEqualTo("invalid UTF-8 (truncated character) at column 12");
        assertThat(error(concat("m,t=a f=1 1", bytes(0xe2, 0x82), ""))).isEqualTo("invalid UTF-8 (truncated character) at column 12");
        assertThat(error(concat("m,t=a f=1 1", bytes(0xf0, 0x9f, 0x98), ""))).isEqualTo("invalid UTF-8 (truncated character) at column 12");
        assertThat(error(concat("m,t=", bytes(0xe0, 0x80, 0x80), " f=1 1")))
                .isEqualTo("invalid UTF-8 (overlong form or surrogate U+0) at column 5");
        assertThat(error(concat("m,t=", bytes(0xe0, 0x9f, 0xbf), " f=1 1"))).contains("surrogate U+7FF)");
        assertThat(error(concat("m,t=", bytes(0xed, 0xa0, 0x80), " f=1 1"))).contains("surrogate U+D800)");
        assertThat(error(concat("m,t=", bytes(0xed, 0xbf, 0xbf), " f=1 1"))).contains("surrogate U+DFFF)");
        assertThat(error(concat("m,t=", bytes(0xf0, 0x8f, 0xbf, 0xbf), " f=1 1"))).contains("surrogate U+FFFF)");
        assertThat(error(concat("m,t=", bytes(0xf4, 0x90, 0x80, 0x80), " f=1 1"))).contains("surrogate U+110000)");
        // the edges of each form are valid
        for (byte[] ok : List.of(bytes(0xc2, 0x80), bytes(0xdf, 0xbf), bytes(0xe0, 0xa0, 0x80), bytes(0xed, 0x9f, 0xbf),
                bytes(0xee, 0x80, 0x80), bytes(0xef, 0xbf, 0xbf), bytes(0xf0, 0x90, 0x80, 0x80), bytes(0xf4, 0x8f, 0xbf, 0xbf),
                bytes(0xef, 0xbb, 0xbe), bytes(0xef, 0xbc, 0x80), bytes(0x7f))) {
            LineScanner sc = scan(new LineScanner(), concat("m,t=a", ok, " f=1 1"));
            assertThat(sc.text(sc.tagValueStart[0], sc.tagValueEnd[0], true).getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(concat("a", ok, ""));
        }
        // several characters in a row, and an error after valid ones names its own column
        assertThat(scan("m,t=\u00e4\u20ac\uD83D\uDE00x f=1 1").text(BEFORE.length() + 4, BEFORE.length() + 14, true))
                .isEqualTo("\u00e4\u20ac\uD83D\uDE00x");
        assertThat(error(concat("m,t=\u00e4\u20ac", bytes(0xff), " f=1 1"))).isEqualTo("invalid UTF-8 (byte 0xff) at column 10");
        assertThat(error(concat("m,t=\u00e4" + "ab", bytes(0xef, 0xbb, 0xbf), " f=1 1"))).contains("byte-order mark").endsWith("column 9");
    }

    @Test
    void aCallerThatFoundOnlyPlainAsciiSkipsTheByteCheck() {
        byte[] line = "m,t=a\0b f=1 1".getBytes(StandardCharsets.US_ASCII);
        LineScanner sc = new LineScanner();
        sc.scan(line, 0, line.length, true);
        assertThat(sc.tagValueEnd[0] - sc.tagValueStart[0]).isEqualTo(3);
        assertThatThrownBy(() -> new LineScanner().scan(line, 0, line.length, false)).hasMessage("NUL byte at column 6");
        assertThatThrownBy(() -> new LineScanner().scan(line, 0, line.length)).hasMessage("NUL byte at column 6");
    }

    @Test
    void manyTagsAndFieldsGrowTheTables() {
        List<String> tags = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder want = new StringBuilder("m");
        for (int k = 0; k < 20; k++) {
            tags.add("t" + k + "=v" + k);
            want.append(" tag[t").append(k).append("|v").append(k).append(']');
        }
        for (int k = 0; k < 20; k++) {
            fields.add("f" + k + "=" + k + "i");
            want.append(" field[f").append(k).append(":INTEGER]");
        }
        want.append(" @3");
        String line = "m," + String.join(",", tags) + " " + String.join(",", fields) + " 3";
        LineScanner sc = new LineScanner();
        assertThat(describe(scan(sc, line))).isEqualTo(want.toString());
        // the same key again is taken from the last line, with every tag in its place
        assertThat(describe(scan(sc, line.replace(" 3", " 4")))).isEqualTo(want.toString().replace("@3", "@4"));
        assertThat(sc.tagCount).isEqualTo(20);
        assertThat(sc.fieldCount).isEqualTo(20);
    }

    @Test
    void theLastKeyIsReusedOnlyForTheSameBytesFollowedByASpace() {
        LineScanner sc = new LineScanner();
        assertThat(describe(scan(sc, "m,a=b,c=d f=1 1"))).isEqualTo("m tag[a|b] tag[c|d] field[f:FLOAT] @1");
        // same key, the line placed elsewhere in the buffer
        byte[] buf = "xxxxxxxxm,a=b,c=d g=2i 2".getBytes(StandardCharsets.UTF_8);
        sc.scan(buf, 8, buf.length);
        assertThat(describe(sc)).isEqualTo("m tag[a|b] tag[c|d] field[g:INTEGER] @2");
        assertThat(sc.keyEnd).isEqualTo(8 + "m,a=b,c=d".length());
        assertThat(sc.measStart).isEqualTo(8);
        // the same bytes continued: a longer tag value, another tag, a line that ends after the key
        assertThat(describe(scan(sc, "m,a=b,c=dd f=1 3"))).isEqualTo("m tag[a|b] tag[c|dd] field[f:FLOAT] @3");
        assertThat(describe(scan(sc, "m,a=b,c=d f=1 1"))).isEqualTo("m tag[a|b] tag[c|d] field[f:FLOAT] @1");
        assertThat(describe(scan(sc, "m,a=b,c=d,e=f f=1 4"))).isEqualTo("m tag[a|b] tag[c|d] tag[e|f] field[f:FLOAT] @4");
        assertThat(describe(scan(sc, "m,a=b,c=d f=1 1"))).isEqualTo("m tag[a|b] tag[c|d] field[f:FLOAT] @1");
        assertThat(error(sc, "m,a=b,c=d")).isEqualTo("missing fields at column 10");
        assertThat(describe(scan(sc, "m,a=b,c=d f=1 1"))).isEqualTo("m tag[a|b] tag[c|d] field[f:FLOAT] @1");
        assertThat(error(sc, "m,a=b,c=d ")).isEqualTo("missing field key at column 11");
        // a different key of the same length
        assertThat(describe(scan(sc, "n,a=b,c=d f=1 5"))).isEqualTo("n tag[a|b] tag[c|d] field[f:FLOAT] @5");
        assertThat(describe(scan(sc, "n,a=b,c=e f=1 5"))).isEqualTo("n tag[a|b] tag[c|e] field[f:FLOAT] @5");
        // a shorter and a longer key than the last (over the 64 bytes first reserved)
        String longKey = "m,k=" + "v".repeat(100);
        assertThat(describe(scan(sc, "m f=1 6"))).isEqualTo("m field[f:FLOAT] @6");
        assertThat(describe(scan(sc, longKey + " f=1 7"))).isEqualTo("m tag[k|" + "v".repeat(100) + "] field[f:FLOAT] @7");
        assertThat(describe(scan(sc, longKey + " f=2 8"))).isEqualTo("m tag[k|" + "v".repeat(100) + "] field[f:FLOAT] @8");
        assertThat(describe(scan(sc, "m f=1 6"))).isEqualTo("m field[f:FLOAT] @6");
        assertThat(sc.tagCount).isZero();
        // leading white space is part of the remembered key, the measurement starts after it
        assertThat(describe(scan(sc, "  m,k=v f=1 9"))).isEqualTo("m tag[k|v] field[f:FLOAT] @9");
        assertThat(describe(scan(sc, "  m,k=v f=2 10"))).isEqualTo("m tag[k|v] field[f:FLOAT] @10");
        assertThat(sc.measStart).isEqualTo(BEFORE.length() + 2);
        // a line that is only the last key, in a buffer that goes on with a space: the space is not the line's
        byte[] buf2 = "m,k=v f=1 1\nm,k=v f=1 1".getBytes(StandardCharsets.UTF_8);
        sc.scan(buf2, 0, 11);
        assertThatThrownBy(() -> sc.scan(buf2, 12, 17)).hasMessage("missing fields at column 6");
    }

    @Test
    void exactlyEightTagsFillTheFirstTablesWithoutGrowingThem() {
        String key = "m,a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8";
        LineScanner sc = new LineScanner();
        String want = "m tag[a|1] tag[b|2] tag[c|3] tag[d|4] tag[e|5] tag[f|6] tag[g|7] tag[h|8]";
        assertThat(describe(scan(sc, key + " v=1 1"))).isEqualTo(want + " field[v:FLOAT] @1");
        assertThat(describe(scan(sc, key + " v=2 2"))).isEqualTo(want + " field[v:FLOAT] @2");
        String fields = "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8";
        assertThat(describe(scan(sc, "m " + fields + " 3"))).isEqualTo("m field[a:FLOAT] field[b:FLOAT] field[c:FLOAT]"
                + " field[d:FLOAT] field[e:FLOAT] field[f:FLOAT] field[g:FLOAT] field[h:FLOAT] @3");
    }

    @Test
    void aCharacterOfSeveralBytesMayEndTheLine() {
        assertThat(error("m\u00e4")).isEqualTo("missing fields at column 4");
        assertThat(error("m,t=a\u20ac")).isEqualTo("missing fields at column 9");
        assertThat(error("m,t=a\uD83D\uDE00")).isEqualTo("missing fields at column 10");
    }

    private static String error(LineScanner sc, String line) {
        try {
            scan(sc, line);
        } catch (SyntaxException e) {
            return e.getMessage();
        }
        return null;
    }

    @Test
    void sameComparesRangesByLengthAndContent() {
        byte[] x = "abcabd".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineScanner.same(x, 0, 2, x, 3, 5)).isTrue();
        assertThat(LineScanner.same(x, 0, 3, x, 3, 6)).isFalse();
        assertThat(LineScanner.same(x, 0, 2, x, 3, 6)).isFalse();
        assertThat(LineScanner.same(x, 0, 0, x, 4, 4)).isTrue();
        LineScanner sc = scan("cpu,host=cpu f=1 1");
        assertThat(sc.sameRange(sc.measStart, sc.measEnd, sc.tagValueStart[0], sc.tagValueEnd[0])).isTrue();
        assertThat(sc.sameRange(sc.measStart, sc.measEnd, sc.tagKeyStart[0], sc.tagKeyEnd[0])).isFalse();
        assertThat(sc.rangeIs(sc.tagKeyStart[0], sc.tagKeyEnd[0], "host".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(sc.rangeIs(sc.tagKeyStart[0], sc.tagKeyEnd[0], "hosT".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(sc.rangeIs(sc.tagKeyStart[0], sc.tagKeyEnd[0], "hos".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    /** Scans {@code line} at the start of a buffer that continues with {@code trailer}; the result or the error. */
    private static String outcome(String line, byte[] trailer) {
        byte[] l = line.getBytes(StandardCharsets.UTF_8);
        byte[] buf = concat(line, trailer, "");
        LineScanner sc = new LineScanner();
        try {
            sc.scan(buf, 0, l.length);
            return describe(sc);
        } catch (SyntaxException e) {
            return e.getMessage();
        }
    }

    @Test
    void theScannerReadsNothingPastTheEndOfItsRange() {
        List<String> lines = List.of("m f=1 5", "m f=1", "m f=1 ", "m f=1 5 ", "m f=\"s\"", "m f=\"s\" 5", "m f=t", "m f=true",
                "m f=1i", "m f=1u", "m f=-1i", "m,t=a f=1", "m,t=a\\b f=1 2", "m f=1e5", "m f=1.5", "m f=1.", "m f=-1", "m f=12",
                "m f=1e", "m f=1e-", "m", "m ", "m,", "m,t", "m,t=", "m,t=a", "m f", "m f=", "m f=\"abc", "m f=\"ab\\",
                "m,t=\u00e4 f=1 1", "m,t=\u00e4", "m,t=\u00e4\u20ac f=1", "\u00e4 f=1 -", "m f=1 -", "m f=1 12",
                "m f=1 123456789012345678", "m f=1 1234567890123456789", "m f=1 922337203685477580", "m\\ f=1", "m f=1,",
                "m f=1,g", "  ", "");
        List<byte[]> trailers = List.of(bytes(' '), bytes(0), bytes(0xff), bytes(0x80), bytes('x'), bytes('='), bytes(','),
                bytes('\\'), bytes('"'), bytes('9'), bytes('0'), bytes('i'), bytes('e'), bytes('-'), bytes('\r'), bytes('\n'),
                bytes(0xa4), bytes(0x82, 0xac), bytes('.'), bytes('+'), bytes('E'));
        for (String line : lines) {
            String alone = outcome(line, new byte[0]);
            for (byte[] trailer : trailers) {
                assertThat(outcome(line, trailer)).as("'%s' followed by %s", line, java.util.Arrays.toString(trailer))
                        .isEqualTo(alone);
            }
        }
    }
}
