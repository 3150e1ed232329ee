package io.jenkins.plugins.influxforecast.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, from the build (written into metrics.json and checked by the steps). */
public final class EngineVersion {

    /** The engine jar's Implementation-Title (pom.xml, the engine-jar assembly's manifest). */
    static final String ENGINE_TITLE = "influx-forecast engine";

    private static final String VERSION = load();

    private EngineVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        // in the engine jar the version is in the manifest, which the JVM read already: no second
        // opening of the jar for a resource (the start of `version`, which the steps run to check an engine)
        Package pkg = EngineVersion.class.getPackage();
        if (pkg != null && ENGINE_TITLE.equals(pkg.getImplementationTitle()) && pkg.getImplementationVersion() != null) {
            return pkg.getImplementationVersion();
        }
        try (InputStream in = EngineVersion.class.getResourceAsStream("/io/jenkins/plugins/influxforecast/engine-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
