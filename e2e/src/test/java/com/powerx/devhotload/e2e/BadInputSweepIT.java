package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input and other tenants' ids, over every endpoint of every service (issue #19): the operations are read from each
 * service's own OpenAPI document (so a new endpoint is swept without editing this test), plus the routes OpenAPI does
 * not list (the SSE stream, GraphQL). Each request is answered with the error envelope of CONTRACT §1 — never a 5xx,
 * never a 2xx — and the datastores are the same afterwards. The first tenant owns the whole loop's artifacts (a
 * sandbox session with log lines, a failure streak's alert, its report, its ticket, a regression run, blobs): a second
 * tenant naming any of them anywhere is refused, and no answer or stream frame it gets carries one of them.
 */
class BadInputSweepIT {

    // HTTP/1.1 as the CLI and browsers speak it to these services (the JDK's default tries an h2c upgrade).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * Operations whose body is optional and every field of it too, so that any JSON (numbers coerced to strings, as
     * Jackson does for every API here) is a valid request: they may answer 2xx to a "bad" body.
     */
    private static final List<String> ANY_BODY = List.of("POST /internal/ticket/reconcile");
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    /** One operation: service, method, path template, and whether it takes a body. */
    record Operation(String service, String method, String path, boolean body) {
    }

    /** One bad request and what came back. */
    record Probe(Operation op, String variant, String uri, int status, String body) {
        @Override
        public String toString() {
            return op.service() + " " + op.method() + " " + uri + " [" + variant + "] -> " + status + " "
                    + body.substring(0, Math.min(200, body.length()));
        }
    }

    @Test
    void everyEndpointAnswersBadInputWithTheEnvelopeChangesNothingAndLeaksNothing(@TempDir Path keys) throws Exception {
        String tenant = "sweep-a-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = LocalTokens.forTests().mint(tenant, "dev-a", List.of("admin.devHotload.manage"));
        FirstTenant a = FirstTenant.create(tenant, owner);
        String sessionId = a.sessionId();
        String plugin = a.pluginId();
        String other = LocalTokens.forTests().mint("sweep-b-" + UUID.randomUUID().toString().substring(0, 8), "dev-b",
                List.of("admin.devHotload.manage"));
        Map<String, String> credentials = new LinkedHashMap<>();
        // No credentials at all is not among them: the suite runs in local mode, where a credential-less caller on
        // loopback is the `local` tenant by contract (CONTRACT §1); the services' own tests cover the 401 outside it.
        credentials.put("expired token", LocalTokens.forTests().mint(tenant, "dev-a", List.of("admin.devHotload.manage"), Duration.ofMinutes(-5)));
        credentials.put("forged token", LocalTokens.inDirectory(keys).mint(tenant, "dev-a", List.of("admin.devHotload.manage")));
        credentials.put("garbage token", "not.a.jwt");

        List<Operation> operations = operations();
        ResumingStream othersView = new ResumingStream(() -> suite.url("stream-gateway", "/internal/dev/plugins/stream"), other);
        assertThat(operations).as("operations found in the services' OpenAPI documents").hasSizeGreaterThan(30);
        Thread.sleep(2_000); // the register's consequences settle (events consumed, rows written)
        List<String> volatileTables = Datastores.volatileTables(suite.stack().postgres(), 8_000);
        Map<String, String> before = Datastores.fingerprint(suite.stack().postgres());

        long sweepStart = System.nanoTime();
        List<Probe> wrong = new ArrayList<>();
        List<Probe> leaks = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations) {
            for (var credential : credentials.entrySet()) {
                sent++;
                Probe p = send(op, credential.getKey(), fill(op.path(), sessionId), credential.getValue(), op.body() ? "{}" : null, "application/json");
                if (p.status() != 401 || !isEnvelope(p)) {
                    wrong.add(p);
                }
            }
            // Another tenant, properly authenticated, naming each thing the first tenant owns (and the tenant itself).
            // Without an id in the path or the body it is B's own valid call: only reads are sent, to see what they show
            // (a DELETE /sessions, say, would purge B's own ended sessions and write B's audit: a change, but no fault).
            boolean addressed = op.path().contains("{") || a.bodyMatters(op);
            if (!addressed && !op.method().equals("GET")) {
                continue;
            }
            for (String id : addressed ? a.ids() : List.of(sessionId)) {
                sent++;
                // Only where a body addresses something: elsewhere a body naming it is a valid request of B's own
                // (B may well register a plugin of the same name in its tenant), which would change B's data.
                String body = a.bodyMatters(op) ? a.bodyNaming(id) : op.body() ? "{}" : null;
                Probe foreign = send(op, "other tenant's " + id, fill(op.path(), id), other, body, "application/json");
                if (a.leaksIn(foreign.body(), id)) {
                    leaks.add(foreign);
                }
                if ((op.path().contains("{") || a.bodyMatters(op)) && !isRefusal(foreign)) {
                    wrong.add(foreign);
                }
            }
            if (op.path().contains("{")) {
                // 1,500 characters: the longest id whose request line stays under Vert.x's 4,096 bytes even where two
                // parameters take it (beyond that Vert.x answers a bare 414 before any route, see docs/reliability.md).
                for (String bad : List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%AE%F0%9F%92%A5", "x".repeat(1500), "-1")) {
                    sent++;
                    Probe p = send(op, "bad id " + bad.substring(0, Math.min(12, bad.length())), fillWith(op.path(), bad), other,
                            op.body() ? "{}" : null, "application/json");
                    if (!isRefusal(p)) {
                        wrong.add(p);
                    }
                }
            }
            if (op.body()) {
                for (var body : badBodies().entrySet()) {
                    sent++;
                    Probe p = send(op, body.getKey(), fill(op.path(), UUID.randomUUID().toString()), other, body.getValue(),
                            body.getKey().equals("not JSON at all") ? "text/plain" : "application/json");
                    boolean lenient = ANY_BODY.contains(op.method() + " " + op.path()) && p.status() / 100 == 2
                            && !body.getKey().equals("not JSON at all");
                    if (!isRefusal(p) && !lenient) {
                        wrong.add(p);
                    }
                }
            }
        }
        Thread.sleep(1_000);
        othersView.close();
        othersView.frames().stream().filter(f -> a.leaksIn(f.data().toString(), null))
                .forEach(f -> leaks.add(new Probe(new Operation("stream-gateway", "GET", "/internal/dev/plugins/stream", false),
                        "the other tenant's stream", "", 200, f.data().toString())));
        System.out.printf("[sweep] took %.0f s%n", (System.nanoTime() - sweepStart) / 1e9);
        wrong.forEach(p -> System.out.println("[sweep] wrong: " + p));
        leaks.forEach(p -> System.out.println("[sweep] leak: " + p));
        Map<String, String> changed = Datastores.changes(before, Datastores.fingerprint(suite.stack().postgres()), volatileTables);
        System.out.printf("[sweep] %d operations, %d bad requests, %d answered wrongly, %d leaks; tables changing by themselves: %s%n",
                operations.size(), sent, wrong.size(), leaks.size(), volatileTables);
        assertThat(wrong).as("bad requests not answered with a 4xx envelope").isEmpty();
        assertThat(leaks).as("another tenant's answers naming the first tenant's session or plugin").isEmpty();
        for (String table : changed.keySet()) {
            Datastores.rows(suite.stack().postgres(), table).forEach(row -> System.out.println("[sweep] " + table + ": " + row));
        }
        assertThat(changed).as("datastore changes caused by bad requests").isEmpty();
        // The first tenant's session is as it was.
        JsonNode session = DevLoop.call(suite, "session-service", "GET", "/internal/dev/plugins/sessions/" + sessionId, owner, null, 200);
        assertThat(session.at("/data/status").asText()).isEqualTo("active");
    }

    /** Each service's operations from its OpenAPI document, plus the routes outside JAX-RS. */
    private static List<Operation> operations() throws Exception {
        List<Operation> out = new ArrayList<>();
        for (String service : Suite.SERVICES) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(suite.url(service, "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(service + " OpenAPI").isEqualTo(200);
            JsonNode paths = FaultLoad.JSON.readTree(r.body()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                var path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    var op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        out.add(new Operation(service, method, path.getKey(), op.getValue().has("requestBody")
                                || List.of("POST", "PUT", "PATCH").contains(method)));
                    }
                }
            }
        }
        out.add(new Operation("stream-gateway", "GET", "/internal/dev/plugins/stream?sessionId={sessionId}", false));
        out.add(new Operation("stream-gateway", "GET", "/api/admin/dev-hotload/stream?sessionId={sessionId}", false));
        out.add(new Operation("stream-gateway", "GET", "/internal/dev/plugins/stream?tenantId={tenant}", false));
        out.add(new Operation("stream-gateway", "GET", "/internal/dev/plugins/stream?pluginId={pluginId}&tenantId={tenant}", false));
        out.add(new Operation("session-service", "POST", "/internal/admin/graphql", true));
        return out;
    }

    private static Map<String, String> badBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("truncated JSON", "{\"pluginId\": \"com.x\", \"version\": ");
        bodies.put("malformed JSON", "{pluginId: com.x,,}");
        bodies.put("wrong types", "{\"pluginId\": 12, \"version\": [1], \"files\": \"x\", \"sessionId\": {}, \"handler\": 3,"
                + " \"reason\": false, \"query\": 5, \"sha256\": 7}");
        bodies.put("deeply nested", "[".repeat(20_000) + "]".repeat(20_000));
        bodies.put("huge", "{\"pluginId\": \"" + "x".repeat(12 * 1024 * 1024) + "\"}");
        bodies.put("control and bidi characters", "{\"pluginId\": \"a\\u0000b\\u202e\\ud83d\", \"version\": \"1.0.0\\u0007\","
                + " \"sessionId\": \"\\u0000\", \"handler\": \"\\u202e\", \"query\": \"\\u0000\"}");
        bodies.put("not JSON at all", "pluginId=com.x&version=1");
        bodies.put("JSON null", "null");
        return bodies;
    }

    private static String fill(String template, String sessionId) {
        return template.replaceAll("\\{[^}]+}", sessionId);
    }

    private static String fillWith(String template, String raw) {
        return template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(raw));
    }

    /**
     * Sends one request and keeps what came back. A stream (SSE) answer is read for 2 s and closed: enough to see
     * whether it carries anything of another tenant, without waiting for an end that never comes.
     */
    private static Probe send(Operation op, String variant, String path, String token, String body, String contentType) {
        String uri = suite.url(op.service(), "").toString() + path;
        String shown = uri.length() > 160 ? uri.substring(0, 160) + "…" : uri;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                    .method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", contentType);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<InputStream> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            String text;
            try (InputStream in = r.body()) {
                text = stream ? readFor(in, Duration.ofSeconds(2)) : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Probe(op, variant, shown, r.statusCode(), text);
        } catch (Exception e) {
            return new Probe(op, variant, shown, -1, String.valueOf(e));
        }
    }

    private static String readFor(InputStream in, Duration window) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (out) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (Exception closed) {
                // closed below
            }
        });
        reader.join(window);
        in.close();
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** 4xx with the §1 envelope; for GraphQL also its own form, a 200 whose errors carry the §1 code. */
    private static boolean isRefusal(Probe p) {
        if (p.op().path().endsWith("/graphql") && p.status() == 200) {
            try {
                return FaultLoad.JSON.readTree(p.body()).at("/errors/0/extensions/error_code").asText().startsWith("DEV_");
            } catch (Exception notJson) {
                return false;
            }
        }
        return p.status() >= 400 && p.status() < 500 && isEnvelope(p);
    }

    private static boolean isEnvelope(Probe p) {
        try {
            JsonNode e = FaultLoad.JSON.readTree(p.body());
            return e.path("code").asInt() == p.status() && e.path("error_code").asText().startsWith("DEV_")
                    && !e.path("message").asText().isEmpty() && !e.path("request_id").asText().isEmpty();
        } catch (Exception notJson) {
            return false;
        }
    }
}
