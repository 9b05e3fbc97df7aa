package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.devstack.Bundles;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer's loop through the suite's public interfaces, for the orchestrator tests: register, upload, reload on
 * session-service; read and invoke a sandbox on a given orchestrator (replicas each answer for the sessions they run).
 */
final class DevLoop {

    static final HttpClient HTTP = SuiteCalls.HTTP;
    static final ObjectMapper JSON = SuiteCalls.JSON;

    private DevLoop() {
    }

    static JsonNode call(Suite suite, String service, String method, String path, String token, String body, int expected) throws Exception {
        return SuiteCalls.expect(expected, suite, service, method, path, bearerOrNone(token), body);
    }

    static HttpResponse<String> send(Suite suite, String service, String method, String path, String token, String body) throws Exception {
        return SuiteCalls.send(suite, service, method, path, bearerOrNone(token), body);
    }

    private static Map<String, String> bearerOrNone(String token) {
        return token == null ? Map.of() : SuiteCalls.bearer(token);
    }

    static void upload(Suite suite, String token, Map<String, byte[]> files) throws Exception {
        for (byte[] content : files.values()) {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(suite.url("session-service", "/internal/dev/plugins/blobs/" + Bundles.sha256(content)))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        }
    }

    static String registerBody(String plugin, String runtime, String entry, Map<String, byte[]> files) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("pluginId", plugin).put("version", "1.0.0").put("runtime", runtime).put("takeover", true);
        body.putObject("manifest").put("id", plugin).put("version", "1.0.0").put("runtime", runtime).put("entry", entry);
        body.set("files", Bundles.fileRefs(files));
        return JSON.writeValueAsString(body);
    }

    static String reloadBody(String sessionId, String token, Map<String, byte[]> files) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("sessionId", sessionId).put("reloadToken", token);
        body.set("files", Bundles.fileRefs(files));
        ArrayNode changed = body.putArray("changedFiles");
        files.keySet().forEach(changed::add);
        return JSON.writeValueAsString(body);
    }

    /**
     * {@code GET /internal/dev/sandboxes/{id}} on {@code orchestrator}: the view, or null when it is not found. A replica
     * that does not run the session forwards the call to the one that does (docs/sandbox-orchestrator.md, "Replicas").
     */
    static JsonNode view(Suite suite, String orchestrator, String token, String sessionId) throws Exception {
        HttpResponse<String> r = send(suite, orchestrator, "GET", "/internal/dev/sandboxes/" + sessionId, token, null);
        return r.statusCode() == 200 ? JSON.readTree(r.body()).path("data") : null;
    }

    /** Marks a call as forwarded already: the orchestrator answers it from what runs there, never asking the owner. */
    static final String FORWARDED_BY = "X-Px-Forwarded-By";

    /** The view as {@code orchestrator} itself has it: null where it does not run the session. */
    static JsonNode viewHere(Suite suite, String orchestrator, String token, String sessionId) throws Exception {
        Map<String, String> headers = new HashMap<>(bearerOrNone(token));
        headers.put(FORWARDED_BY, "e2e");
        HttpResponse<String> r = SuiteCalls.send(suite, orchestrator, "GET", "/internal/dev/sandboxes/" + sessionId, headers, null);
        return r.statusCode() == 200 ? JSON.readTree(r.body()).path("data") : null;
    }

    /** Waits until one orchestrator runs the session; the other must not run it too (asked for its own view only). */
    static String awaitRunningOn(Suite suite, String token, String sessionId, List<String> orchestrators) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (String orchestrator : orchestrators) {
                JsonNode view = viewHere(suite, orchestrator, token, sessionId);
                if (view != null && view.path("state").asText().equals("ready")) {
                    for (String other : orchestrators) {
                        if (!other.equals(orchestrator)) {
                            assertThat(viewHere(suite, other, token, sessionId)).as("%s on %s too", sessionId, other).isNull();
                        }
                    }
                    return orchestrator;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + sessionId + " not ready on any orchestrator within 60 s");
    }

    /** Waits up to {@code within} until {@code orchestrator} reports the sandbox in {@code state}; its view. */
    static JsonNode awaitSandbox(Suite suite, String orchestrator, String token, String sessionId, String state, Duration within)
            throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = view(suite, orchestrator, token, sessionId);
            last = view == null ? last : view;
            if (view != null && view.path("state").asText().equals(state)) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sandbox " + sessionId + " not " + state + " on " + orchestrator + " within " + within.toSeconds()
                + " s (last view " + last + ")");
    }

    /** Runs one statement on the orchestrator's database: the update count, or the first column of a query's row. */
    static long sandboxDb(Suite suite, String sql, String... args) throws Exception {
        Object first = sandboxDbValue(suite, sql, args);
        return first instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(first));
    }

    /** The first column of a query's first row on the orchestrator's database (an update's count for a statement). */
    static Object sandboxDbValue(Suite suite, String sql, String... args) throws Exception {
        try (Connection db = DriverManager.getConnection(suite.stack().postgres().jdbcUrl("px_sandbox"),
                suite.stack().postgres().user(), suite.stack().postgres().password());
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            if (!statement.execute()) {
                return statement.getUpdateCount();
            }
            try (ResultSet rows = statement.getResultSet()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }
    }

    /** Calls a handler of the session's sandbox (POST …/invoke) on {@code orchestrator} and expects {@code status}. */
    static JsonNode invoke(Suite suite, String orchestrator, String token, String sessionId, String handler, int status) throws Exception {
        return call(suite, orchestrator, "POST", "/internal/dev/sandboxes/" + sessionId + "/invoke", token,
                "{\"handler\":\"" + handler + "\"}", status);
    }
}
