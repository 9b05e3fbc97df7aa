package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.PxPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dev --watch} as a process: JSON lines arrive as they happen, and a signal ends the watch with exit 0, session kept. */
class DevProcessTest {

    @TempDir
    Path home;
    @TempDir
    Path plugin;
    private FakeSuite suite;
    private Process process;

    @AfterEach
    void tearDown() {
        if (process != null) {
            process.destroyForcibly();
        }
        suite.close();
    }

    @Test
    void aSignalEndsTheWatchCleanlyAndKeepsTheSessionForResume() throws Exception {
        suite = new FakeSuite();
        Files.writeString(plugin.resolve("plugin.json"), "{\"id\":\"com.acme.counter\",\"name\":\"Counter\",\"version\":\"1.0.0\",\"runtime\":\"node\",\"entry\":\"index.mjs\"}");
        Files.writeString(plugin.resolve("index.mjs"), "export const handlers = {};\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PxPlugin.class.getName(),
                "dev", "--watch", "--json", "--no-telemetry", "--entry", plugin.toString());
        builder.environment().put("PX_HOME", home.toString());
        builder.environment().put("PX_DEV_API_BASE_URL", suite.url());
        builder.environment().put("PX_DEV_STREAM_URL", suite.url());
        builder.redirectErrorStream(true);
        Path output = home.resolve("output.txt");
        builder.redirectOutput(output.toFile());
        process = builder.start();

        long deadline = System.currentTimeMillis() + 30_000;
        while (lines(output).stream().noneMatch(l -> l.contains("\"event\":\"ready\"")) && System.currentTimeMillis() < deadline && process.isAlive()) {
            Thread.sleep(50);
        }
        List<String> lines = lines(output);
        assertThat(lines).as("output so far").anyMatch(l -> l.contains("\"event\":\"ready\""));

        // SIGTERM, the same shutdown path as Ctrl-C. Through the handle: Process.destroy() would also close our end of the pipes.
        process.toHandle().destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        lines = lines(output);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(l -> l.contains("\"event\":\"stopped\"") && l.contains("--resume"));
        assertThat(lines).noneMatch(l -> l.contains("Exception"));
        assertThat(Files.readString(home.resolve("dev-session.json"))).contains("\"sessionId\" : \"s-1\"");
        assertThat(suite.calls("DELETE", "/internal/dev/plugins/sessions")).isEmpty();
    }

    private static List<String> lines(Path output) throws IOException {
        return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
    }
}
