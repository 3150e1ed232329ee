package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw Flux query of extract only reads: every way to reach a function that writes or sends is
 * refused, and nothing that merely looks like one (in a string, a comment, a column name) is.
 */
class FluxReadOnlyTest {

    private static final String READ = "from(bucket: \"b\") |> range(start: -1h) |> filter(fn: (r) => r._measurement == \"m\")";

    @Test
    void queriesThatOnlyReadPass() {
        for (String q : List.of(READ,
                READ + " |> yield(name: \"to\")",
                READ + " // |> to(bucket: \"other\")",
                READ + " |> filter(fn: (r) => r.to == \"x\" and r[\"to\"] != \"wideTo\")",
                READ + " |> map(fn: (r) => ({r with to: 1, _value: r._value / 2.0}))",
                READ + " |> filter(fn: (r) => r.host =~ /to\\/(bucket)/ and r.x !~ /\"/)",
                READ + " |> map(fn: (r) => ({r with s: \"to(bucket: \\\"x\\\") ${r.host} \\${to}\"}))",
                READ + " |> rename(columns: {to: \"from\"}) |> toFloat() |> toString()",
                "import \"strings\"\nimport \"experimental\"\n" + READ
                        + " |> filter(fn: (r) => strings.hasPrefix(v: r.host, prefix: \"to\")) |> experimental.group(columns: [\"a\"], mode: \"extend\")",
                "import s \"strings\"\n" + READ + " |> filter(fn: (r) => s.containsStr(v: r.host, substr: \"x\"))",
                "import \"csv\"\ncsv.from(csv: \"#datatype,string\")",
                "x = 4 / 2 / 1\n" + READ + " |> map(fn: (r) => ({r with _value: r._value / float(v: x) / 2.0}))")) {
            assertThatCode(() -> Flux.checkReadOnly(q)).as(q).doesNotThrowAnyException();
        }
    }

    @Test
    void everyWayToReachAWritingFunctionIsRefused() {
        for (String q : List.of(READ + " |> to(bucket: \"other\")",
                READ + "|>to(bucket:\"other\")",
                READ + "\n  |>\tto (bucket: \"other\")",
                "import \"experimental\"\n" + READ + " |> experimental.to(bucket: \"other\")",
                "import e \"experimental\"\n" + READ + " |> e.to(bucket: \"other\")",
                "import \"influxdata/influxdb\"\n" + READ + " |> influxdb.wideTo(bucket: \"other\")",
                "import \"experimental\"\nw = experimental[\"to\"]\n" + READ + " |> w(bucket: \"other\")",
                "import \"experimental\"\np = experimental\n" + READ,
                "write = to\n" + READ + " |> write(bucket: \"other\")",
                "r = {to}\n" + READ + " |> r.to(bucket: \"other\")",
                READ + " |> map(fn: (r) => ({r with s: \"${string(v: to)}\"}))",
                READ + " |> map(fn: (r) => ({r with s: \"a ${ \"b ${ to } c\" } d\"}))",
                // Flux ends a regular expression at the first / without a backslash before it (\\/ does not end it)
                READ + " |> filter(fn: (r) => r.a =~ /a\\\\/\"/ |> to(bucket: \"x\") // \"")) {
            assertThatThrownBy(() -> Flux.checkReadOnly(q)).as(q).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("flux");
        }
        assertThatThrownBy(() -> Flux.checkReadOnly("import \"experimental\"\n" + READ + " |> experimental.to(bucket: \"o\")"))
                .hasMessage("flux must only read (extract never writes), but it names experimental.to at line 2, column 87,"
                        + " which writes; remove it (the forecast is written by load)");
    }

    @Test
    void packagesThatWriteOrSendAreRefusedByName() {
        for (String pkg : List.of("http", "sql", "slack", "pagerduty", "experimental/http/requests", "http/requests",
                "experimental/mqtt", "kafka", "influxdata/influxdb/monitor", "experimental/influxdb", "influxdata/influxdb/secrets",
                "socket", "contrib/sranka/telegram", "contrib/chobbs/discord", "universe")) {
            String q = "import \"" + pkg + "\"\n" + READ;
            assertThatThrownBy(() -> Flux.checkReadOnly(q)).as(pkg)
                    .hasMessageStartingWith("flux imports \"" + pkg + "\" at line 1, column 1, which extract does not allow")
                    .hasMessageContaining("allowed: array, bitwise, csv,");
        }
        assertThatThrownBy(() -> Flux.checkReadOnly("import h \"http\"\n" + READ + " |> map(fn: (r) => ({r with c: h.post(url: \"u\")}))"))
                .hasMessageStartingWith("flux imports \"http\"");
    }

    @Test
    void textThatFluxCannotScanIsRefused() {
        assertThatThrownBy(() -> Flux.checkReadOnly(READ + " |> filter(fn: (r) => r.a == \"open)"))
                .hasMessageStartingWith("flux has an unterminated string starting at line 1");
        assertThatThrownBy(() -> Flux.checkReadOnly(READ + " |> filter(fn: (r) => r.a =~ /x\\/)"))
                .hasMessageContaining("regular expression starting at line 1");
        assertThatThrownBy(() -> Flux.checkReadOnly(" \n ")).hasMessage("flux must not be empty");
    }

    @Test
    @Timeout(20)
    void extractRefusesAWritingFluxQueryBeforeSendingAByte(@TempDir Path dir) throws Exception {
        try (HttpFixture f = new HttpFixture()) {
            Files.writeString(dir.resolve("q.flux"), "\uFEFF" + READ + "\r\n|> to(bucket: \"other\")\r\n");
            for (Map.Entry<String, String> option : List.of(Map.entry("flux", READ + " |> to(bucket: \"other\")"),
                    Map.entry("fluxFile", "q.flux"))) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("url", f.url());
                values.put("influxVersion", "2");
                values.put("org", "o");
                values.put(option.getKey(), option.getValue());
                ExtractRequest request = ExtractRequest.fromOptions(values, Map.of("INFLUX_TOKEN", "t"), dir);
                assertThatThrownBy(() -> ExtractRunner.run(request, m -> { })).as(option.getKey())
                        .hasMessageContaining("names to at line");
            }
            assertThat(f.requests).isEmpty();
            assertThat(dir.resolve("influx.csv")).doesNotExist();
        }
    }
}
