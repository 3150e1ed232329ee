package io.jenkins.plugins.influxforecast.steps;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jenkins.MasterToSlaveFileCallable;

/**
 * Application class-data-sharing archives of the engine (JDK CDS, {@code -XX:SharedArchiveFile}):
 * the classes an engine command loads, parsed and verified once and then mapped by every later JVM
 * that runs that command, which starts it with less CPU. One archive per command
 * ({@code influx-forecast-cli.<command>.jsa}, e.g. {@code influx-forecast-cli.load.jsa}) lies beside
 * the jar, with {@code <archive>.sha256} holding its SHA-256 in {@code sha256sum} form.
 *
 * <p>An archive belongs to its jar (the folder of a copied jar is named after its version and
 * checksum, and the JVM refuses an archive whose jar changed) and to the JVM that made it: another
 * JVM ignores it ({@code -Xshare:auto}, CDS log lines silenced) and starts as it would without it.
 * An archive whose checksum does not match is never passed: a truncated archive can crash the JVM.
 *
 * <p>Where archives come from: the engine image makes them at build time (src/main/docker/Dockerfile);
 * on an agent that keeps its workspaces (the copied jar is older than {@link #PERSISTENT_AFTER_MILLIS}),
 * the first run of a command that has none dumps one at its exit ({@code -XX:ArchiveClassesAtExit}),
 * and the step moves it into place once the run succeeded. A pod that lives for one build never pays
 * for the dump.
 */
final class ClassDataArchive {

    /** A jar copied this long ago survived its build: the agent keeps its workspaces, and an archive pays off. */
    static final long PERSISTENT_AFTER_MILLIS = TimeUnit.HOURS.toMillis(1);

    /** The options that keep CDS quiet, so that an archive another JVM cannot use changes nothing the engine prints. */
    static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    private ClassDataArchive() {
    }

    /** The archive file name of an engine command. */
    static String archiveName(String command) {
        return "influx-forecast-cli." + command + ".jsa";
    }

    /**
     * What one engine run does with archives: the JVM options to add, and, when it dumps a new
     * archive, the part file to move into place after a successful run.
     */
    static final class Plan {
        private final List<String> jvmOptions;
        private final FilePath part;
        private final FilePath archive;

        private Plan(List<String> jvmOptions, FilePath part, FilePath archive) {
            this.jvmOptions = jvmOptions;
            this.part = part;
            this.archive = archive;
        }

        static final Plan NONE = new Plan(List.of(), null, null);

        List<String> jvmOptions() {
            return jvmOptions;
        }

        /**
         * After the run: when it succeeded and dumped an archive, the archive and its checksum are put
         * in place; a part file is never left behind. Failing here never fails the step.
         */
        void finish(boolean succeeded, TaskListener listener) throws InterruptedException {
            if (part == null) {
                return;
            }
            try {
                if (succeeded && part.exists() && part.length() > 0) {
                    part.act(new Install(archive.getName()));
                    listener.getLogger().println(PrefixingStream.PREFIX + String.format(Locale.ROOT,
                            "class-data-sharing archive made at %s (%.1f MB); later runs of this command start from it",
                            archive.getRemote(), archive.length() / 1e6));
                }
            } catch (IOException e) {
                listener.getLogger().println(PrefixingStream.PREFIX + "no class-data-sharing archive (" + e.getMessage()
                        + "); the engine starts without one");
            } finally {
                try {
                    part.delete();
                } catch (IOException ignored) {
                    // a stray part file is harmless: it is never passed to a JVM
                }
            }
        }
    }

    /**
     * The plan for running {@code command} of the engine at {@code jar}: use its verified archive;
     * else, when {@code mayMake}, dump one at the run's exit; else nothing.
     */
    static Plan plan(FilePath jar, String command, boolean mayMake) throws IOException, InterruptedException {
        if (command == null || !COMMAND.matcher(command).matches()) {
            return Plan.NONE;
        }
        FilePath archive = jar.sibling(archiveName(command));
        if (archive == null) {
            return Plan.NONE;
        }
        if (Boolean.TRUE.equals(archive.act(new Verify()))) {
            List<String> o = new ArrayList<>();
            o.add("-XX:SharedArchiveFile=" + archive.getRemote());
            o.addAll(QUIET);
            return new Plan(List.copyOf(o), null, archive);
        }
        if (!mayMake) {
            return Plan.NONE;
        }
        FilePath part = jar.sibling("." + archive.getName() + "." + UUID.randomUUID() + ".part");
        if (part == null) {
            return Plan.NONE;
        }
        List<String> o = new ArrayList<>();
        o.add("-XX:ArchiveClassesAtExit=" + part.getRemote());
        o.addAll(QUIET);
        return new Plan(List.copyOf(o), part, archive);
    }

    /** Whether a copied jar has outlived the build that copied it (by the agent's clock). */
    static boolean persistent(FilePath jar) throws IOException, InterruptedException {
        return jar.act(new AgeMillis()) >= PERSISTENT_AFTER_MILLIS;
    }

    /** The {@code sha256sum} line of an archive. */
    static String checksumLine(File archive, String name) throws IOException {
        return EngineInstaller.sha256(archive) + "  " + name + "\n";
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
            Path sum = f.toPath().resolveSibling(f.getName() + ".sha256");
            if (!f.isFile() || !Files.isRegularFile(sum)) {
                return false;
            }
            String[] words = Files.readString(sum, StandardCharsets.UTF_8).trim().split("\\s+");
            return words.length > 0 && words[0].equalsIgnoreCase(EngineInstaller.sha256(f));
        }

        private static final long serialVersionUID = 1L;
    }

    /**
     * Moves a freshly dumped archive into place, then writes its checksum file: a reader that finds a
     * matching checksum finds the whole archive (both moves are renames within one folder).
     */
    static final class Install extends MasterToSlaveFileCallable<Void> {
        private final String name;

        Install(String name) {
            this.name = name;
        }

        @Override
        public Void invoke(File part, VirtualChannel channel) throws IOException {
            Path dir = part.toPath().toAbsolutePath().getParent();
            if (dir == null) {
                throw new IOException("no folder for the archive " + part);
            }
            String line = checksumLine(part, name);
            Path sumPart = dir.resolve("." + name + ".sha256." + UUID.randomUUID() + ".part");
            try {
                Files.writeString(sumPart, line, StandardCharsets.UTF_8);
                Files.move(part.toPath(), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(sumPart, dir.resolve(name + ".sha256"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(sumPart);
            }
            return null;
        }

        private static final long serialVersionUID = 1L;
    }
}
