package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.config.SandboxConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A runtime missing on the host fails the start with a clear message instead of crashing anything. */
class ProcessSandboxDriverTest {

    @Test
    void aMissingInterpreterIsAClearStartFailure() {
        SandboxConfig config = new TestConfig("px-no-such-node-here", "px-no-such-python-here", "process");
        ProcessSandboxDriver driver = new ProcessSandboxDriver(config, new HarnessInstallation(config));
        SandboxListener ignore = new SandboxListener() {
            @Override
            public void onLog(String level, String source, String message, Long sequence, Long dropped) {
            }

            @Override
            public void onExit(RunningSandbox sandbox) {
            }
        };
        for (String runtime : new String[] {"node", "python"}) {
            assertThatThrownBy(() -> driver.start(new SandboxSpec("s-1", runtime, Path.of("target/none/v0"), null, 0, null, null, null, "t-1"), ignore))
                    .isInstanceOf(SandboxStartException.class)
                    .hasMessageContaining("runtime " + runtime + " is not available on this host")
                    .hasMessageContaining("was not found on PATH");
        }
    }

    private record TestConfig(String nodeCommand, String pythonCommand, String driver) implements SandboxConfig {
        @Override public Path workDir() { return Path.of("target/driver-test"); }
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
    }
}
