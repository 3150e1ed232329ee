package io.jenkins.plugins.influxforecast.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jenkins.MasterToSlaveFileCallable;

/**
 * Makes sure the engine jar is on the agent. An engine of the plugin's version already installed
 * in the container (an engine image, checked by running it) is used as it is; otherwise the jar the
 * plugin carries is copied once per version into {@code <workspace>@tmp/influx-forecast/<version>-<sha>/}
 * (the workspace's {@link WorkspaceList#tempDir})
 * and its SHA-256 verified on the agent before it is used.
 */
final class EngineInstaller {

    /** Where the engine image puts the jar. */
    static final String DEFAULT_INSTALLED_PATH = "/opt/influx-forecast/influx-forecast-cli.jar";

    /** How long a version check of an installed engine may take. */
    private static final long VERSION_CHECK_SECONDS = 60;

    private EngineInstaller() {
    }

    /** The engine to run: its path on the agent and how it got there. */
    record Installed(String path, String how) {
    }

    static Installed ensure(FilePath workspace, Launcher launcher, TaskListener listener, EngineJar engine,
                            String installedPath, String javaCommand) throws IOException, InterruptedException {
        if (installedPath != null && !installedPath.isBlank() && installedVersionMatches(workspace, launcher, engine, installedPath, javaCommand)) {
            return new Installed(installedPath, "installed in the container at " + installedPath);
        }
        FilePath dir = tempDir(workspace).child("influx-forecast").child(engine.installName());
        FilePath jar = dir.child(EngineJar.FILE_NAME);
        if (jar.act(new Sha256Of()).equals(engine.sha256())) {
            return new Installed(jar.getRemote(), "already on the agent at " + jar.getRemote());
        }
        dir.mkdirs();
        FilePath part = dir.child("." + EngineJar.FILE_NAME + "." + UUID.randomUUID() + ".part");
        try (InputStream in = engine.open()) {
            part.copyFrom(in);
            part.act(new VerifyAndInstall(engine.sha256(), EngineJar.FILE_NAME));
        } finally {
            part.delete();
        }
        return new Installed(jar.getRemote(), String.format(java.util.Locale.ROOT, "copied to the agent at %s (%.1f MB, sha256 %s verified)",
                jar.getRemote(), engine.size() / 1e6, engine.sha256().substring(0, 12)));
    }

    /**
     * Jenkins' temporary folder of the workspace, {@link WorkspaceList#tempDir} ({@code <workspace>@tmp}
     * unless the controller sets another {@code hudson.slaves.WorkspaceList} combinator).
     */
    static FilePath tempDir(FilePath workspace) {
        FilePath t = WorkspaceList.tempDir(workspace);
        if (t == null) {
            throw new IllegalArgumentException("workspace has no parent folder: " + workspace.getRemote());
        }
        return t;
    }

    /**
     * Whether {@code java -jar <path> --version}, run where the step's processes run (inside
     * {@code container()} too), reports the plugin's engine version.
     */
    private static boolean installedVersionMatches(FilePath workspace, Launcher launcher, EngineJar engine, String path,
                                                   String javaCommand) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Proc p = launcher.launch().cmds(javaCommand, "-jar", path, "--version").pwd(workspace)
                .quiet(true).stdout(out).stderr(out).start();
        int exit = p.joinWithTimeout(VERSION_CHECK_SECONDS, TimeUnit.SECONDS, launcher.getListener());
        if (exit != 0) {
            return false;
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.lines().anyMatch(l -> l.contains(engine.version()));
    }

    /** The SHA-256 of a file on the agent, or "" when it does not exist. */
    static final class Sha256Of extends MasterToSlaveFileCallable<String> {
        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            if (!f.isFile()) {
                return "";
            }
            return sha256(f);
        }

        private static final long serialVersionUID = 1L;
    }

    /**
     * Verifies a copied jar's SHA-256 on the agent and moves it atomically into place; a mismatch
     * deletes it and fails.
     */
    static final class VerifyAndInstall extends MasterToSlaveFileCallable<Void> {
        private final String expectedSha256;
        private final String finalName;

        VerifyAndInstall(String expectedSha256, String finalName) {
            this.expectedSha256 = expectedSha256;
            this.finalName = finalName;
        }

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            String actual = sha256(f);
            if (!actual.equals(expectedSha256)) {
                Files.deleteIfExists(f.toPath());
                throw new AbortException("the engine jar copied to the agent is corrupt: sha256 " + actual + ", expected " + expectedSha256);
            }
            Files.move(f.toPath(), f.toPath().resolveSibling(finalName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        }

        private static final long serialVersionUID = 1L;
    }

    static String sha256(File f) throws IOException {
        MessageDigest md = EngineJar.newDigest();
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(f.toPath())) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
