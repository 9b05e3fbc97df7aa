package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.powerx.devhotload.e2e.SuiteCalls.Frame;
import static com.powerx.devhotload.e2e.SuiteCalls.await;
import static com.powerx.devhotload.e2e.SuiteCalls.bearer;
import static com.powerx.devhotload.e2e.SuiteCalls.expect;
import static com.powerx.devhotload.e2e.SuiteCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PowerX's own clients, replayed request for request against the packaged suite: the TypeScript {@code SessionClient}
 * (compat register form, no bundle, reloads naming source files with fresh {@code x-reload-id}s) and the Go
 * {@code px-plugin} CLI (its register form, change objects, reload token as bearer, status call, log stream).
 * Neither uploads a bundle, so their sessions are notification-only (CONTRACT §3): every reload is accepted and
 * passed on as events, whatever paths it names.
 */
class PowerXClientsIT {

    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void theTypeScriptSessionClientRegistersAndReloadsTwice() throws Exception {
        String tenant = "ts-" + UUID.randomUUID().toString().substring(0, 8);
        String jwt = LocalTokens.forTests().mint(tenant, "dev-ts", List.of());
        JsonNode registered = expect(201, suite, "session-service", "POST", "/internal/dev/plugins/register", bearer(jwt),
                "{\"manifest\":{\"id\":\"com.acme.ts-client\",\"version\":\"0.1.0\"},\"tenant\":\"" + tenant + "\"}");
        String sessionId = registered.path("sessionId").asText();
        String reloadToken = registered.path("reloadToken").asText();
        assertThat(registered.path("status").asText()).isIn("pending", "active");

        List<Frame> frames = new CopyOnWriteArrayList<>();
        Thread stream = SuiteCalls.watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?sessionId=" + sessionId),
                bearer(reloadToken), frames);
        try {
            String body = "{\"sessionId\":\"" + sessionId + "\",\"reloadToken\":\"" + reloadToken + "\",\"changedFiles\":[\"src/index.ts\"]}";
            for (long expectedSequence = 1; expectedSequence <= 2; expectedSequence++) {
                HttpResponse<String> reload = send(suite, "session-service", "POST", "/internal/dev/plugins/reload",
                        Map.of("x-reload-id", UUID.randomUUID().toString()), body);
                assertThat(reload.statusCode()).as("the client throws 'reload failed: <status>' unless ok: " + reload.body()).isBetween(200, 299);
                assertThat(SuiteCalls.JSON.readTree(reload.body()).path("sequence").asLong()).isEqualTo(expectedSequence);
            }
            List<Frame> requested = await(frames, f -> EventTypes.RELOAD_REQUESTED.equals(f.data().path("type").asText()), 2, Duration.ofSeconds(30));
            assertThat(requested).allSatisfy(f -> assertThat(f.data().at("/payload/changedFiles").toString()).isEqualTo("[\"src/index.ts\"]"));
            List<Frame> reloaded = await(frames, f -> EventTypes.RELOADED.equals(f.data().path("type").asText()), 2, Duration.ofSeconds(30));
            assertThat(reloaded).extracting(f -> f.data().at("/payload/sequence").asLong()).containsExactly(1L, 2L);
        } finally {
            stream.interrupt();
        }
        JsonNode status = awaitStatus(sessionId, reloadToken, 2);
        assertThat(status.path("reloadCount").asInt()).isEqualTo(2);
        assertThat(status.at("/data/lastReload/result").asText()).isEqualTo("reloaded");
    }

    @Test
    void theGoCliRegistersReloadsWithChangeObjectsReadsItsStatusAndSeesItsLogStreamEnd() throws Exception {
        String tenant = "go-" + UUID.randomUUID().toString().substring(0, 8);
        String jwt = LocalTokens.forTests().mint(tenant, "gopher", List.of());
        JsonNode registered = expect(201, suite, "session-service", "POST", "/internal/dev/plugins/register", Map.of("X-API-Key", jwt),
                "{\"pluginId\":\"com.acme.go-cli\",\"version\":\"0.3.1\",\"entryPath\":\"main.go\",\"tenant\":\"" + tenant
                        + "\",\"tenantId\":\"" + tenant + "\",\"developerId\":\"gopher\",\"metadata\":{\"go\":\"1.22\"},\"capabilities\":[\"hot-reload\"]}");
        String sessionId = registered.path("sessionId").asText();
        String reloadToken = registered.path("reloadToken").asText();

        List<Frame> logs = new CopyOnWriteArrayList<>();
        Thread logStream = SuiteCalls.watch(suite.url("stream-gateway", "/api/v1/dev/" + sessionId + "/logs"), bearer(reloadToken), logs);
        try {
            String hash = "sha256:" + "ab".repeat(32);
            String body = "{\"sessionId\":\"" + sessionId + "\",\"changedFiles\":[{\"type\":\"modify\",\"path\":\"main.go\",\"hash\":\"" + hash
                    + "\"},{\"type\":\"create\",\"path\":\"internal/new.go\",\"hash\":\"" + hash + "\"},{\"type\":\"delete\",\"path\":\"old.go\"}],"
                    + "\"sequence\":1,\"buildHash\":\"" + hash + "\",\"durationMs\":84,\"strategy\":\"diff\",\"success\":true}";
            Map<String, String> headers = Map.of("Authorization", "Bearer " + reloadToken, "X-Reload-ID", UUID.randomUUID().toString());
            HttpResponse<String> first = send(suite, "session-service", "POST", "/internal/dev/plugins/reload", headers, body);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            JsonNode accepted = SuiteCalls.JSON.readTree(first.body());
            assertThat(accepted.path("status").asText()).isEqualTo("accepted");
            assertThat(accepted.path("sequence").asLong()).isEqualTo(1);
            assertThat(accepted.path("reloadId").asText()).isNotBlank();

            HttpResponse<String> retried = send(suite, "session-service", "POST", "/internal/dev/plugins/reload", headers, body);
            assertThat(retried.statusCode()).isEqualTo(202);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(SuiteCalls.JSON.readTree(retried.body()).path("reloadId").asText()).isEqualTo(accepted.path("reloadId").asText());

            JsonNode status = awaitStatus(sessionId, reloadToken, 1);
            assertThat(status.path("status").asText()).isEqualTo("active");
            assertThat(status.path("registeredAt").asText()).isNotBlank();
            assertThat(status.path("lastReload").asText()).isNotBlank();
            assertThat(status.path("reloadCount").asInt()).isEqualTo(1);
            assertThat(status.at("/data/lastReload/result").asText()).isEqualTo("reloaded");

            expect(200, suite, "session-service", "DELETE", "/internal/dev/plugins/register/" + sessionId + "?note=cli-exit", bearer(reloadToken), null);
            await(logs, f -> f.event().equals("end"), 1, Duration.ofSeconds(30));
        } finally {
            logStream.interrupt();
        }
    }

    /** The Go CLI's status call until the sandbox's outcome of reload {@code sequence} has been recorded. */
    private static JsonNode awaitStatus(String sessionId, String reloadToken, int sequence) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode status;
        do {
            status = expect(200, suite, "session-service", "GET", "/internal/dev/plugins/" + sessionId, bearer(reloadToken), null);
            if (status.at("/data/lastReload/sequence").asInt() >= sequence) {
                return status;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        assertThat(status.at("/data/lastReload/sequence").asInt()).as("last reload of " + status).isEqualTo(sequence);
        return status;
    }
}
