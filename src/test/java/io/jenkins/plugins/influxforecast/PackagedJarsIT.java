package io.jenkins.plugins.influxforecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins API shim (test-harness/jenkins-api) is compile-only: no class of it may end up in a
 * packaged artifact, where it would shadow Jenkins' own classes. Also: the engine jar carries no
 * Jenkins step, and the plugin jar carries the engine jar.
 */
class PackagedJarsIT {

    private static final String EMBEDDED_ENGINE = "io/jenkins/plugins/influxforecast/engine/influx-forecast-cli.jar";

    private static Set<String> shimClasses;

    @BeforeAll
    static void scanShim() throws IOException {
        Path shimDir = Path.of(System.getProperty("influxforecast.shimDir"));
        shimClasses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(shimDir)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String rel = shimDir.relativize(p).toString().replace('\\', '/');
                shimClasses.add(rel.substring(0, rel.length() - ".java".length()));
            });
        }
        assertThat(shimClasses).as("shim classes found").contains("hudson/Launcher", "hudson/FilePath",
                "org/jenkinsci/plugins/workflow/steps/StepContext");
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            jf.stream().map(JarEntry::getName).forEach(names::add);
        }
        return names;
    }

    private static List<String> entries(InputStream jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(jar)) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** Class entries that belong to a shim class (the class itself or a nested one). */
    private static List<String> shimEntries(List<String> entries) {
        List<String> hits = new ArrayList<>();
        for (String e : entries) {
            if (!e.endsWith(".class")) {
                continue;
            }
            String cls = e.substring(0, e.length() - ".class".length());
            int dollar = cls.indexOf('$');
            String outer = dollar < 0 ? cls : cls.substring(0, dollar);
            if (shimClasses.contains(outer)) {
                hits.add(e);
            }
        }
        return hits;
    }

    private static Path artifact(String property) {
        Path p = Path.of(System.getProperty(property));
        assertThat(p).as(property).isRegularFile();
        return p;
    }

    @Test
    void pluginJarHasNoShimClassButHasTheStepsAndTheEngine() throws IOException {
        List<String> entries = entries(artifact("influxforecast.pluginJar"));
        assertThat(shimEntries(entries)).isEmpty();
        assertThat(entries).noneMatch(e -> e.startsWith("hudson/") || e.startsWith("jenkins/")
                || e.startsWith("org/kohsuke/") || e.startsWith("org/jenkinsci/") || e.startsWith("com/cloudbees/"));
        assertThat(entries).contains("io/jenkins/plugins/influxforecast/steps/ForecastStep.class",
                "io/jenkins/plugins/influxforecast/steps/ForecastStep$DescriptorImpl.class", EMBEDDED_ENGINE);
    }

    @Test
    void engineJarHasNoShimClassAndNoStep() throws IOException {
        List<String> entries = entries(artifact("influxforecast.engineJar"));
        checkEngine(entries);
    }

    @Test
    void engineJarEmbeddedInThePluginJarHasNoShimClassAndNoStep() throws IOException {
        try (JarFile plugin = new JarFile(artifact("influxforecast.pluginJar").toFile())) {
            JarEntry embedded = plugin.getJarEntry(EMBEDDED_ENGINE);
            assertThat(embedded).as(EMBEDDED_ENGINE).isNotNull();
            try (InputStream in = plugin.getInputStream(embedded)) {
                checkEngine(entries(in));
            }
        }
    }

    private static void checkEngine(List<String> entries) {
        assertThat(entries).as("engine entries").contains("io/jenkins/plugins/influxforecast/pipeline/Commands.class");
        assertThat(shimEntries(entries)).isEmpty();
        assertThat(entries).noneMatch(e -> e.startsWith("io/jenkins/plugins/influxforecast/steps/"));
        assertThat(entries).noneMatch(e -> e.startsWith("io/jenkins/plugins/influxforecast/engine/"));
    }
}
