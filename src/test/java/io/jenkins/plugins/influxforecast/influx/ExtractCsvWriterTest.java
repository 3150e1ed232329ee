package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.series.CsvSeriesReader;
import io.jenkins.plugins.influxforecast.series.RawSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCsvWriterTest {

    @TempDir
    Path dir;

    @Test
    void descendingSeriesAreReversedThroughASpillFileAndEmptyEndsTrimmed() throws Exception {
        Path out = dir.resolve("x.csv");
        try (ExtractCsvWriter w = new ExtractCsvWriter(out)) {
            w.beginSeries("m", Map.of("site", "a b", "k", "x,y"));
            w.point(100_000, Double.NaN); // after the last value (desc order: comes first)
            for (int t = 20_000; t >= 1; t--) {
                w.point(t, t == 500 ? Double.NaN : t * 0.5);
            }
            w.point(0, Double.NaN); // before the first value
            w.beginSeries("m", Map.of("site", "b"));
            w.point(5, 1e21);
            w.point(6, 2.25);
            w.endSeries();
            assertThat(Files.list(dir).filter(p -> p.getFileName().toString().contains("spill"))).isEmpty();
            w.commit();
            assertThat(w.seriesCount()).isEqualTo(2);
            assertThat(w.pointCount()).isEqualTo(20_001);
            assertThat(w.gapCount()).isEqualTo(1);
            assertThat(w.warnings()).containsExactly(
                    "series m,k=x\\,y,site=a\\ b: dropped 1 empty value(s) before its first value and 1 after its last"
                            + " (GROUP BY time without a time range runs up to now())");
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("name,tags,time,value");
        assertThat(lines.get(1)).isEqualTo("m,\"k=x\\,y,site=a\\ b\",1,0.5");
        assertThat(lines.get(2)).isEqualTo("m,\"k=x\\,y,site=a\\ b\",2,1");
        assertThat(lines.get(500)).isEqualTo("m,\"k=x\\,y,site=a\\ b\",500,");
        assertThat(lines.get(20_001)).isEqualTo("m,site=b,5,1.0E21");
        assertThat(lines).hasSize(20_003);
        assertThat(Files.list(dir)).containsExactly(out);

        // the forecast's reader reads it back: two series told apart by their tags
        List<RawSeries> series = new CsvSeriesReader(CsvSeriesReader.Options.defaults()).read(out).series();
        assertThat(series).hasSize(2);
        assertThat(series.get(0).tags()).isEqualTo(Map.of("k", "x,y", "site", "a b"));
        assertThat(series.get(0).size()).isEqualTo(20_000);
        assertThat(series.get(0).value(0)).isEqualTo(0.5);
        assertThat(series.get(1).value(0)).isEqualTo(1e21);
    }

    @Test
    void anAnswerReadAgainAfterACutOffForgetsTheFirstAttemptSpillFileIncluded() throws Exception {
        Path out = dir.resolve("again.csv");
        try (ExtractCsvWriter w = new ExtractCsvWriter(out)) {
            w.beginSeries("m", Map.of("h", "a"));
            w.point(1, 1);
            w.point(2, 2);
            w.beginSeries("m", Map.of("h", "b"));
            w.point(9, 9); // descending: spilled to a temporary file
            w.point(8, 8);
            w.discardAll(); // the answer was cut off here; the query runs again
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("spill"));
            }
            w.beginSeries("m", Map.of("h", "a"));
            w.point(1, 1);
            w.point(2, 2);
            w.beginSeries("m", Map.of("h", "b"));
            w.point(9, 9);
            w.point(8, 8);
            w.commit();
            assertThat(w.seriesCount()).isEqualTo(2);
            assertThat(w.pointCount()).isEqualTo(4);
        }
        assertThat(Files.readString(out)).isEqualTo("name,tags,time,value\nm,h=a,1,1\nm,h=a,2,2\nm,h=b,8,8\nm,h=b,9,9\n");
    }

    @Test
    void outOfOrderPointsAndUncommittedOutputs() throws Exception {
        Path out = dir.resolve("y.csv");
        try (ExtractCsvWriter w = new ExtractCsvWriter(out)) {
            w.beginSeries("m", Map.of());
            w.point(1, 1);
            w.point(2, 2);
            assertThatThrownBy(() -> w.point(1, 3)).hasMessageContaining("not in time order");
        }
        assertThat(Files.list(dir)).isEmpty(); // closed without commit: nothing left behind
    }

    @Test
    void equalTimesFirstLeaveTheOrderOpenUntilATimeDiffers() throws Exception {
        // SELECT ... ORDER BY time DESC LIMIT n without GROUP BY: two series' points merged, two per time
        Path out = dir.resolve("dup.csv");
        try (ExtractCsvWriter w = new ExtractCsvWriter(out)) {
            w.beginSeries("m", Map.of());
            for (long t = 30; t >= 10; t -= 10) {
                w.point(t, t);
                w.point(t, t + 1);
            }
            w.beginSeries("n", Map.of());
            w.point(5, 1);
            w.point(5, 2);
            w.point(6, 3);
            w.beginSeries("o", Map.of());
            w.point(7, 1);
            w.point(7, 2);
            w.commit();
        }
        assertThat(Files.readAllLines(out)).containsExactly("name,tags,time,value",
                // a descending series is the exact reverse of what came (duplicates are averaged when read)
                "m,,10,11", "m,,10,10", "m,,20,21", "m,,20,20", "m,,30,31", "m,,30,30",
                "n,,5,1", "n,,5,2", "n,,6,3", "o,,7,1", "o,,7,2");
    }

    @Test
    void csvQuotingFollowsRfc4180() {
        assertThat(ExtractCsvWriter.csvField("plain")).isEqualTo("plain");
        assertThat(ExtractCsvWriter.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExtractCsvWriter.csvField("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
        assertThat(ExtractCsvWriter.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void numbersArePrintedShortAndReadBackExactly() throws Exception {
        try (ExtractCsvWriter w = new ExtractCsvWriter(dir.resolve("n.csv"))) {
            assertThat(w.format(108.402)).isEqualTo("108.402");
            assertThat(w.format(-0.5)).isEqualTo("-0.5");
            assertThat(w.format(298.0)).isEqualTo("298");
            assertThat(w.format(-7.0)).isEqualTo("-7");
            assertThat(w.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
            assertThat(w.format(1e21)).isEqualTo("1.0E21");
            assertThat(w.format(0.00123)).isEqualTo("0.00123");
            assertThat(w.format(2.5e-5)).isEqualTo("2.5E-5");
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 200_000; i++) {
                double v = switch (i % 4) {
                    case 0 -> random.nextGaussian() * 1000;
                    case 1 -> Math.round(random.nextDouble() * 1e6) / 1000.0;
                    case 2 -> Double.longBitsToDouble(random.nextLong());
                    default -> (random.nextInt(2_000_000) - 1_000_000) / 100.0;
                };
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                String text = w.format(v);
                assertThat(Double.parseDouble(text)).as(text).isEqualTo(v);
                assertThat(text.length()).as(text).isLessThanOrEqualTo(Double.toString(v).length());
            }
        }
    }

    @Test
    void wholeNumbersAndTimesOfEveryLengthAreExactAcrossManyBufferFlushes() throws Exception {
        try (ExtractCsvWriter w = new ExtractCsvWriter(dir.resolve("w.csv"))) {
            long p = 1;
            for (int digits = 1; digits <= 15; digits++, p *= 10) {
                for (long v : new long[] {p, p - 1, p + 1, 7 * p, 10 * p - 1}) {
                    if (v > 0 && v < 1_000_000_000_000_000L) {
                        assertThat(w.format(v)).isEqualTo(Long.toString(v));
                        assertThat(w.format(-v)).isEqualTo(Long.toString(-v));
                    }
                }
            }
            assertThat(w.format(0.0)).isEqualTo("0");
        }
        Path out = dir.resolve("many.csv");
        List<String> expected = new java.util.ArrayList<>();
        expected.add(ExtractCsvWriter.HEADER);
        try (ExtractCsvWriter w = new ExtractCsvWriter(out)) {
            w.beginSeries("m", Map.of("site", "a b"));
            java.util.Random random = new java.util.Random(3);
            long t = -5;
            for (int i = 0; i < 30_000; i++) { // about 1 MB: many flushes of the 64 KB buffer
                double v = Math.round(random.nextGaussian() * 1e5) / 100.0;
                w.point(t, v);
                expected.add("m,site=a\\ b," + t + "," + w.format(v));
                t += i < 20 ? 1 : 1 + Math.abs(random.nextLong() % (Long.MAX_VALUE / 40_000));
            }
            w.endSeries();
            w.commit();
        }
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected);
    }
}
