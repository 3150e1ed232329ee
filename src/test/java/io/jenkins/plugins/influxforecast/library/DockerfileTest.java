package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * src/main/docker/Dockerfile cannot be built here (no Docker engine); this checks what it declares
 * against what the steps and the pods expect.
 */
class DockerfileTest {

    static final String INSTALLED_ENGINE = "/opt/influx-forecast/influx-forecast-cli.jar";

    private static List<String> instructions() throws Exception {
        return Files.readAllLines(io.jenkins.plugins.influxforecast.RepoFiles.path("src/main/docker/Dockerfile")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void putsTheEngineJarOfThisBuildWhereTheStepsLookForIt() throws Exception {
        List<String> lines = instructions();
        assertThat(lines.get(0)).as("a Java 17+ runtime").matches("FROM eclipse-temurin:(17|21|25)-jre");
        assertThat(lines).contains("COPY target/influx-forecast-cli.jar " + INSTALLED_ENGINE);
        assertThat(Files.readString(io.jenkins.plugins.influxforecast.RepoFiles.path("pom.xml"))).contains("<engine.jar.name>influx-forecast-cli</engine.jar.name>");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ENTRYPOINT [\"java\"").contains("\"" + INSTALLED_ENGINE + "\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("fonts-dejavu-core"));
    }

    @Test
    void makesClassDataArchivesBesideTheJarWithTheChecksumsTheStepsVerify() throws Exception {
        String text = String.join("\n", instructions());
        // the names steps/ClassDataArchive looks for beside an installed engine: influx-forecast-cli.<command>.jsa(.sha256)
        assertThat(text).contains("cd " + INSTALLED_ENGINE.substring(0, INSTALLED_ENGINE.lastIndexOf('/')))
                .contains("-XX:ArchiveClassesAtExit=influx-forecast-cli.forecast.jsa -jar influx-forecast-cli.jar forecast")
                .contains("-XX:ArchiveClassesAtExit=influx-forecast-cli.load.jsa -jar influx-forecast-cli.jar load --dry-run")
                .contains("for a in *.jsa; do sha256sum \"$a\" > \"$a.sha256\"; done");
        // made as root before the USER line: in place and read-only for the engine
        assertThat(text.indexOf("ArchiveClassesAtExit")).isLessThan(text.indexOf("\nUSER "));
    }

    @Test
    void runsAsTheUserOfThePodSoItCanWriteTheSharedWorkspace() throws Exception {
        Pod pod = Serialization.unmarshal(PodTemplates.defaultPodYaml(), Pod.class);
        long uid = pod.getSpec().getSecurityContext().getRunAsUser();
        long gid = pod.getSpec().getSecurityContext().getRunAsGroup();
        assertThat(instructions()).contains("USER " + uid + ":" + gid);
    }
}
