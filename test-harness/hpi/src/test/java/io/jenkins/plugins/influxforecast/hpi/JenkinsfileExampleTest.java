package io.jenkins.plugins.influxforecast.hpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Label;
import io.jenkins.plugins.influxforecast.steps.InfluxForecastConfiguration;
import io.jenkins.plugins.influxforecast.steps.InfluxServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The repository's Jenkinsfile.example, as written, on a Jenkins with this plugin: only its
 * {@code agent { kubernetes { ... } }} is replaced by a plain agent (no cluster here). Against a real
 * InfluxDB holding four weeks of parking data under the names the example uses (server
 * influx-prod, credential influx-forecast-rw, measurement parkingplace).
 */
@WithJenkins
class JenkinsfileExampleTest {

    static RealInfluxDb influx;

    @BeforeAll
    static void startInflux() throws Exception {
        influx = new RealInfluxDb();
        influx.query(null, "CREATE DATABASE \"parking\"");
        StringBuilder lp = new StringBuilder();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        int points = 28 * 144;
        for (int i = points; i > 0; i--) {
            Instant t = end.minus(10L * i, ChronoUnit.MINUTES);
            double hour = (t.getEpochSecond() % 86400) / 3600.0;
            long spaces = Math.round(300 + 150 * Math.sin(2 * Math.PI * (hour - 6) / 24) + (i % 7));
            lp.append("parkingplace,name=P+R\\ Noord spaces=").append(spaces).append(' ').append(t.getEpochSecond() * 1_000_000_000L).append('\n');
        }
        influx.write("parking", lp.toString());
    }

    @AfterAll
    static void stopInflux() throws Exception {
        if (influx != null) {
            influx.close();
        }
    }

    /** Jenkinsfile.example with its Kubernetes agent replaced by the label of a plain agent. */
    static String example() throws Exception {
        Path root = Path.of(System.getProperty("influxforecast.baseDir", "../.."));
        String text = Files.readString(root.resolve("Jenkinsfile.example"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?s)    agent \\{\\n        kubernetes \\{.*?\\n        }\\n    }\\n").matcher(text);
        assertTrue(m.find(), "Jenkinsfile.example has an agent { kubernetes { } } block");
        return text.substring(0, m.start()) + "    agent { label 'forecast' }\n" + text.substring(m.end());
    }

    @Test
    void theExampleRunsAsWritten(JenkinsRule j) throws Exception {
        InfluxServer server = new InfluxServer("influx-prod", influx.url());
        server.setDatabase("parking");
        InfluxForecastConfiguration.get().setServers(List.of(server));
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "influx-forecast-rw", "InfluxDB", "admin", influx.password));
        j.createOnlineSlave(Label.get("forecast"));
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "parking");
        p.setDefinition(new CpsFlowDefinition(example(), true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("[influx-forecast] influxExtract:", b);
        j.assertLogContains("[influx-forecast] influxLoad: 144 point(s) written", b);
        j.assertLogNotContains(influx.password, b);
        assertEquals(144, influx.count("parking", "parkingplace-prediction"));
        List<String> archived = b.getArtifacts().stream().map(a -> a.relativePath).toList();
        assertTrue(archived.containsAll(List.of("forecast/input.csv", "forecast/output/forecast.csv", "forecast/output/forecast.png",
                "forecast/output/metrics.json", "forecast/output/forecast.log")), archived.toString());
    }
}
