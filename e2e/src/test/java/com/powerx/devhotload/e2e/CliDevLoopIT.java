package com.powerx.devhotload.e2e;

import com.powerx.devhotload.devstack.Bundles;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer's loop through the real CLI process ({@code cli/px-plugin dev --watch --json}) against the packaged
 * suite: edit a file of a copy of counter-node → {@code reloaded} with the count kept; save a syntax error →
 * {@code rolled-back} naming the file and line while the old version keeps serving; fix it; Ctrl-C keeps the session;
 * {@code dev --stop} ends it. And the CLI's own failures: one line, the documented exit code, no stack trace.
 */
class CliDevLoopIT {

    private static final Path COUNTER = Path.of("..", "examples", "plugins", "counter-node").toAbsolutePath().normalize();
    private static final Duration STEP = Duration.ofSeconds(60);
    private static Suite suite;

    @TempDir
    Path work;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void saveReloadRollBackFixAndStopThroughTheCli() throws Exception {
        String pluginId = "com.acme.cli-" + UUID.randomUUID().toString().substring(0, 8);
        Path plugin = Bundles.copyPlugin(COUNTER, work.resolve("plugin"), pluginId);
        Map<String, String> env = CliProcess.environment(suite, work.resolve("home"));

        String sessionId;
        try (CliProcess cli = CliProcess.start(env, plugin, "dev", "--watch", "--json", "--entry", plugin.toString())) {
            sessionId = cli.awaitEvent(0, "registered", STEP).json().path("sessionId").asText();
            cli.awaitEvent(0, "ready", STEP);
            assertThat(invoke(sessionId, "increment").path("count").asInt()).isEqualTo(1);
            assertThat(invoke(sessionId, "increment").path("count").asInt()).isEqualTo(2);

            int mark = cli.lineCount();
            edit(plugin.resolve("index.mjs"), "counter v1 ready", "counter v2 ready");
            JsonNode reloaded = cli.awaitEvent(mark, "reloaded", STEP).json();
            assertThat(reloaded.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(reloaded.path("sequence").asLong()).isPositive();
            assertThat(invoke(sessionId, "get").path("count").asInt()).as("count kept across the reload").isEqualTo(2);

            mark = cli.lineCount();
            String good = Files.readString(plugin.resolve("lib/counter.mjs"));
            Files.writeString(plugin.resolve("lib/counter.mjs"), good.replace("let count = initial;", "let count = = initial;"));
            JsonNode rolledBack = cli.awaitEvent(mark, "rolled-back", STEP).json();
            assertThat(rolledBack.path("error").asText()).as("the error names the file and its line")
                    .contains("counter.mjs").containsPattern(":5\\b|line 5");
            assertThat(invoke(sessionId, "increment").path("count").asInt()).as("the previous version keeps serving").isEqualTo(3);

            mark = cli.lineCount();
            Files.writeString(plugin.resolve("lib/counter.mjs"), good);
            cli.awaitEvent(mark, "reloaded", STEP);
            assertThat(invoke(sessionId, "get").path("count").asInt()).isEqualTo(3);

            assertThat(cli.lines()).extracting(CliProcess.Line::event).doesNotContain("not-json");
            cli.interrupt(Duration.ofSeconds(20));
            assertThat(cli.stderr()).noneMatch(l -> l.contains("Exception") || l.trim().startsWith("at "));
        }
        assertThat(session(sessionId).path("status").asText()).as("Ctrl-C keeps the session for --resume").isEqualTo("active");

        CliProcess stop = CliProcess.run(env, plugin, STEP, "dev", "--stop", "--json", "--entry", plugin.toString());
        assertThat(stop.exitCode()).as(String.valueOf(stop.stderr())).isZero();
        assertThat(stop.lines()).extracting(CliProcess.Line::event).contains("stopped");
        assertThat(session(sessionId).path("status").asText()).isEqualTo("terminated");
    }

    @Test
    void anInvalidManifestIsOneLineAndExitOneWithNothingRegistered() throws Exception {
        String pluginId = "com.acme.cli-bad-" + UUID.randomUUID().toString().substring(0, 8);
        Path plugin = Bundles.copyPlugin(COUNTER, work.resolve("bad"), pluginId);
        Files.writeString(plugin.resolve("plugin.json"), "{\"id\": \"" + pluginId + "\", \"version\": \"one\", \"runtime\": \"node\","
                + " \"entry\": \"missing.mjs\"}");

        CliProcess cli = CliProcess.run(CliProcess.environment(suite, work.resolve("home")), plugin, STEP,
                "dev", "--entry", plugin.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(String.join("\n", cli.stderr())).contains("$.version").contains("$.name").contains("missing.mjs")
                .doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode sessions = SuiteCalls.expect(200, suite, "session-service", "GET",
                "/internal/dev/plugins/sessions?status=all&pluginId=" + pluginId, Map.of(), null);
        assertThat(sessions.path("data").path("total").asInt()).as("nothing registered").isZero();
    }

    @Test
    void anUnreachableApiIsExitThree() throws Exception {
        Path plugin = Bundles.copyPlugin(COUNTER, work.resolve("offline"), "com.acme.cli-offline");
        Map<String, String> env = new java.util.HashMap<>(CliProcess.environment(suite, work.resolve("home")));
        env.put("PX_DEV_API_BASE_URL", "http://127.0.0.1:9"); // discard port: nothing listens

        CliProcess cli = CliProcess.run(env, plugin, STEP, "dev", "--no-telemetry", "--entry", plugin.toString());

        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.stderr()).hasSizeBetween(1, 3).noneMatch(l -> l.contains("Exception"));
    }

    private static JsonNode invoke(String sessionId, String handler) throws Exception {
        return SuiteCalls.expect(200, suite, "sandbox-orchestrator", "POST", "/internal/dev/sandboxes/" + sessionId + "/invoke",
                Map.of(), "{\"handler\":\"" + handler + "\"}").path("data").path("result");
    }

    private static JsonNode session(String sessionId) throws Exception {
        return SuiteCalls.expect(200, suite, "session-service", "GET", "/internal/dev/plugins/sessions/" + sessionId, Map.of(), null)
                .path("data");
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
