package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.powerx.devhotload.e2e.SuiteCalls.Frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start of the diagnostics loop across the packaged suite: a real node sandbox whose code is broken five times in
 * a row (each reload rolled back by the orchestrator) raises exactly one {@code reload-failure-streak} alert from
 * telemetry-ingest, seen live on the tenant's SSE stream and in the alerts API; four do not, and a good reload
 * resolves it. A plugin that crashes three times raises one {@code sandbox-crash-loop} alert.
 */
class AlertLoopIT {

    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void fiveRolledBackReloadsOfARealSandboxRaiseOneAlertOnTheStreamAndAGoodReloadResolvesIt() throws Exception {
        String tenant = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        Map<String, byte[]> good = Bundles.read(PLUGINS.resolve("counter-node"));
        Map<String, byte[]> broken = new TreeMap<>(good);
        broken.put("index.mjs", Files.readAllBytes(PLUGINS.resolve("broken/node/syntax-error/index.mjs")));
        DevLoop.upload(suite, admin, good);
        DevLoop.upload(suite, admin, broken);
        JsonNode registered = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", admin,
                DevLoop.registerBody("com.acme.flaky", "node", "index.mjs", good), 201);
        String sessionId = registered.at("/data/sessionId").asText();
        String token = registered.at("/data/reloadToken").asText();
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", admin, sessionId, "ready", Duration.ofSeconds(60));

        List<Frame> frames = new CopyOnWriteArrayList<>();
        Thread stream = SuiteCalls.watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?sessionId=" + sessionId
                + "&types=plugin.debug.alert"), SuiteCalls.bearer(admin), frames);
        try {
            for (int i = 1; i <= 4; i++) {
                assertThat(reload(sessionId, token, broken)).isEqualTo("rolled-back");
            }
            Thread.sleep(1_000);
            assertThat(alerts(admin, sessionId, "all")).as("four failures are not a streak").isEmpty();

            assertThat(reload(sessionId, token, broken)).isEqualTo("rolled-back");
            List<Frame> raised = SuiteCalls.await(frames, f -> EventTypes.ALERT_RAISED.equals(f.data().path("type").asText()), 1,
                    Duration.ofSeconds(10));
            JsonNode alert = raised.getFirst().data().path("payload");
            assertThat(alert.path("rule").asText()).isEqualTo("reload-failure-streak");
            assertThat(alert.path("severity").asText()).isEqualTo("critical");
            assertThat(alert.path("sessionId").asText()).isEqualTo(sessionId);

            assertThat(reload(sessionId, token, broken)).isEqualTo("rolled-back"); // a repeat raises count, publishes nothing
            assertThat(reload(sessionId, token, good)).isEqualTo("reloaded");
            SuiteCalls.await(frames, f -> EventTypes.ALERT_RESOLVED.equals(f.data().path("type").asText()), 1, Duration.ofSeconds(10));
            assertThat(frames.stream().filter(f -> EventTypes.ALERT_RAISED.equals(f.data().path("type").asText()))).hasSize(1);
            JsonNode stored = alerts(admin, sessionId, "all").getFirst();
            assertThat(stored.path("status").asText()).isEqualTo("resolved");
            assertThat(stored.path("count").asLong()).as("raised once, repeated once").isEqualTo(2);
        } finally {
            stream.interrupt();
        }
    }

    @Test
    void aPluginThatCrashesThreeTimesRaisesOneCrashLoopAlert() throws Exception {
        String tenant = "crashes-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        Map<String, byte[]> crashing = Bundles.read(PLUGINS.resolve("broken/node/crash"));
        DevLoop.upload(suite, admin, crashing);
        String sessionId = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", admin,
                DevLoop.registerBody("com.acme.crashy", "node", "index.mjs", crashing), 201).at("/data/sessionId").asText();
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", admin, sessionId, "ready", Duration.ofSeconds(60));

        List<Frame> frames = new CopyOnWriteArrayList<>();
        Thread stream = SuiteCalls.watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?sessionId=" + sessionId
                + "&types=plugin.debug.alert"), SuiteCalls.bearer(admin), frames);
        try {
            for (int crash = 1; crash <= 3; crash++) {
                DevLoop.invoke(suite, "sandbox-orchestrator", admin, sessionId, "crash", 502);
                DevLoop.awaitSandbox(suite, "sandbox-orchestrator", admin, sessionId, "ready", Duration.ofSeconds(60));
            }
            List<Frame> raised = SuiteCalls.await(frames, f -> EventTypes.ALERT_RAISED.equals(f.data().path("type").asText()), 1,
                    Duration.ofSeconds(10));
            assertThat(raised.getFirst().data().at("/payload/rule").asText()).isEqualTo("sandbox-crash-loop");
            assertThat(raised.getFirst().data().at("/payload/severity").asText()).isEqualTo("critical");
            assertThat(alerts(admin, sessionId, "open")).hasSize(1);
        } finally {
            stream.interrupt();
        }
    }

    /** A reload that waits for the sandbox's outcome; its result. */
    private static String reload(String sessionId, String token, Map<String, byte[]> files) throws Exception {
        return DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                DevLoop.reloadBody(sessionId, token, files), 200).at("/data/outcome/result").asText();
    }

    private static List<JsonNode> alerts(String token, String sessionId, String status) throws Exception {
        JsonNode items = DevLoop.call(suite, "telemetry-ingest", "GET", "/api/telemetry/alerts?status=" + status + "&sessionId=" + sessionId,
                token, null, 200).at("/data/items");
        List<JsonNode> out = new java.util.ArrayList<>();
        items.forEach(out::add);
        return out;
    }
}
