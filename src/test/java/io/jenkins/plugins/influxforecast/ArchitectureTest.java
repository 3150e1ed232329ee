package io.jenkins.plugins.influxforecast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine packages import nothing from Jenkins, HTTP or InfluxDB clients (DESIGN.md). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.influxforecast");

    @Test
    void engineIsFreeOfJenkinsAndHttp() {
        noClasses().that().resideInAnyPackage(
                        "io.jenkins.plugins.influxforecast.series..",
                        "io.jenkins.plugins.influxforecast.model..",
                        "io.jenkins.plugins.influxforecast.evaluate..",
                        "io.jenkins.plugins.influxforecast.report..",
                        "io.jenkins.plugins.influxforecast.catalog..",
                        "io.jenkins.plugins.influxforecast.select..",
                        "io.jenkins.plugins.influxforecast.lineprotocol..",
                        "io.jenkins.plugins.influxforecast.files..",
                        "io.jenkins.plugins.influxforecast.history..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..",
                        "java.net.http..", "okhttp3..", "com.influxdb..", "retrofit2..",
                        "io.jenkins.plugins.influxforecast.influx..", "io.jenkins.plugins.influxforecast.steps..",
                        "io.jenkins.plugins.influxforecast.pipeline..", "io.jenkins.plugins.influxforecast.cli..")
                .check(CLASSES);
    }

    /**
     * Every package is its own slice ({@code model} and {@code model.ets} count separately), and no
     * slice reaches itself again through others: arrows only point downwards. {@code jdeps
     * -verbose:package target/classes} shows the same graph.
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.jenkins.plugins.influxforecast.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void engineCommandLineNeverTouchesJenkins() {
        noClasses().that().resideInAnyPackage("io.jenkins.plugins.influxforecast.cli..", "io.jenkins.plugins.influxforecast.pipeline..",
                        "io.jenkins.plugins.influxforecast.influx..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..",
                        "com.cloudbees..", "io.jenkins.plugins.influxforecast.steps..")
                .check(CLASSES);
    }

    /**
     * Only influx/ speaks HTTP (DESIGN.md): its TLS, proxy, CA-file and secret scrubbing apply to
     * every request, the steps' "Test connection" included. Reading a resource through a URL is
     * not HTTP and stays allowed.
     */
    @Test
    void onlyInfluxSpeaksHttp() {
        noClasses().that().resideOutsideOfPackage("io.jenkins.plugins.influxforecast.influx..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "okhttp3..", "com.influxdb..", "retrofit2..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.net.ssl.HttpsURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .check(CLASSES);
    }
}
