package io.jenkins.plugins.influxforecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.influxforecast.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --as-of, --build and --model-tag: the run's identity as fields, the model as a tag. */
class ForecastRunIdentityTest {

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path input() throws Exception {
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int i = 0; i < 48; i++) {
            csv.append(1714521600L + 3600L * i).append(',').append(10 + i % 24).append('\n');
        }
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv);
        return in;
    }

    @Test
    void stampsAsOfAndBuildAsFieldsAndTheModelAsATag() throws Exception {
        Path in = input();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = run(err, "forecast", "--input", in.toString(), "--output-dir", dir.resolve("out").toString(), "--model", "naive",
                "--horizon", "2", "--validation", "0", "--as-of", "2024-05-02T23:30:00+02:00", "--build", "42", "--model-tag", "model");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out/forecast.lp"));
        assertThat(lines).hasSize(2);
        // asked for as a tag: the tag replaces the model field of the same key
        assertThat(lines.get(0)).startsWith("in-prediction,model=naive value=").contains(",as_of=1714685400.0,build=42.0 ")
                .doesNotContain("model=\"");
        assertThat(Files.readString(dir.resolve("out/metrics.json"))).contains("\"as_of\": \"2024-05-02T21:30:00Z\"", "\"build\": 42",
                "\"model_tag\": \"model\"");
    }

    @Test
    void withoutThemTheModelIsAFieldSoTheSeriesKeyStaysTheSame() throws Exception {
        Path in = input();
        assertThat(run(new ByteArrayOutputStream(), "forecast", "--input", in.toString(), "--output-dir", dir.resolve("plain").toString(),
                "--model", "naive", "--horizon", "1", "--validation", "0")).isZero();
        // the interval bounds sit beside the value, so a dashboard can fill between them
        assertThat(Files.readAllLines(dir.resolve("plain/forecast.lp")).get(0)).matches("in-prediction value=[0-9.]+,lower_80=[0-9.]+,"
                + "upper_80=[0-9.]+,lower_95=[0-9.]+,upper_95=[0-9.]+,model=\"naive\" \\d+");
        assertThat(run(new ByteArrayOutputStream(), "forecast", "--input", in.toString(), "--output-dir", dir.resolve("other").toString(),
                "--model", "mean", "--horizon", "1", "--validation", "0", "--levels", "")).isZero();
        assertThat(Files.readAllLines(dir.resolve("other/forecast.lp")).get(0)).matches("in-prediction value=[0-9.]+,model=\"mean\" \\d+");
        assertThat(run(new ByteArrayOutputStream(), "forecast", "--input", in.toString(), "--output-dir", dir.resolve("bare").toString(),
                "--model", "naive", "--horizon", "1", "--validation", "0", "--model-field", "", "--levels", "")).isZero();
        assertThat(Files.readAllLines(dir.resolve("bare/forecast.lp")).get(0)).matches("in-prediction value=[0-9.]+ \\d+");
    }

    @Test
    void badValuesAreBadInput() throws Exception {
        Path in = input();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "forecast", "--input", in.toString(), "--output-dir", dir.resolve("x").toString(), "--as-of", "yesterday"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("asOf must be an ISO-8601 time such as 2024-05-01T12:00:00Z, got 'yesterday'");
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(run(err2, "forecast", "--input", in.toString(), "--output-dir", dir.resolve("y").toString(), "--model-tag", "a b"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("modelTag must be a tag key");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
