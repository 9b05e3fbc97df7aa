package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's loop across the six packaged services, as a tenant with a real JWT (not the loopback developer):
 * register counter-node, upload its files, the orchestrator fetches them with its service token and starts it,
 * invoke, hot-reload v2 (count kept), reload a syntax error (rolled back, v2 still serving), and every step visible
 * on the tenant's SSE stream. Another tenant sees none of it. And a kill -9 of the orchestrator loses no sandbox.
 */
class HotReloadLoopIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void saveReloadRollBackAcrossTheSuiteAsATenant() throws Exception {
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        String other = LocalTokens.forTests().mint("other-" + tenant, "dev-bob", List.of("admin.devHotload.manage"));
        String plugin = "com.acme.counter";

        List<SuiteCalls.Frame> frames = new CopyOnWriteArrayList<>();
        Thread stream = watch(admin, plugin, frames);
        try {
            Map<String, byte[]> v1 = Bundles.read(PLUGINS.resolve("counter-node"));
            JsonNode registered = call("session-service", "POST", "/internal/dev/plugins/register", admin,
                    registerBody(plugin, v1), 201);
            String sessionId = registered.at("/data/sessionId").asText();
            String token = registered.at("/data/reloadToken").asText();
            assertThat(registered.at("/data/missingBlobs")).hasSize(v1.size());

            upload(admin, v1);
            awaitSandbox(admin, sessionId, "ready");
            assertThat(invoke(admin, sessionId, "increment", 200).at("/data/result/count").asInt()).isEqualTo(1);
            assertThat(invoke(admin, sessionId, "increment", 200).at("/data/result/count").asInt()).isEqualTo(2);

            // Another tenant can neither read nor invoke it.
            invoke(other, sessionId, "get", 404);
            call("session-service", "GET", "/internal/dev/plugins/sessions/" + sessionId, other, null, 404);

            Map<String, byte[]> v2 = Bundles.read(PLUGINS.resolve("counter-node-v2"));
            upload(admin, v2);
            JsonNode reloaded = call("session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                    reloadBody(sessionId, token, v2), 200);
            assertThat(reloaded.at("/data/outcome/result").asText()).isEqualTo("reloaded");
            JsonNode third = invoke(admin, sessionId, "increment", 200);
            assertThat(third.at("/data/result/count").asInt()).isEqualTo(3);
            assertThat(third.at("/data/result/version").asInt()).isEqualTo(2);

            Map<String, byte[]> broken = new TreeMap<>(v2);
            broken.put("index.mjs", Files.readAllBytes(PLUGINS.resolve("broken/node/syntax-error/index.mjs")));
            upload(admin, broken);
            JsonNode rolledBack = call("session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                    reloadBody(sessionId, token, broken), 200);
            assertThat(rolledBack.at("/data/outcome/result").asText()).isEqualTo("rolled-back");
            JsonNode fourth = invoke(admin, sessionId, "increment", 200);
            assertThat(fourth.at("/data/result/count").asInt()).isEqualTo(4);
            assertThat(fourth.at("/data/result/version").asInt()).isEqualTo(2);

            JsonNode session = call("session-service", "GET", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
            assertThat(session.at("/data/status").asText()).isEqualTo("active");
            assertThat(session.at("/data/lastReload/result").asText()).isEqualTo("rolled-back");

            call("session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
            awaitSandbox(admin, sessionId, "stopped");

            List<String> seen = awaitTypes(frames, sessionId, List.of("dev.session.registered", "dev.session.sandbox.ready",
                    "dev.session.reloaded", "dev.session.rolled-back", "dev.session.terminated", "dev.session.sandbox.stopped"));
            assertThat(seen).contains("dev.session.log");
            assertThat(frames).allSatisfy(f -> assertThat(f.data().path("tenantId").asText()).isEqualTo(tenant));
        } finally {
            stream.interrupt();
        }
    }

    @Test
    void aKilledOrchestratorBringsItsSandboxesBackWithTheirState() throws Exception {
        CounterSession session = counterSession("restart", "com.acme.survivor");
        String admin = session.admin();
        String sessionId = session.sessionId();
        String token = session.token();
        Map<String, byte[]> v1 = session.v1();
        Map<String, byte[]> v2 = session.v2();
        assertThat(call("session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                reloadBody(sessionId, token, v2), 200).at("/data/outcome/result").asText()).isEqualTo("reloaded");
        for (int i = 1; i <= 3; i++) {
            assertThat(invoke(admin, sessionId, "increment", 200).at("/data/result/count").asInt()).isEqualTo(i);
        }

        suite.kill("sandbox-orchestrator");
        suite.restart("sandbox-orchestrator");

        // Back on the version it served (v2, sequence 1), with the count it had, without anyone re-registering.
        awaitSandbox(admin, sessionId, "ready");
        JsonNode view = call("sandbox-orchestrator", "GET", "/internal/dev/sandboxes/" + sessionId, admin, null, 200);
        assertThat(view.at("/data/sequence").asLong()).isEqualTo(1);
        assertThat(view.at("/data/restarts").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode after = invoke(admin, sessionId, "increment", 200);
        assertThat(after.at("/data/result/count").asInt()).isEqualTo(4);
        assertThat(after.at("/data/result/version").asInt()).isEqualTo(2);
        // The loop goes on: the next reload applies, and ending the session stops the recovered sandbox.
        assertThat(call("session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                reloadBody(sessionId, token, v1), 200).at("/data/outcome/result").asText()).isEqualTo("reloaded");
        assertThat(invoke(admin, sessionId, "get", 200).at("/data/result/count").asInt()).isEqualTo(4);
        call("session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
        awaitSandbox(admin, sessionId, "stopped");
    }

    /**
     * The narrowest crash window: the orchestrator recorded a reload as processed (so Kafka's redelivery is skipped
     * as a duplicate) and died before acting on it. The state is built exactly: the orchestrator is killed, the
     * reload is requested, and the processed mark plus the pending row its consumer would have committed are written;
     * the restarted orchestrator must still apply that reload.
     */
    @Test
    void aReloadRecordedButNotActedOnBeforeAKillIsAppliedAfterTheRestart() throws Exception {
        CounterSession session = counterSession("inbox", "com.acme.inbox");
        String admin = session.admin();
        String sessionId = session.sessionId();
        String token = session.token();
        Map<String, byte[]> v2 = session.v2();
        for (int i = 1; i <= 2; i++) {
            invoke(admin, sessionId, "increment", 200);
        }

        CloudEvent reload;
        try (EventProbe lifecycle = EventProbe.open(suite.stack().kafka().bootstrapServers(), Topics.SESSION_LIFECYCLE)) {
            suite.kill("sandbox-orchestrator");
            call("session-service", "POST", "/internal/dev/plugins/reload", null, reloadBody(sessionId, token, v2), 202);
            List<CloudEvent> requested = lifecycle.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, sessionId), 1, Duration.ofSeconds(30));
            assertThat(requested).hasSize(1);
            reload = requested.getFirst();
        }
        // What the lifecycle consumer commits before the step runs: the processed mark and the pending row.
        sandboxDb("INSERT INTO px_processed_event (consumer, event_id) VALUES (?, ?)", "sandbox-orchestrator.lifecycle", reload.id());
        sandboxDb("INSERT INTO pending_lifecycle (event_id, instance_id, event) VALUES (?, ?, ?)",
                reload.id(), Suite.ORCHESTRATOR_INSTANCE, EventCodec.encodeToString(reload));

        suite.restart("sandbox-orchestrator");

        // Restarted on v1 with its count, then the pending reload: v2 answers, the count is kept.
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode answer = null;
        while (Instant.now().isBefore(deadline) && (answer == null || answer.at("/data/result/version").asInt() != 2)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(suite.url("sandbox-orchestrator", "/internal/dev/sandboxes/" + sessionId + "/invoke"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"handler\":\"get\"}")).build(), HttpResponse.BodyHandlers.ofString());
            answer = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
            Thread.sleep(200);
        }
        assertThat(answer).as("the sandbox answers after the restart").isNotNull();
        assertThat(answer.at("/data/result/version").asInt()).as("the pending reload was applied").isEqualTo(2);
        assertThat(answer.at("/data/result/count").asInt()).as("state kept").isEqualTo(2);
        String pendingRows = "SELECT count(*) FROM pending_lifecycle WHERE event_id = ?";
        Instant until = Instant.now().plusSeconds(10);
        while (sandboxDb(pendingRows, reload.id()) > 0 && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(sandboxDb(pendingRows, reload.id())).as("the pending row is gone once acted on").isZero();

        call("session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
        awaitSandbox(admin, sessionId, "stopped");
    }

    private static long sandboxDb(String sql, String... args) throws Exception {
        return DevLoop.sandboxDb(suite, sql, args);
    }

    /**
     * CONTRACT.md §4: a plugin's environment is PATH, HOME, LANG, TZ and its manifest's env map, nothing of the
     * orchestrator (Suite starts it with database credentials, a service token, keys) or of the harness (its
     * PX_SANDBOX_* settings). Exactly that set, for node and python, the env map coming from the bundle's plugin.json.
     */
    @Test
    void aSandboxSeesItsDeclaredEnvironmentAndNothingOfTheOrchestratorOrTheHarness() throws Exception {
        String tenant = "env-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        List<String> expected = new ArrayList<>(List.of("PROBE_GREETING", "PROBE_MODE"));
        // What the orchestrator itself was given of the four (Suite passes on this JVM's environment).
        List.of("PATH", "HOME", "LANG", "TZ").stream().filter(n -> System.getenv(n) != null).forEach(expected::add);
        for (String[] plugin : new String[][] {{"env-probe", "node", "index.mjs"}, {"env-probe-python", "python", "plugin.py"}}) {
            Map<String, byte[]> probe = Bundles.read(PLUGINS.resolve(plugin[0]));
            upload(admin, probe);
            String sessionId = call("session-service", "POST", "/internal/dev/plugins/register", admin,
                    DevLoop.registerBody("com.acme." + plugin[0], plugin[1], plugin[2], probe), 201).at("/data/sessionId").asText();
            awaitSandbox(admin, sessionId, "ready");
            JsonNode seen = invoke(admin, sessionId, "env", 200).at("/data/result");
            List<String> names = new ArrayList<>();
            seen.path("names").forEach(n -> names.add(n.asText()));
            assertThat(names).as(plugin[1] + " plugin's environment").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(seen.path("greeting").asText()).isEqualTo("hello from the manifest");
            call("session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
        }
    }

    /** The manifest of the register body declares the env when the bundle carries no manifest of its own. */
    @Test
    void theRegisteredManifestEnvIsThePluginsEnvironment() throws Exception {
        String tenant = "env-reg-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        Map<String, byte[]> probe = new TreeMap<>(Bundles.read(PLUGINS.resolve("env-probe")));
        probe.remove("plugin.json");
        upload(admin, probe);
        ObjectNode body = (ObjectNode) JSON.readTree(DevLoop.registerBody("com.acme.env-registered", "node", "index.mjs", probe));
        ((ObjectNode) body.get("manifest")).putObject("env").put("PROBE_GREETING", "hello from the register body").put("PROBE_MODE", "lenient");
        String sessionId = call("session-service", "POST", "/internal/dev/plugins/register", admin, JSON.writeValueAsString(body), 201)
                .at("/data/sessionId").asText();
        awaitSandbox(admin, sessionId, "ready");
        JsonNode seen = invoke(admin, sessionId, "env", 200).at("/data/result");
        assertThat(seen.path("greeting").asText()).isEqualTo("hello from the register body");
        List<String> names = new ArrayList<>();
        seen.path("names").forEach(n -> names.add(n.asText()));
        assertThat(names).contains("PROBE_GREETING", "PROBE_MODE").noneMatch(n -> n.startsWith("PX_"));
        call("session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
    }

    /** A new tenant's counter-node session, registered and ready, with v1 and v2 uploaded. */
    private record CounterSession(String admin, String sessionId, String token, Map<String, byte[]> v1, Map<String, byte[]> v2) {
    }

    private static CounterSession counterSession(String tenantPrefix, String plugin) throws Exception {
        String tenant = tenantPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        Map<String, byte[]> v1 = Bundles.read(PLUGINS.resolve("counter-node"));
        Map<String, byte[]> v2 = Bundles.read(PLUGINS.resolve("counter-node-v2"));
        upload(admin, v1);
        upload(admin, v2);
        JsonNode registered = call("session-service", "POST", "/internal/dev/plugins/register", admin,
                registerBody(plugin, v1), 201);
        String sessionId = registered.at("/data/sessionId").asText();
        awaitSandbox(admin, sessionId, "ready");
        return new CounterSession(admin, sessionId, registered.at("/data/reloadToken").asText(), v1, v2);
    }

    private static String registerBody(String plugin, Map<String, byte[]> files) throws Exception {
        return DevLoop.registerBody(plugin, "node", "index.mjs", files);
    }

    private static String reloadBody(String sessionId, String token, Map<String, byte[]> files) throws Exception {
        return DevLoop.reloadBody(sessionId, token, files);
    }

    private static void upload(String token, Map<String, byte[]> files) throws Exception {
        DevLoop.upload(suite, token, files);
    }

    private static void awaitSandbox(String token, String sessionId, String state) throws Exception {
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", token, sessionId, state, Duration.ofSeconds(60));
    }

    /** Calls a handler of the session's sandbox (POST …/invoke) and expects {@code status}. */
    private static JsonNode invoke(String token, String sessionId, String handler, int status) throws Exception {
        return DevLoop.invoke(suite, "sandbox-orchestrator", token, sessionId, handler, status);
    }

    private static JsonNode call(String service, String method, String path, String token, String body, int expected) throws Exception {
        return DevLoop.call(suite, service, method, path, token, body, expected);
    }

    /** The Admin panel's view: the tenant's SSE stream for the plugin, frames collected as they arrive. */
    private static Thread watch(String token, String plugin, List<SuiteCalls.Frame> frames) throws Exception {
        return SuiteCalls.watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?pluginId=" + plugin), SuiteCalls.bearer(token), frames);
    }

    private static List<String> awaitTypes(List<SuiteCalls.Frame> frames, String sessionId, List<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            seen = frames.stream().map(SuiteCalls.Frame::data).filter(f -> sessionId.equals(f.path("sessionId").asText())).map(f -> f.path("type").asText()).toList();
            if (seen.containsAll(expected)) {
                return seen;
            }
            Thread.sleep(100);
        }
        assertThat(seen).as("event types on the stream").containsAll(expected);
        return seen;
    }
}
