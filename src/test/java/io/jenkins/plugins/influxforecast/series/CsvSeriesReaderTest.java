package io.jenkins.plugins.influxforecast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesReaderTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        return Path.of("src/test/resources/input", name);
    }

    private List<RawSeries> read(Path file) throws IOException {
        return new CsvSeriesReader(CsvSeriesReader.Options.defaults()).read(file).series();
    }

    private Path file(String content) throws IOException {
        Path f = dir.resolve("in.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void readsInfluxDb1CsvAsTheQueryReturnsIt() throws IOException {
        CsvSeriesReader.Result r = new CsvSeriesReader(CsvSeriesReader.Options.defaults()).read(resource("parking-influx1.csv"));
        assertThat(r.format()).isEqualTo(InputFormat.INFLUX1);
        RawSeries s = r.series().get(0);
        assertThat(s.name()).isEqualTo("parkingplace");
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.time(2)).isEqualTo(Instant.ofEpochSecond(1795869000L));
        assertThat(s.value(2)).isEqualTo(298);
        assertThat(Double.isNaN(s.value(0))).isTrue(); // empty bucket
        assertThat(s.finiteCount()).isEqualTo(5);
    }

    @Test
    void groupByTagsGivesOneSeriesPerTagSet() throws IOException {
        List<RawSeries> all = read(resource("grouped-influx1.csv"));
        assertThat(all).hasSize(2);
        assertThat(all.get(0).tags()).isEqualTo(Map.of("name", "P+R Noord"));
        assertThat(all.get(1).tags()).isEqualTo(Map.of("name", "Zuid,West", "zone", "a"));
        assertThat(all.get(1).values()).containsExactly(20, 21, 22);
    }

    @Test
    void readsInfluxDb2AnnotatedCsvWithSeveralTables() throws IOException {
        CsvSeriesReader.Result r = new CsvSeriesReader(CsvSeriesReader.Options.defaults()).read(resource("flux-annotated.csv"));
        assertThat(r.format()).isEqualTo(InputFormat.INFLUX2);
        assertThat(r.series()).hasSize(3);
        RawSeries a = r.series().get(0);
        assertThat(a.name()).isEqualTo("cpu");
        // _field is no tag: InfluxDB reserves the key, and load would refuse the forecast's points
        assertThat(a.tags()).isEqualTo(Map.of("host", "a"));
        assertThat(a.values()).containsExactly(1.5, 2.5, 3.5);
        assertThat(a.time(1)).isEqualTo(Instant.parse("2026-11-01T01:00:00Z"));
        assertThat(r.series().get(2).name()).isEqualTo("mem");
    }

    @Test
    void annotatedCsvWithTwoFieldsUnderOneSeriesKeyIsRefusedNamingBoth() throws IOException {
        String csv = "#datatype,string,long,dateTime:RFC3339,double,string,string\n"
                + ",result,table,_time,_value,_field,_measurement\n"
                + ",,0,2026-11-01T00:00:00Z,1,usage,cpu\n"
                + ",,1,2026-11-01T00:00:00Z,2,idle,cpu\n";
        assertThatThrownBy(() -> read(file(csv)))
                .hasMessageContaining("line 4").hasMessageContaining("several fields ('usage' and 'idle')");
    }

    @Test
    void readsPlainCsvWithIsoAndEpochTimes() throws IOException {
        assertThat(read(file("time,value\n2026-01-01T00:00:00Z,1\n2026-01-01T01:00:00+01:00,2\n2026-01-01 02:00:00,3\n")).get(0).times())
                .containsExactly(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T02:00:00Z"));
        Instant t = Instant.parse("2026-11-28T12:00:00Z");
        assertThat(read(file("time,value\n" + t.getEpochSecond() + ",1\n")).get(0).time(0)).isEqualTo(t);
        assertThat(read(file("time,value\n" + t.toEpochMilli() + ",1\n")).get(0).time(0)).isEqualTo(t);
        assertThat(read(file("time,value\n" + t.getEpochSecond() + "000000000,1\n")).get(0).time(0)).isEqualTo(t);
        assertThat(read(file("day,value\n2026-01-05,1\n")).get(0).time(0)).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    }

    @Test
    void columnNamesAreConfigurable() throws IOException {
        Path f = file("date,pressure,temperature\n2010-01-01T01:00:00,1016.6,4.0\n2010-01-01T02:00:00,1016.6,3.9\n");
        List<RawSeries> s = new CsvSeriesReader(new CsvSeriesReader.Options(InputFormat.AUTO, "date", "temperature", "temp")).read(f).series();
        assertThat(s.get(0).values()).containsExactly(4.0, 3.9);
        assertThat(s.get(0).name()).isEqualTo("temp");
        assertThatThrownBy(() -> read(f)).hasMessageContaining("give --value-column").hasMessageContaining("pressure, temperature");
        assertThatThrownBy(() -> new CsvSeriesReader(new CsvSeriesReader.Options(InputFormat.CSV, null, "humidity", null)).read(f))
                .hasMessageContaining("value column 'humidity' not found").hasMessageContaining("columns: date, pressure, temperature");
        assertThatThrownBy(() -> new CsvSeriesReader(new CsvSeriesReader.Options(InputFormat.CSV, "when", "pressure", null)).read(f))
                .hasMessageContaining("time column 'when' not found");
    }

    @Test
    void badInputNamesTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> read(file(""))).hasMessageContaining("is empty");
        assertThatThrownBy(() -> read(file("time,value\n"))).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> read(file("time,value\n2026-01-01T00:00:00Z,1\nyesterday,2\n")))
                .hasMessageContaining("line 3").hasMessageContaining("cannot parse time 'yesterday'");
        assertThatThrownBy(() -> read(file("time,value\n2026-01-01T00:00:00Z,NaN\n"))).hasMessageContaining("line 2").hasMessageContaining("NaN or infinite");
        assertThatThrownBy(() -> read(file("time,value\n2026-01-01T00:00:00Z,Infinity\n"))).hasMessageContaining("NaN or infinite");
        assertThatThrownBy(() -> read(file("time,value\n2026-01-01T00:00:00Z,abc\n"))).hasMessageContaining("'abc'").hasMessageContaining("not a number");
        assertThatThrownBy(() -> read(dir.resolve("missing.csv"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> read(file("error\n\"error parsing query: found EOF\"\n"))).hasMessageContaining("found EOF");
    }
}
