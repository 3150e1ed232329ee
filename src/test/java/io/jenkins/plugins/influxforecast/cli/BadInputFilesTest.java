package io.jenkins.plugins.influxforecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input files as they arrive from other programs and unlucky operators: each gives exit 2 and one
 * line naming the file and the line, never "internal error", and nothing is written.
 */
class BadInputFilesTest {

    @TempDir
    Path dir;

    private static final String GOOD = "time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00Z,2\n";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String s) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(b)) {
                z.write(utf8(s));
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf16(String s, boolean bom) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
        if (!bom) {
            return body;
        }
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xfe;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    static Stream<Arguments> badFiles() {
        byte[] latin1 = (GOOD + "2026-01-01T02:00:00Z,3\n# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("gzip file", gzip(GOOD), "line 1: not UTF-8 text (byte 0x8b at offset 1)"),
                Arguments.of("PNG file", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, "line 1: not UTF-8 text"),
                Arguments.of("UTF-16 with byte-order mark", utf16(GOOD, true), "line 1: starts with a UTF-16 byte-order mark"),
                Arguments.of("UTF-16 without byte-order mark", utf16(GOOD, false), "line 1: a NUL byte at offset 1"),
                Arguments.of("Latin-1 on line 5", latin1, "line 5: not UTF-8 text (byte 0xe9"),
                Arguments.of("hexadecimal float", utf8(GOOD + "2026-01-01T02:00:00Z,0x1p3\n"), "line 4: value '0x1p3' in column 'value' is not a number"),
                Arguments.of("double suffix", utf8(GOOD + "2026-01-01T02:00:00Z,10.1d\n"), "line 4: value '10.1d' in column 'value' is not a number"),
                Arguments.of("float suffix", utf8(GOOD + "2026-01-01T02:00:00Z,1f\n"), "line 4: value '1f' in column 'value' is not a number"),
                Arguments.of("Java infinity", utf8(GOOD + "2026-01-01T02:00:00Z,+Infinity\n"), "line 4: value '+Infinity' is NaN or infinite"),
                Arguments.of("R infinity", utf8(GOOD + "2026-01-01T02:00:00Z,-Inf\n"), "line 4: value '-Inf' is NaN or infinite"),
                Arguments.of("Python nan", utf8(GOOD + "2026-01-01T02:00:00Z,nan\n"), "line 4: value 'nan' is NaN or infinite"),
                Arguments.of("overflowing number", utf8(GOOD + "2026-01-01T02:00:00Z,1e999\n"), "line 4: value '1e999' is too large"),
                Arguments.of("more fields than the header", utf8(GOOD + "2026-01-01T02:00:00Z,3,4\n"), "line 4: 3 fields, the header (line 1) has 2"),
                Arguments.of("fewer fields than the header", utf8(GOOD + "2026-01-01T02:00:00Z\n"), "line 4: 1 fields, the header (line 1) has 2"),
                Arguments.of("unterminated quote", utf8(GOOD + "2026-01-01T02:00:00Z,\"3\n"), "line 4: not valid CSV"),
                Arguments.of("a megabyte cell", utf8(GOOD + "2026-01-01T02:00:00Z," + "9x".repeat(500_000) + "\n"),
                        "line 4: value '" + "9x".repeat(100) + "'... (1000000 characters) in column 'value' is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsExitTwoWithTheFileAndLine(String label, byte[] content, String message) throws IOException {
        Path in = dir.resolve("in.csv");
        Files.write(in, content);
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "naive",
                "--validation", "0", "--horizon", "1");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + in + " line ").contains(message).doesNotContain("internal error");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err().length()).isLessThan(600);
        assertThat(out).doesNotExist();
    }

    @Test
    void aDirectoryAsInputIsNamed() {
        MainTest.Run r = MainTest.cli("forecast", "--input", dir.toString(), "--output-dir", dir.resolve("out").toString(),
                "--model", "naive");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: input " + dir + " is a directory; give the CSV file in it");
    }

    @Test
    void decimalNumbersInEveryUsualSpellingAreRead() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "time,value\n1,12\n2, -0.5 \n3,+1.5e3\n4,.25\n5,7.\n6,1E-2\n7,\n8,3\n");
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", out.toString(), "--model", "naive",
                "--validation", "0", "--horizon", "1", "--frequency", "1s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("8 points at 1s").contains("1 gaps filled");
    }

    @Test
    void aRepeatedTagKeyIsRefused() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, GOOD);
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", dir.resolve("out").toString(),
                "--model", "naive", "--validation", "0", "--horizon", "1", "--tag", "site=a", "--tag", "site=b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: tag key 'site' is given twice ('site=a' and 'site=b'); a point has one value"
                + " per tag key");
    }

    @Test
    void anInputThatTheOutputsWouldOverwriteIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path in = out.resolve("forecast.csv");
        Files.writeString(in, GOOD);
        for (String given : List.of(in.toString(), dir.resolve("out/../out/./forecast.csv").toString())) {
            MainTest.Run r = MainTest.cli("forecast", "--input", given, "--output-dir", out.toString(), "--model", "naive",
                    "--validation", "0", "--horizon", "1");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("input " + given + " is inside outputDir " + out + " and would be overwritten by the"
                    + " forecast's forecast.csv");
        }
        // through a symbolic link to the folder as well
        Path link = Files.createSymbolicLink(dir.resolve("link"), out);
        MainTest.Run r = MainTest.cli("forecast", "--input", in.toString(), "--output-dir", link.toString(), "--model", "naive",
                "--validation", "0", "--horizon", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(in)).isEqualTo(GOOD);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("forecast.csv");
        }
        // another name in the output folder is not overwritten, and may be read
        Path beside = out.resolve("input.csv");
        Files.writeString(beside, GOOD);
        assertThat(MainTest.cli("forecast", "--input", beside.toString(), "--output-dir", out.toString(), "--model", "naive",
                "--validation", "0", "--horizon", "1").code()).isZero();
    }

    @Test
    void extractForecastAndLoadWriteFilesWithTheSamePermissions() throws Exception {
        Path probe = Files.createFile(dir.resolve("probe")); // what the umask gives any new file
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        assertThat(expected).doesNotContain(PosixFilePermission.OWNER_EXECUTE);

        Path extracted = dir.resolve("x/influx.csv");
        try (io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter w = new io.jenkins.plugins.influxforecast.influx.ExtractCsvWriter(
                extracted)) {
            w.beginSeries("m", java.util.Map.of());
            w.point(1_700_000_000_000_000_000L, 1);
            w.point(1_700_000_003_600_000_000L, 2);
            w.endSeries();
            w.commit();
        }
        io.jenkins.plugins.influxforecast.files.Json.writeAtomically(dir.resolve("x/extract-summary.json"), java.util.Map.of("a", 1));
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.cli("forecast", "--input", extracted.toString(), "--output-dir", out.toString(), "--model", "naive",
                "--validation", "0", "--horizon", "1");
        assertThat(r.code()).as(r.err()).isZero();
        List<Path> written = new ArrayList<>(List.of(extracted, dir.resolve("x/extract-summary.json")));
        try (Stream<Path> files = Files.list(out)) {
            files.forEach(written::add);
        }
        assertThat(written).hasSizeGreaterThanOrEqualTo(8);
        for (Path p : written) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(expected);
        }
    }
}
