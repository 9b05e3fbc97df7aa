package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.devstack.Bundles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The tenant whose data the isolation sweep tries to reach: it owns one of everything the loop makes — a running node
 * sandbox session that has logged, five rolled-back reloads, the alert they raised, the diagnostics report built from
 * it, the ticket opened for the report, a regression run, and its blobs.
 */
record FirstTenant(String tenant, String pluginId, String sessionId, String alertId, String reportId, String ticketId,
                   String runId, String blobSha256) {

    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();

    /** Body-addressed operations: naming another tenant's thing in their body must be refused like a path id. */
    private static final List<String> BODY_ADDRESSED = List.of("POST /internal/debug/regression/run",
            "POST /internal/ticket/create", "POST /internal/ticket/update", "POST /internal/dev/plugins/reload");

    static FirstTenant create(String tenant, String token) throws Exception {
        Suite suite = Suite.get();
        String plugin = "com.sweep." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> v1 = Bundles.read(PLUGINS.resolve("counter-node"));
        Map<String, byte[]> broken = new TreeMap<>(v1);
        broken.put("index.mjs", Files.readAllBytes(PLUGINS.resolve("broken/node/syntax-error/index.mjs")));
        DevLoop.upload(suite, token, v1);
        DevLoop.upload(suite, token, broken);
        JsonNode registered = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", token,
                DevLoop.registerBody(plugin, "node", "index.mjs", v1), 201);
        String sessionId = registered.at("/data/sessionId").asText();
        String reloadToken = registered.at("/data/reloadToken").asText();
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", token, sessionId, "ready", Duration.ofSeconds(60));
        DevLoop.invoke(suite, "sandbox-orchestrator", token, sessionId, "increment", 200);
        for (int i = 0; i < 5; i++) {
            JsonNode r = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                    DevLoop.reloadBody(sessionId, reloadToken, broken), 200);
            if (!"rolled-back".equals(r.at("/data/outcome/result").asText())) {
                throw new AssertionError("a broken reload was not rolled back: " + r);
            }
        }
        String alertId = poll(() -> DevLoop.call(suite, "telemetry-ingest", "GET", "/api/telemetry/alerts?status=all&sessionId=" + sessionId,
                token, null, 200).at("/data/items/0/alertId").asText(null), "the streak's alert");
        String reportId = poll(() -> {
            JsonNode first = DevLoop.call(suite, "diagnostics-service", "GET", "/internal/debug/reports?sessionId=" + sessionId,
                    token, null, 200).at("/data/items/0");
            return "ready".equals(first.path("status").asText()) ? first.path("reportId").asText() : null;
        }, "the alert's report");
        String ticketId = poll(() -> DevLoop.call(suite, "ticket-bridge", "GET", "/internal/ticket/tickets?pluginId=" + plugin,
                token, null, 200).at("/data/items/0/ticketId").asText(null), "the report's ticket");
        String runId = DevLoop.call(suite, "diagnostics-service", "POST", "/internal/debug/regression/run", token,
                "{\"reportId\":\"" + reportId + "\"}", 202).at("/data/runId").asText();
        return new FirstTenant(tenant, plugin, sessionId, alertId, reportId, ticketId, runId, Bundles.sha256(v1.get("index.mjs")));
    }

    private static String poll(Callable<String> read, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String value = read.call();
            if (value != null && !value.isEmpty()) {
                return value;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + " did not appear within 60 s");
    }

    /** Every id a stranger might try, the tenant's own name and its plugin's among them. */
    List<String> ids() {
        return List.of(sessionId, alertId, reportId, ticketId, runId, blobSha256, tenant, pluginId);
    }

    /** A body that names {@code id} in every field the APIs address things by. */
    String bodyNaming(String id) {
        ObjectNode body = FaultLoad.JSON.createObjectNode();
        body.put("sessionId", id).put("reportId", id).put("ticketId", id).put("alertId", id).put("pluginId", id)
                .put("runId", id).put("handler", "get").put("reason", "isolation sweep").put("comment", "x").put("action", "close")
                .put("query", "{ devHotloadSession(id: \"" + id + "\") { sessionId pluginId } }");
        body.putArray("sha256").add(id);
        return body.toString();
    }

    boolean bodyMatters(BadInputSweepIT.Operation op) {
        return BODY_ADDRESSED.contains(op.method() + " " + op.path());
    }

    /** Whether {@code text} carries one of this tenant's ids other than {@code sent} (an answer may echo what it was asked). */
    boolean leaksIn(String text, String sent) {
        return ids().stream().filter(id -> !id.equals(sent)).anyMatch(text::contains);
    }
}
