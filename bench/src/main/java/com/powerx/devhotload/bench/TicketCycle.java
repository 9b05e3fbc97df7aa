package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.devstack.Bundles;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static com.powerx.devhotload.bench.SuiteClient.HTTP;
import static com.powerx.devhotload.bench.SuiteClient.JSON;
import static com.powerx.devhotload.bench.SuiteClient.call;

/**
 * One P11 cycle on the real path, every step a real service call or a real event: a node sandbox whose handler throws
 * → its {@code dev.session.invoke.failed} → a report asked of diagnostics ({@code POST /internal/debug/report}) → its
 * {@code plugin.debug.report.ready} → ticket-bridge creates the Jira issue; then the fixed code is hot-reloaded, a
 * regression run replays the failing invoke ({@code POST /internal/debug/regression/run}) → its
 * {@code plugin.debug.regression.passed} → ticket-bridge transitions the issue to Done. Each plugin id is new, so each
 * cycle's failure has its own fingerprint (fingerprints are per plugin) and must make exactly one issue.
 */
final class TicketCycle {

    /** The suite's URLs and the tenant's credentials, the tracker and the event consumer a cycle uses. */
    record Suite(String sessionUrl, String orchestratorUrl, String diagnosticsUrl, String token, String tenant, FakeJira jira,
                 DebugTopics topics) {
    }

    /**
     * One cycle's instants on this machine's clock. Event times are the producers' {@code time} (ms); tracker times are
     * when the request reached {@link FakeJira}.
     */
    record Sample(String plugin, String fingerprint, String issueKey, Instant reportAsked, Instant reportReady, Instant created,
                  Instant runAsked, Instant passed, Instant done) {

        static long nanos(Instant from, Instant to) {
            return Duration.between(from, to).toNanos();
        }
    }

    /** The failing version: {@code checkout} reads a field of an order the payload does not carry (a TypeError). */
    static final Map<String, byte[]> BROKEN = Map.of("index.mjs", ("// P11 bench plugin, broken: checkout assumes payload.order\n"
            + "export const handlers = {\n  async checkout(payload) {\n    const order = payload.order;\n"
            + "    return { items: order.items.length };\n  },\n};\n").getBytes(StandardCharsets.UTF_8));
    /** The fix, hot-reloaded before the regression run. */
    static final Map<String, byte[]> FIXED = Map.of("index.mjs", ("// P11 bench plugin, fixed: an absent order has no items\n"
            + "export const handlers = {\n  async checkout(payload) {\n    return { items: payload?.order?.items?.length ?? 0 };\n  },\n};\n")
            .getBytes(StandardCharsets.UTF_8));
    private static final int WAIT_S = 60;

    private final Suite s;

    TicketCycle(Suite suite) {
        this.s = suite;
    }

    Sample run(String plugin) throws Exception {
        JsonNode registered = call("POST", s.sessionUrl() + "/internal/dev/plugins/register", s.token(), SuiteClient.registerBody(plugin, BROKEN));
        String session = registered.at("/data/sessionId").asText();
        try {
            s.topics().await(session, WAIT_S, EventTypes.SANDBOX_READY);
            fail(session);
            Instant reportAsked = Instant.now();
            String reportId = report(plugin, session);
            CloudEvent ready = s.topics().await(reportId, WAIT_S, EventTypes.REPORT_READY, EventTypes.REPORT_FAILED);
            if (!EventTypes.REPORT_READY.equals(ready.type())) throw new IllegalStateException(plugin + ": report failed: " + ready.data());
            String fingerprint = ready.data().path("fingerprint").asText();
            FakeJira.Issue issue = s.jira().awaitCreated(label(s.tenant(), fingerprint), WAIT_S);
            fix(session, registered.at("/data/reloadToken").asText());
            Instant runAsked = Instant.now();
            String runId = call("POST", s.diagnosticsUrl() + "/internal/debug/regression/run", s.token(),
                    JSON.createObjectNode().put("reportId", reportId).toString()).at("/data/runId").asText();
            CloudEvent result = s.topics().await(runId, WAIT_S, EventTypes.REGRESSION_PASSED, EventTypes.REGRESSION_FAILED);
            if (!EventTypes.REGRESSION_PASSED.equals(result.type())) throw new IllegalStateException(plugin + ": regression failed: " + result.data());
            Instant done = s.jira().awaitDone(issue, WAIT_S);
            return new Sample(plugin, fingerprint, issue.key, reportAsked, time(ready), issue.createdAt, runAsked, time(result), done);
        } finally {
            call("DELETE", s.sessionUrl() + "/internal/dev/plugins/sessions/" + session, s.token(), null); // frees the sandbox
        }
    }

    /** Calls the broken handler (502: it threw) and waits for the orchestrator's {@code invoke.failed} on Kafka. */
    private void fail(String session) throws Exception {
        String body = JSON.createObjectNode().put("handler", "checkout").set("payload", JSON.createObjectNode().put("cart", "bench")).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.orchestratorUrl() + "/internal/dev/sandboxes/" + session + "/invoke"))
                .header("Authorization", "Bearer " + s.token()).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 502) throw new IllegalStateException("broken invoke answered " + r.statusCode() + ": " + r.body());
        s.topics().await(session, WAIT_S, EventTypes.INVOKE_FAILED);
    }

    /** Asks for the report; retried while diagnostics has not yet read the session's registration (404). */
    private String report(String plugin, String session) throws Exception {
        String body = JSON.createObjectNode().put("pluginId", plugin).put("sessionId", session).put("severity", "critical")
                .put("notes", "P11 bench").toString();
        for (int attempt = 0; ; attempt++) {
            try {
                return call("POST", s.diagnosticsUrl() + "/internal/debug/report", s.token(), body).at("/data/reportId").asText();
            } catch (IllegalStateException e) {
                if (attempt >= 50 || !e.getMessage().contains("answered 404")) throw e;
                Thread.sleep(100);
            }
        }
    }

    /** Hot-reloads the fixed code and waits for the sandbox's outcome ({@code ?wait}). */
    private void fix(String session, String reloadToken) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("sessionId", session).put("reloadToken", reloadToken);
        body.set("files", Bundles.fileRefs(FIXED));
        body.putArray("changedFiles").add("index.mjs");
        JsonNode r = call("POST", s.sessionUrl() + "/internal/dev/plugins/reload?wait=20", null, body.toString());
        String result = r.at("/data/outcome/result").asText();
        if (!"reloaded".equals(result)) throw new IllegalStateException("fix reload of " + session + ": " + r);
    }

    private static Instant time(CloudEvent e) {
        return Instant.ofEpochMilli(CloudEvent.parseTime(e.time()));
    }

    /** ticket-bridge's FingerprintLabel, computed here independently: px-fp- + 20 hex of sha256(tenant \n fingerprint). */
    static String label(String tenant, String fingerprint) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((tenant + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8));
        return "px-fp-" + HexFormat.of().formatHex(digest, 0, 10);
    }
}
