package io.jenkins.plugins.influxforecast.steps;

import hudson.FilePath;
import java.io.File;

/** Prints where the engine would be copied for the workspace {@code args[0]} (run in a JVM of its own by EngineInstallerTempDirTest). */
public final class TempDirProbe {

    private TempDirProbe() {
    }

    public static void main(String[] args) {
        System.out.println(EngineInstaller.tempDir(new FilePath(new File(args[0]))).getRemote());
    }
}
