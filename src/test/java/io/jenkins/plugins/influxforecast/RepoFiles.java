package io.jenkins.plugins.influxforecast;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository for tests, found from where the test classes were compiled to
 * ({@code target/test-classes}), not from the working directory: the tests pass whichever folder
 * they are started from (an IDE, {@code mvn -f}, a single test class on the command line).
 */
public final class RepoFiles {

    private static final Path ROOT = findRoot();

    private RepoFiles() {
    }

    /** The repository's root folder: the one holding pom.xml. */
    public static Path root() {
        return ROOT;
    }

    /** A path of the repository, such as {@code src/test/resources/input/x.csv}. */
    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path findRoot() {
        try {
            Path p = Path.of(RepoFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            for (Path d = p; d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src/test/java"))) {
                    return d;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through
        }
        throw new IllegalStateException("cannot find the repository (pom.xml) above the test classes");
    }
}
