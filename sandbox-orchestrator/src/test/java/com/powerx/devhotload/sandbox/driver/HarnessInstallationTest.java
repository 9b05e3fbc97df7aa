package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.config.SandboxConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Installing the work directory extracts the harness files together and ends harnesses a killed JVM left behind. */
class HarnessInstallationTest {

    @Test
    void extractsTheHarnessAndKillsStaleChildrenOfThisWorkDirectory() throws Exception {
        SandboxConfig config = new WorkDir(Path.of("target/installation-test"));
        HarnessInstallation installation = new HarnessInstallation(config);
        Files.createDirectories(installation.harnessDir());
        // Stands in for a harness of a previous run: its command line names this work directory's harness files.
        Process stale = new ProcessBuilder("sh", "-c", "sleep 120; echo " + installation.harnessDir().resolve("harness.mjs")).start();
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            installation.install();
            assertThat(stale.waitFor(10, TimeUnit.SECONDS)).as("stale harness ended").isTrue();
            assertThat(unrelated.isAlive()).as("other processes untouched").isTrue();
            for (String file : new String[] {"harness.mjs", "plugin-worker.mjs", "harness.py", "px_sandbox.py"}) {
                assertThat(installation.harnessDir().resolve(file)).isRegularFile();
            }
            assertThat(installation.socketDir()).isDirectory();
        } finally {
            stale.destroyForcibly();
            unrelated.destroyForcibly();
        }
    }

    private record WorkDir(Path workDir) implements SandboxConfig {
        @Override public String driver() { return "process"; }
        @Override public int max() { return 1; }
        @Override public int hookTimeoutMs() { return 1000; }
        @Override public int invokeTimeoutMs() { return 1000; }
        @Override public OptionalInt maxOldSpaceMb() { return OptionalInt.empty(); }
        @Override public OptionalInt maxMemoryMb() { return OptionalInt.empty(); }
        @Override public int logRate() { return 10; }
        @Override public String sessionServiceUrl() { return "http://127.0.0.1:1"; }
        @Override public java.util.Optional<String> serviceToken() { return java.util.Optional.empty(); }
        @Override public java.util.Optional<String> instanceId() { return java.util.Optional.empty(); }
        @Override public java.util.Optional<String> instanceUrl() { return java.util.Optional.empty(); }
        @Override public int restartBackoffMs() { return 1000; }
        @Override public String nodeCommand() { return "node"; }
        @Override public String pythonCommand() { return "python3"; }
    }
}
