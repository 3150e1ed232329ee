package io.jenkins.plugins.influxforecast.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.lineprotocol.LineProtocol.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineProtocolValidatorTest {

    @TempDir
    Path dir;

    String error(String line) throws Exception {
        Path f = dir.resolve("f.lp");
        Files.writeString(f, line + "\n");
        try {
            LineProtocolValidator.validate(f, Precision.NS);
            return null;
        } catch (LineProtocolValidator.InvalidFileException e) {
            return e.getMessage().substring(e.getMessage().indexOf("line 1: ") + 8);
        }
    }

    @Test
    void validLinesOfEveryKind() throws Exception {
        Path f = dir.resolve("ok.lp");
        Files.writeString(f, String.join("\n",
                "# a comment",
                "",
                "m\\ x\\,y,tag\\ key=va\\=l\\,ue\\ z,t2=w f=1,i=2i,u=3u,b=true,s=\"q\\\"uo,te= x\" 1700000000000000000",
                "m\\ x\\,y f=-1.5e3,i=-7i,u=0u,b=F,s=\"\" -5",
                "m2 value=.5 1\r",
                "m2 value=1. 2"));
        LineProtocolValidator.Summary s = LineProtocolValidator.validate(f, Precision.NS);
        assertThat(s.points()).isEqualTo(4);
        assertThat(s.lines()).isEqualTo(6);
        assertThat(s.minTime()).isEqualTo(-5);
        assertThat(s.fieldTypes().get("m x,y")).containsEntry("f", FieldType.FLOAT).containsEntry("i", FieldType.INTEGER)
                .containsEntry("u", FieldType.UNSIGNED).containsEntry("b", FieldType.BOOLEAN).containsEntry("s", FieldType.STRING);
    }

    @Test
    void everyKindOfMistakeIsNamed() throws Exception {
        assertThat(error("m value=NaN 1")).contains("field 'value' is NaN; NaN and infinity cannot be stored");
        assertThat(error("m value=-Inf 1")).contains("is -Inf");
        assertThat(error("m value=1e999 1")).contains("overflows");
        assertThat(error("m value=1")).contains("no timestamp");
        assertThat(error("m,k=v k=1 1")).contains("'k' is both a tag key and a field key");
        assertThat(error("m,k=v,k=w f=1 1")).contains("tag key 'k' appears twice");
        assertThat(error("m f=1,f=2 1")).contains("field key 'f' appears twice");
        assertThat(error("m time=1 1")).contains("field key 'time' is reserved by InfluxDB");
        assertThat(error("m,time=a f=1 1")).contains("tag key 'time' is reserved by InfluxDB");
        assertThat(error("m,_field=a f=1 1")).contains("tag key '_field' is reserved by InfluxDB");
        assertThat(error("m,k= f=1 1")).contains("missing value of tag 'k'");
        assertThat(error("m,k f=1 1")).contains("missing '=' after tag key 'k'");
        assertThat(error("m f= 1")).contains("missing value of field 'f'");
        assertThat(error("m f=abc 1")).contains("bad value 'abc'");
        assertThat(error("m f=1 12x")).contains("bad timestamp");
        assertThat(error("m f=1 99999999999999999999")).contains("timestamp out of range");
        assertThat(error("m f=\"open 1")).contains("unterminated string");
        assertThat(error("m f=1.5i 1")).contains("bad integer value '1.5i'");
        assertThat(error("m")).contains("missing fields");
        assertThat(error("m f=1\t1")).contains("bad value '1\t1'");
        assertThat(error("m f=1 1 2")).contains("unexpected text after the timestamp");
        assertThat(error("m f=1 1")).isNull();
    }

    @Test
    void whatInfluxDbRefusesOrWouldStoreAsSomethingElseIsRefused() throws Exception {
        // InfluxDB's range is int64 nanoseconds less one at each end (models.MinNanoTime, MaxNanoTime)
        assertThat(error("m f=1 9223372036854775806")).isNull();
        assertThat(error("m f=1 -9223372036854775806")).isNull();
        assertThat(error("m f=1 9223372036854775807")).contains("out of range for precision ns");
        assertThat(error("m f=1 -9223372036854775807")).contains("out of range for precision ns");
        assertThat(error("m f=1 -9223372036854775808")).contains("out of range for precision ns");
        assertThat(error("m,t=a\0b f=1 1")).contains("NUL byte at column 6");
        assertThat(error("m f=\"\0\" 1")).contains("NUL byte");
        assertThat(error("\uFEFFm f=1 1")).contains("byte-order mark");
        assertThat(error("m,t=\u00e4\uFEFF f=1 1")).contains("byte-order mark");
        assertThat(error("m,t=c:\\\\dir f=1 1")).isNull();
        assertThat(error("m,t=a\\\\\\ b f=1 1")).isNull(); // a\\ b: two backslashes and a space
        String big = "x".repeat(65_536);
        assertThat(error("m f=\"" + big + "\" 1")).isNull();
        assertThat(error("m f=\"" + big + "y\" 1")).contains("InfluxDB allows at most 65536 (64 KiB)");
        assertThat(error("m,t=" + "k".repeat(65_526) + " f=1 1")).isNull();
        assertThat(error("m,t=" + "k".repeat(65_527) + " f=1 1")).contains("is 65536 bytes; InfluxDB allows at most 65535");
    }

    @Test
    void theByteCheckHoldsForLinesThatCrossTheReadBuffer() throws Exception {
        // lines of plain ASCII up to a line that straddles the reader's first 1 MiB, holding a NUL there, then a
        // valid two-byte character straddling it: the check runs on the line as a whole, wherever its bytes were read
        for (String odd : new String[] {"m,t=a\0b f=1 ", "m,t=\u00e4 f=1 "}) {
            StringBuilder sb = new StringBuilder();
            int line = 0;
            while (sb.length() < (1 << 20) - 64) {
                sb.append("m f=1 ").append(++line).append('\n');
            }
            // a comment pads the odd line to start 5 bytes before 1 MiB: its NUL, or the second byte of its
            // two-byte character, is read after the first buffer's worth
            int pad = (1 << 20) - 5 - sb.length() - 2;
            sb.append('#').append("x".repeat(pad)).append('\n');
            line++;
            assertThat(sb.length()).isEqualTo((1 << 20) - 5);
            sb.append(odd).append(++line).append('\n');
            int bad = line;
            for (int k = 0; k < 1000; k++) {
                sb.append("m f=1 ").append(++line).append('\n');
            }
            Path f = dir.resolve("straddle.lp");
            Files.write(f, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (odd.contains("\0")) {
                assertThatThrownBy(() -> LineProtocolValidator.validate(f, Precision.NS))
                        .hasMessageContaining("1 invalid line(s)").hasMessageContaining("line " + bad + ": NUL byte at column 6");
            } else {
                assertThat(LineProtocolValidator.validate(f, Precision.NS).points()).isEqualTo(line - 1); // all but the comment
            }
        }
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        for (byte[] bad : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xc0, (byte) 0x80},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            Path f = dir.resolve("utf8.lp");
            byte[] head = "m,t=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] tail = " f=1 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(head);
            out.write(bad);
            out.write(tail);
            Files.write(f, out.toByteArray());
            assertThatThrownBy(() -> LineProtocolValidator.validate(f, Precision.NS)).hasMessageContaining("invalid UTF-8");
        }
    }

    @Test
    void theWhiteSpaceInfluxDbTakesIsTaken() throws Exception {
        // each of these was written with 204 by InfluxDB 1.6
        assertThat(error("m value=1  1000")).isNull();
        assertThat(error("m  value=1 1000")).isNull();
        assertThat(error("m value=1 1000 ")).isNull();
        assertThat(error("  m value=1 1000")).isNull();
        assertThat(error("\tm value=1 1000")).isNull();
        // and these it refused with 400
        assertThat(error("m\tvalue=1 1000")).isNotNull();
        assertThat(error("m value=1\u000b1000")).isNotNull();
    }

    @Test
    void fieldTypesMustAgreeAcrossTheFileAndAllErrorsAreCounted() throws Exception {
        Path f = dir.resolve("types.lp");
        List<String> lines = new ArrayList<>();
        lines.add("pred value=1.5 1");
        lines.add("pred value=2i 2");
        for (int i = 0; i < 12; i++) {
            lines.add("pred value=NaN " + (3 + i));
        }
        lines.add("other value=2i 99"); // another measurement may differ
        Files.write(f, lines);
        assertThatThrownBy(() -> LineProtocolValidator.validate(f, Precision.NS))
                .isInstanceOf(LineProtocolValidator.InvalidFileException.class)
                .hasMessageContaining("13 invalid line(s), nothing was written")
                .hasMessageContaining("line 2: field 'value' of measurement 'pred' is integer here but float on line 1")
                .hasMessageContaining("; ...")
                .satisfies(e -> assertThat(((LineProtocolValidator.InvalidFileException) e).invalidLines()).isEqualTo(13));
    }

    @Test
    void timestampRangeDependsOnPrecision() throws Exception {
        Path f = dir.resolve("s.lp");
        Files.writeString(f, "m f=1 9300000000\n"); // fine in ns, beyond year 2262 in s
        assertThat(LineProtocolValidator.validate(f, Precision.NS).points()).isEqualTo(1);
        assertThatThrownBy(() -> LineProtocolValidator.validate(f, Precision.S))
                .hasMessageContaining("timestamp 9300000000 is out of range for precision s");
    }

    @Test
    void escapingRoundTripsThroughTheParser() {
        String m = "we ird,name";
        String k = "k=e y";
        String v = "x' OR 1=1 --";
        String line = LineProtocol.measurement(m) + "," + LineProtocol.key(k) + "=" + LineProtocol.key(v) + " f=1 1";
        List<String> seen = new ArrayList<>();
        LineProtocol.parse(line, new LineProtocol.Handler() {
            public void measurement(String x) {
                seen.add(x);
            }

            public void tag(String key, String value) {
                seen.add(key);
                seen.add(value);
            }

            public void field(String key, FieldType type) {
                seen.add(key + ":" + type);
            }

            public void timestamp(long t) {
                seen.add(Long.toString(t));
            }
        });
        assertThat(seen).containsExactly(m, k, v, "f:FLOAT", "1");
        assertThat(LineProtocol.tagSet(new java.util.TreeMap<>(java.util.Map.of("b", "2 2", "a", "1,1"))))
                .isEqualTo("a=1\\,1,b=2\\ 2");
    }

    /** A file of several series, comments, blank lines and CRLF breaks here and there. */
    private Path mixedFile(String name, int points, String replaceLine, int at) throws Exception {
        StringBuilder sb = new StringBuilder("# forecast\n");
        for (int i = 0; i < points; i++) {
            if (i % 997 == 0) {
                sb.append("\n# series ").append(i).append('\n');
            }
            String line = i == at ? replaceLine : "pred,site=s" + (i % 3) + " value=" + (i * 0.25) + ",lo=" + i + " " + (1000L + i);
            sb.append(line).append(i % 5 == 0 ? "\r\n" : "\n");
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    private static List<String> plan(LineProtocolValidator.BatchPlan p) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < p.batches(); b++) {
            out.add(p.from(b) + "-" + p.to(b) + ":" + p.firstLine(b) + "-" + p.lastLine(b) + "/" + p.points(b));
        }
        out.add("cr=" + p.carriageReturns + " size=" + p.size);
        return out;
    }

    @Test
    void validatingInPartsGivesTheOnePassSummaryAndBatches() throws Exception {
        Path f = mixedFile("parts.lp", 20_000, null, -1);
        LineProtocolValidator.BatchPlan one = new LineProtocolValidator.BatchPlan(700);
        LineProtocolValidator.Summary s1 = LineProtocolValidator.validate(f, Precision.NS, one, 1, 0);
        for (int parts : new int[] {2, 3, 4}) {
            LineProtocolValidator.BatchPlan many = new LineProtocolValidator.BatchPlan(700);
            LineProtocolValidator.Summary s = LineProtocolValidator.validate(f, Precision.NS, many, parts, 0);
            assertThat(s).as("parts " + parts).isEqualTo(s1);
            assertThat(plan(many)).as("parts " + parts).isEqualTo(plan(one));
        }
        assertThat(s1.points()).isEqualTo(20_000);
        assertThat(one.batches()).isEqualTo(29);
        assertThat(one.points(28)).isEqualTo(20_000 - 28 * 700);
        assertThat(one.carriageReturns).isTrue();
        assertThat(one.size).isEqualTo(Files.size(f));
    }

    @Test
    void anInvalidFileValidatedInPartsIsReportedAsInOnePass() throws Exception {
        // a bad line, and a field whose type changes in a later part: the report names the same lines
        for (String bad : new String[] {"pred,site=s1 value=NaN 5", "pred,site=s1 value=1,lo=3i 5"}) {
            Path f = mixedFile("bad.lp", 20_000, bad, 15_000);
            String one = org.junit.jupiter.api.Assertions.assertThrows(LineProtocolValidator.InvalidFileException.class,
                    () -> LineProtocolValidator.validate(f, Precision.NS, new LineProtocolValidator.BatchPlan(5), 1, 0))
                    .getMessage();
            String parts = org.junit.jupiter.api.Assertions.assertThrows(LineProtocolValidator.InvalidFileException.class,
                    () -> LineProtocolValidator.validate(f, Precision.NS, new LineProtocolValidator.BatchPlan(5), 4, 0))
                    .getMessage();
            // line 15034: the header, 16 blank + comment pairs, 15000 points before it
            assertThat(parts).isEqualTo(one).contains("1 invalid line(s)").contains("line 15034: ");
        }
    }

    @Test
    void linesRepeatingTheLastSeriesKeyAreStillCheckedInFull() throws Exception {
        Path f = dir.resolve("repeat.lp");
        Files.writeString(f, String.join("\n",
                "m,k=v,t\\ x=a\\,b f=1 1",
                "m,k=v,t\\ x=a\\,b f=2 2",
                "m,k=v,t\\ x=a\\,b k=3 3",
                "m,k=v,t\\ x=a\\,b f=4,f=5 4",
                "m,k=v,t\\ x=a\\,b f=6i 5",
                "m,k=v,t\\ x=a\\,b f=7 6",
                "m,k=v,t\\ x=a\\,bf=8 7",
                "m,k=v,t\\ x=a\\,b f=9 x",
                "m,k=v,t\\ x=a\\,b"));
        assertThatThrownBy(() -> LineProtocolValidator.validate(f, Precision.NS))
                .hasMessageContaining("6 invalid line(s)")
                .hasMessageContaining("line 3: 'k' is both a tag key and a field key")
                .hasMessageContaining("line 4: field key 'f' appears twice")
                .hasMessageContaining("line 5: field 'f' of measurement 'm' is integer here but float on line 1")
                .hasMessageContaining("line 7: missing fields")
                .hasMessageContaining("line 8: bad timestamp 'x'")
                .hasMessageContaining("line 9: missing fields");
        Files.writeString(f, "m,k=v f=1 1\nm,k=v f=2 2\nm,k=w f=3 3\nm,k=v f=4 4\n");
        LineProtocolValidator.Summary s = LineProtocolValidator.validate(f, Precision.NS);
        assertThat(s.points()).isEqualTo(4);
        assertThat(s.maxTime()).isEqualTo(4);
    }
}
