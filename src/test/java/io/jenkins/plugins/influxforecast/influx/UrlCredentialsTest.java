package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.influxforecast.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Credentials written into a URL (the server's or a proxy's) are refused and never repeated, also
 * when the password holds characters that keep the URL from parsing as one with user info
 * ({@code @ / ? # %} or a space).
 */
class UrlCredentialsTest {

    /** Passwords whose every fragment must stay out of the message. */
    private static final List<String> PASSWORDS = List.of("Zq@Xj", "Zq/Xj", "Zq/X Xj", "Zq#Xj", "Zq?Xj", "Zq%Xj", "Zq Xj",
            "Zq:w@x/Xj", "Zq@", "@Xj");

    @Test
    void aServerUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        for (String pw : PASSWORDS) {
            String url = "http://kwadmin:" + pw + "@influx.example:8086";
            assertThatThrownBy(() -> InfluxConnection.builder().url(url).database("d").proxy("none").build()).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("url ")
                    .satisfies(e -> assertThat(e.getMessage()).as(url).doesNotContain("kwadmin").doesNotContain(pw)
                            .doesNotContain("Zq").doesNotContain("Xj"));
        }
    }

    @Test
    void aProxyUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        for (String pw : PASSWORDS) {
            for (String proxy : List.of("http://kwuser:" + pw + "@proxy.example:3128", "kwuser:" + pw + "@proxy.example:3128")) {
                for (boolean fromEnv : new boolean[] {false, true}) {
                    InfluxConnection.Builder b = InfluxConnection.builder().url("http://influx.example:8086").database("d");
                    if (fromEnv) {
                        b.environment(Map.of("HTTP_PROXY", proxy));
                    } else {
                        b.proxy(proxy);
                    }
                    assertThatThrownBy(b::build).as(proxy).isInstanceOf(IllegalArgumentException.class)
                            .satisfies(e -> assertThat(e.getMessage()).as(proxy).doesNotContain("kwuser")
                                    .doesNotContain("Zq").doesNotContain("Xj"));
                }
            }
        }
    }

    @Test
    void theCommandLineSaysSoWithExitCode2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"extract", "--url", "http://admin:s3cr@t/x@127.0.0.1:9", "--database", "d",
            "--measurement", "m", "--output", "never-written.csv"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(text).contains("url must not contain credentials").doesNotContain("s3cr").doesNotContain("t/x")
                .doesNotContain("admin");
        assertThat(new java.io.File("never-written.csv")).doesNotExist();
    }
}
