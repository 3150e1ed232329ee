package io.jenkins.plugins.influxforecast.steps;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jenkins.MasterToSlaveFileCallable;

/**
 * An application class-data-sharing archive of the engine (JDK CDS, {@code -XX:SharedArchiveFile}):
 * the engine's classes parsed and verified once, mapped by every later JVM, which starts it about a
 * sixth cheaper in CPU. It lies beside the jar as {@value #ARCHIVE}, with {@value #CHECKSUM} holding
 * its SHA-256 in {@code sha256sum} form. It belongs to that jar (the folder of a copied jar is named
 * after its version and checksum; the JVM also refuses an archive whose jar changed) and to the JVM
 * that made it: another JVM ignores it ({@code -Xshare:auto}, with the CDS log lines silenced) and
 * starts as it would without it. An archive whose checksum does not match is never passed (a
 * truncated archive can crash the JVM).
 *
 * <p>Where it comes from: the engine image makes it at build time (src/main/docker/Dockerfile); on
 * an agent that keeps its workspaces, the step makes it once, on the first use of a jar copied at
 * least {@link #PERSISTENT_AFTER_MILLIS} earlier, by running the engine's {@code demo} with
 * {@code -XX:ArchiveClassesAtExit}. A pod that lives for one build never pays for making one.
 */
final class ClassDataArchive {

    static final String ARCHIVE = "influx-forecast-cli.jsa";
    static final String CHECKSUM = ARCHIVE + ".sha256";

    /** A jar copied this long ago survived its build: the agent keeps its workspaces, an archive pays off. */
    static final long PERSISTENT_AFTER_MILLIS = TimeUnit.HOURS.toMillis(1);

    /** How long making the archive may take (the demo forecast plus the dump). */
    private static final long MAKE_SECONDS = 300;

    /** The JVM options that silence CDS's own warnings, so that an archive another JVM cannot use changes nothing. */
    static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private ClassDataArchive() {
    }

    /** The JVM options that use the archive beside {@code jar}, or none when there is no verified archive. */
    static List<String> options(FilePath jar) throws IOException, InterruptedException {
        FilePath archive = jar.sibling(ARCHIVE);
        if (archive == null || !Boolean.TRUE.equals(archive.act(new Verify()))) {
            return List.of();
        }
        return jvmOptions(archive.getRemote());
    }

    static List<String> jvmOptions(String archivePath) {
        java.util.ArrayList<String> o = new java.util.ArrayList<>();
        o.add("-XX:SharedArchiveFile=" + archivePath);
        o.addAll(QUIET);
        return List.copyOf(o);
    }

    /**
     * The options for a jar copied to the agent: the archive's when there is one; else, when the jar
     * is old enough to show that the agent keeps it, a new archive is made first. Making it can fail
     * (a JVM without CDS, a full disk): the engine then runs without it, and the log says why.
     */
    static List<String> optionsOrMake(FilePath jar, FilePath workspace, Launcher launcher, TaskListener listener,
                                      String javaCommand) throws IOException, InterruptedException {
        List<String> existing = options(jar);
        if (!existing.isEmpty() || jar.act(new AgeMillis()) < PERSISTENT_AFTER_MILLIS) {
            return existing;
        }
        long t0 = System.nanoTime();
        FilePath dir = jar.getParent();
        String id = UUID.randomUUID().toString();
        FilePath part = dir.child("." + ARCHIVE + "." + id + ".part");
        FilePath training = dir.child(".cds-training." + id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            List<String> argv = new java.util.ArrayList<>(List.of(javaCommand, "-XX:ArchiveClassesAtExit=" + part.getRemote()));
            argv.addAll(QUIET);
            argv.addAll(List.of("-Djava.awt.headless=true", "-jar", jar.getRemote(), "demo", "--output-dir", training.getRemote()));
            Proc p = launcher.launch().cmds(argv).pwd(workspace).quiet(true).stdout(out).stderr(out).start();
            int exit = p.joinWithTimeout(MAKE_SECONDS, TimeUnit.SECONDS, listener);
            if (exit != 0 || !part.exists() || part.length() == 0) {
                listener.getLogger().println(PrefixingStream.PREFIX + "no class-data-sharing archive: making one exited with " + exit
                        + "; the engine starts without it");
                return List.of();
            }
            part.act(new Install());
        } finally {
            part.delete();
            training.deleteRecursive();
        }
        FilePath archive = dir.child(ARCHIVE);
        listener.getLogger().println(PrefixingStream.PREFIX + String.format(Locale.ROOT,
                "class-data-sharing archive made at %s (%.1f MB in %.1f s); later engine starts map it",
                archive.getRemote(), archive.length() / 1e6, (System.nanoTime() - t0) / 1e9));
        return options(jar);
    }

    /** The {@code sha256sum} line for an archive file. */
    static String checksumLine(File archive) throws IOException {
        return EngineInstaller.sha256(archive) + "  " + ARCHIVE + "\n";
    }

    /** How long ago a file was last modified, by the agent's clock (the controller's may differ). */
    static final class AgeMillis extends MasterToSlaveFileCallable<Long> {
        @Override
        public Long invoke(File f, VirtualChannel channel) {
            return System.currentTimeMillis() - f.lastModified();
        }

        private static final long serialVersionUID = 1L;
    }

    /** Whether the archive exists and its checksum file names its SHA-256. */
    static final class Verify extends MasterToSlaveFileCallable<Boolean> {
        @Override
        public Boolean invoke(File f, VirtualChannel channel) throws IOException {
            Path sum = f.toPath().resolveSibling(CHECKSUM);
            if (!f.isFile() || !Files.isRegularFile(sum)) {
                return false;
            }
            String expected = Files.readString(sum, StandardCharsets.UTF_8).trim().split("\\s+")[0];
            return expected.equalsIgnoreCase(EngineInstaller.sha256(f));
        }

        private static final long serialVersionUID = 1L;
    }

    /**
     * Moves a freshly dumped archive into place, then writes its checksum file: a reader that sees
     * the checksum sees the whole archive (both moves are atomic renames in one folder).
     */
    static final class Install extends MasterToSlaveFileCallable<Void> {
        @Override
        public Void invoke(File part, VirtualChannel channel) throws IOException {
            Path dir = part.toPath().getParent();
            String line = checksumLine(part);
            Path sumPart = dir.resolve("." + CHECKSUM + "." + UUID.randomUUID() + ".part");
            try {
                Files.writeString(sumPart, line, StandardCharsets.UTF_8);
                Files.move(part.toPath(), dir.resolve(ARCHIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(sumPart, dir.resolve(CHECKSUM), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(sumPart);
            }
            return null;
        }

        private static final long serialVersionUID = 1L;
    }
}
