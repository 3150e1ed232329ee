package io.jenkins.plugins.influxforecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the real .hpi carries (test-harness/hpi/pom.xml): the plugin jar with the engine jar inside it
 * once, and in WEB-INF/lib only what code running on the controller needs. The controller runs
 * steps/ and library/ and what they reach (model specs are checked there); they need Gson,
 * commons-math3 and SnakeYAML, which Jenkins' API plugins provide, and nothing else: JFreeChart, the
 * InfluxDB client, commons-csv and picocli run only in the engine process, from the engine jar.
 */
class HpiContentsIT {

    /** The jars bundled into WEB-INF/lib besides the plugin's own: none. */
    static final Set<String> INTENDED_WEB_INF_LIB = Set.of();

    /** The API plugins the .hpi depends on for the libraries the controller-side code uses. */
    static final Set<String> INTENDED_API_PLUGINS = Set.of("io.jenkins.plugins:gson-api", "io.jenkins.plugins:commons-math3-api",
            "io.jenkins.plugins:snakeyaml-api");

    /** Libraries that only the engine process uses (they are inside the engine jar). */
    static final Map<String, String> ENGINE_ONLY = Map.of("org/jfree/", "JFreeChart", "com/influxdb/", "the InfluxDB client",
            "org/apache/commons/csv/", "commons-csv", "picocli/", "picocli");

    private static final String ROOT = "io/jenkins/plugins/influxforecast/";
    private static final Pattern OWN_CLASS = Pattern.compile(ROOT + "[A-Za-z0-9_/$]+");

    private static Path base() {
        return Path.of(System.getProperty("influxforecast.baseDir", "."));
    }

    /** groupId:artifactId of the compile-scope dependencies of the .hpi build. */
    private static Map<String, Element> compileDependencies() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(base().resolve("test-harness/hpi/pom.xml").toFile());
        Element project = doc.getDocumentElement();
        Map<String, Element> out = new HashMap<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("dependencies")) {
                NodeList deps = e.getElementsByTagName("dependency");
                for (int j = 0; j < deps.getLength(); j++) {
                    Element d = (Element) deps.item(j);
                    if (d.getParentNode() != e) {
                        continue;
                    }
                    String scope = text(d, "scope");
                    if (scope == null || scope.equals("compile") || scope.equals("runtime")) {
                        out.put(text(d, "groupId") + ":" + text(d, "artifactId"), d);
                    }
                }
            }
        }
        return out;
    }

    private static String text(Element d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    /** Jenkins plugins (an .hpi dependency) are not bundled; every other compile dependency lands in WEB-INF/lib. */
    private static boolean isPlugin(String coordinates) {
        return coordinates.startsWith("org.jenkins-ci.plugins") || coordinates.startsWith("io.jenkins.plugins:")
                || coordinates.startsWith("org.jenkinsci.plugins:");
    }

    @Test
    void webInfLibHoldsOnlyWhatTheControllerNeeds() throws Exception {
        Set<String> bundled = new TreeSet<>();
        Set<String> plugins = new TreeSet<>();
        for (String c : compileDependencies().keySet()) {
            (isPlugin(c) ? plugins : bundled).add(c);
        }
        assertThat(bundled).as("jars the .hpi would bundle in WEB-INF/lib").containsExactlyInAnyOrderElementsOf(INTENDED_WEB_INF_LIB);
        assertThat(plugins).containsAll(INTENDED_API_PLUGINS);
    }

    /**
     * The classes the controller may load (steps/, library/ and every plugin class they name, followed
     * transitively) name no engine-only library, so leaving those out of WEB-INF/lib is safe.
     */
    @Test
    void controllerSideClassesReachNoEngineOnlyLibrary() throws IOException {
        Path classes = base().resolve("target/classes");
        Deque<String> todo = new ArrayDeque<>();
        for (String pkg : List.of("steps", "library")) {
            try (var files = Files.list(classes.resolve(ROOT + pkg))) {
                files.filter(p -> p.toString().endsWith(".class"))
                        .forEach(p -> todo.add(ROOT + pkg + "/" + p.getFileName().toString().replace(".class", "")));
            }
        }
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String c = todo.pop();
            Path file = classes.resolve(c + ".class");
            if (!seen.add(c) || !Files.exists(file)) {
                continue;
            }
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> lib : ENGINE_ONLY.entrySet()) {
                assertThat(bytes).as("%s (loaded on the controller) uses %s", c, lib.getValue()).doesNotContain(lib.getKey());
            }
            Matcher m = OWN_CLASS.matcher(bytes);
            while (m.find()) {
                todo.add(m.group());
            }
        }
        assertThat(seen).as("controller-side classes").hasSizeGreaterThan(50)
                .contains(ROOT + "catalog/Models", ROOT + "pipeline/Commands");
    }

    /** The plugin jar carries the engine jar once, as the resource the steps copy to agents, and no engine dependency unpacked. */
    @Test
    void thePluginJarCarriesTheEngineOnce() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("influxforecast.pluginJar")).toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".jar"))).containsExactly(ROOT + "engine/influx-forecast-cli.jar");
            for (String lib : ENGINE_ONLY.keySet()) {
                assertThat(names).noneMatch(n -> n.startsWith(lib));
            }
        }
    }
}
