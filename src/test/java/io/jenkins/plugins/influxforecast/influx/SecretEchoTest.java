package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.influxforecast.influx.FaultyInflux.Fault;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that echoes the request's headers (in its error body, and in its Content-Type) never
 * gets the credentials into a message, a log line or a summary: extract and load, InfluxDB 1.x
 * (user and password) and 2.x (token; InfluxQL, Flux and writes).
 */
class SecretEchoTest {

    static final String USER = "ops";
    static final String PASSWORD = "pä ss:w/rd+&\"<x>";
    static final String TOKEN = "tok+/=en 9";

    @TempDir
    Path work;

    /** Every form a leak could take, checked by hand here (not with the code under test). */
    static List<String> leaks() {
        String pair = USER + ":" + PASSWORD;
        String basic = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return List.of(PASSWORD, basic, TOKEN, URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
                URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), "pä ss", "tok+/=en", "w/rd+&");
    }

    static Map<String, String> env(String version) {
        return version.equals("1") ? Map.of("INFLUX_USERNAME", USER, "INFLUX_PASSWORD", PASSWORD)
                : Map.of("INFLUX_TOKEN", TOKEN);
    }

    Map<String, Object> options(String url, String version) {
        Map<String, Object> o = new HashMap<>();
        o.put("url", url);
        o.put("influxVersion", version);
        o.put("database", "db");
        o.put("org", "o");
        o.put("bucket", "b");
        o.put("proxy", "none");
        o.put("retries", "0");
        o.put("timeout", "5s");
        return o;
    }

    /** The run's message (with its causes), its log and the summary it wrote. */
    static String everything(Throwable t, List<String> log, Path summary) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(s).append('\n');
            }
        }
        log.forEach(l -> sb.append(l).append('\n'));
        if (Files.exists(summary)) {
            sb.append(Files.readString(summary));
        }
        return sb.toString();
    }

    enum Run { EXTRACT_V1, LOAD_V1, EXTRACT_V2_INFLUXQL, EXTRACT_V2_FLUX, LOAD_V2 }

    @ParameterizedTest
    @EnumSource(Run.class)
    void anEchoOfTheHeadersIsScrubbedOfEveryFormOfTheCredentials(Run run) throws Exception {
        for (Fault fault : List.of(Fault.ECHO_HEADERS, Fault.ECHO_HEADERS_200, Fault.ECHO_HEADERS_200_JSON)) {
            if (run == Run.EXTRACT_V2_FLUX && fault != Fault.ECHO_HEADERS) {
                continue; // the client library reads a 200 as data, not as a message
            }
            try (FaultyInflux fake = new FaultyInflux(null).script(fault)) {
                String version = run.name().contains("V1") ? "1" : "2";
                Map<String, Object> o = options(fake.url(), version);
                List<String> log = new ArrayList<>();
                Throwable t;
                Path summary;
                if (run.name().startsWith("LOAD")) {
                    Files.writeString(work.resolve("forecast.lp"), "m value=1 1\n");
                    t = catchThrowable(() -> LoadRunner.run(LoadRequest.fromOptions(o, env(version), work), log::add));
                    summary = work.resolve("load-summary.json");
                } else {
                    if (run == Run.EXTRACT_V2_FLUX) {
                        o.put("flux", "from(bucket: \"b\") |> range(start: -1h)");
                    } else {
                        o.put("query", "SELECT value FROM m");
                    }
                    t = catchThrowable(() -> ExtractRunner.run(ExtractRequest.fromOptions(o, env(version), work), log::add));
                    summary = work.resolve("extract-summary.json");
                }
                assertThat(t).as(run + " " + fault).isNotNull();
                String auth = fake.requests.get(0).header("authorization");
                assertThat(auth).as("the credentials did travel").isNotNull();
                String all = everything(t, log, summary);
                if (run != Run.EXTRACT_V2_FLUX) { // the client library keeps a 401's body to itself
                    assertThat(all).as(run + " " + fault + ": the echo reached the message").contains("****");
                }
                for (String leak : leaks()) {
                    assertThat(all).as(run + " " + fault).doesNotContain(leak);
                }
                assertThat(all).doesNotContain(auth.substring(auth.indexOf(' ') + 1));
            }
        }
    }

    @Test
    void theFormsOfTheCredentialsAreListedLongestFirstAndScrubbed() {
        List<String> forms = Secret.forms(USER, Secret.ofNullable(PASSWORD), Secret.ofNullable(TOKEN));
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(forms).contains(PASSWORD, USER + ":" + PASSWORD, basic, TOKEN,
                URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
                URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20"),
                URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                "pä ss:w/rd+&\\\"<x>", "pä ss:w/rd+\\u0026\\\"\\u003cx\\u003e");
        for (int i = 1; i < forms.size(); i++) {
            assertThat(forms.get(i).length()).isLessThanOrEqualTo(forms.get(i - 1).length());
        }
        assertThat(Secret.scrub("Authorization: Basic " + basic + ", Token " + TOKEN + ", p=" + URLEncoder.encode(PASSWORD,
                StandardCharsets.UTF_8), forms)).isEqualTo("Authorization: Basic ****, Token ****, p=****");
        assertThat(Secret.forms(null, null, null)).isEmpty();
        assertThat(Secret.scrub("nothing secret", List.of())).isEqualTo("nothing secret");
    }
}
