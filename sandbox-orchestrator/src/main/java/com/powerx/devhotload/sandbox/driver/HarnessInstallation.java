package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.config.SandboxConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The work directory of this instance: the harness files extracted together (they load each other from their own
 * folder), and one control socket per sandbox. At start it ends harnesses a previous run left behind (kill -9 of
 * the JVM): they are found by their command line, which names this work directory's harness files.
 */
@ApplicationScoped
public class HarnessInstallation {

    private static final List<String> FILES = List.of("harness.mjs", "plugin-worker.mjs", "harness.py", "px_sandbox.py");

    private final Path workDir;

    public HarnessInstallation(SandboxConfig config) {
        this.workDir = config.workDir().toAbsolutePath().normalize();
    }

    @PostConstruct
    void install() {
        try {
            Files.createDirectories(harnessDir());
            Files.createDirectories(socketDir());
            killStaleHarnesses();
            for (String file : FILES) {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("harness/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("harness file missing from the classpath: " + file);
                    }
                    Files.copy(in, harnessDir().resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox work directory " + workDir, e);
        }
    }

    private void killStaleHarnesses() {
        String marker = harnessDir().toString();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    Log.warnf("ending stale sandbox process %d left by a previous run", p.pid());
                    p.destroyForcibly();
                });
    }

    public Path workDir() {
        return workDir;
    }

    public Path harnessDir() {
        return workDir.resolve("harness");
    }

    public Path socketDir() {
        return workDir.resolve("sock");
    }
}
