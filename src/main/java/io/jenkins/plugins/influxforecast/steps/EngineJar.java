package io.jenkins.plugins.influxforecast.steps;

import hudson.AbortException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The engine's command-line jar as the plugin carries it: a classpath resource, with its version
 * (the jar manifest's Implementation-Version) and SHA-256, computed once per controller JVM.
 */
final class EngineJar {

    static final String RESOURCE = "/io/jenkins/plugins/influxforecast/engine/influx-forecast-cli.jar";
    static final String FILE_NAME = "influx-forecast-cli.jar";

    private static volatile EngineJar embedded;

    private final Source source;
    private final String version;
    private final String sha256;
    private final long size;

    private EngineJar(Source source, String version, String sha256, long size) {
        this.source = source;
        this.version = version;
        this.sha256 = sha256;
        this.size = size;
    }

    /** Where the jar's bytes come from. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** The engine jar inside this plugin. */
    static EngineJar embedded() throws IOException {
        EngineJar e = embedded;
        if (e == null) {
            synchronized (EngineJar.class) {
                e = embedded;
                if (e == null) {
                    e = read(EngineJar::openResource);
                    embedded = e;
                }
            }
        }
        return e;
    }

    /** An engine jar from a file (the command-line jar of this build, or a test's). */
    static EngineJar of(java.nio.file.Path file) throws IOException {
        return read(() -> java.nio.file.Files.newInputStream(file));
    }

    private static EngineJar read(Source source) throws IOException {
        MessageDigest sha = newDigest();
        String version = null;
        long size;
        try (InputStream raw = source.open(); CountingDigest in = new CountingDigest(raw, sha);
             JarInputStream jar = new JarInputStream(in)) {
            Manifest m = jar.getManifest();
            if (m != null) {
                version = m.getMainAttributes().getValue("Implementation-Version");
            }
            byte[] buf = new byte[65536];
            while (jar.getNextJarEntry() != null) {
                while (jar.read(buf) >= 0) {
                    // read every entry so the digest covers the whole file
                }
            }
            in.transferTo(java.io.OutputStream.nullOutputStream());
            size = in.count;
        }
        if (version == null || version.isBlank()) {
            throw new AbortException("the engine jar carried by the plugin has no Implementation-Version in its manifest");
        }
        return new EngineJar(source, version, HexFormat.of().formatHex(sha.digest()), size);
    }

    /** A fresh stream over the jar's bytes. */
    InputStream open() throws IOException {
        return source.open();
    }

    private static InputStream openResource() throws IOException {
        InputStream in = EngineJar.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new AbortException("this build of the influx-forecast plugin carries no engine jar (" + RESOURCE
                    + "); build it with mvn package");
        }
        return in;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String version() {
        return version;
    }

    String sha256() {
        return sha256;
    }

    long size() {
        return size;
    }

    /** The folder name of this engine on an agent: version and the start of the checksum. */
    String installName() {
        return version.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + sha256.substring(0, 12);
    }

    private static final class CountingDigest extends DigestInputStream {
        long count;

        CountingDigest(InputStream in, MessageDigest md) {
            super(in, md);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
