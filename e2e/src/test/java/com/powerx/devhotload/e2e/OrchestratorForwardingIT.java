package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sandbox-orchestrator replicas, as behind the {@code sandbox-orchestrator} Service of the prod overlay: a call for
 * a session lands on either, and the one that does not run it forwards it to the owner (recorded with its address in
 * the database), once. diagnostics-service's regression invokes therefore work whichever replica they reach.
 */
class OrchestratorForwardingIT {

    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static final String FIRST = "sandbox-orchestrator";
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void aSessionAnswersThroughEitherReplicaForItsTenantOnlyAndAForwardedCallIsNotForwardedAgain() throws Exception {
        String second = suite.startReplica("sandbox-orchestrator");
        String tenant = "forwarding-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        String stranger = LocalTokens.forTests().mint("other-" + tenant, "dev-bob", List.of("admin.devHotload.manage"));
        Map<String, byte[]> counter = Bundles.read(PLUGINS.resolve("counter-node"));
        DevLoop.upload(suite, admin, counter);
        Map<String, String> runsOn = new LinkedHashMap<>();
        try {
            // Kafka gives each replica a share of the partitions: register until each runs at least one session.
            for (int i = 0; i < 20 && (!runsOn.containsValue(FIRST) || !runsOn.containsValue(second)); i++) {
                String sessionId = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", admin,
                        DevLoop.registerBody("com.acme.forwarding-" + i, "node", "index.mjs", counter), 201).at("/data/sessionId").asText();
                runsOn.put(sessionId, DevLoop.awaitRunningOn(suite, admin, sessionId, List.of(FIRST, second)));
            }
            assertThat(runsOn).as("sessions per replica").containsValue(FIRST).containsValue(second);

            for (Map.Entry<String, String> session : runsOn.entrySet()) {
                String sessionId = session.getKey();
                String owner = session.getValue();
                String other = owner.equals(FIRST) ? second : FIRST;

                // the same sandbox through either replica: one count, one process
                assertThat(count(owner, admin, sessionId, "increment")).isEqualTo(1);
                assertThat(count(other, admin, sessionId, "increment")).isEqualTo(2);
                assertThat(count(owner, admin, sessionId, "get")).isEqualTo(2);
                JsonNode direct = DevLoop.view(suite, owner, admin, sessionId);
                JsonNode forwarded = DevLoop.view(suite, other, admin, sessionId);
                assertThat(forwarded).as("the view through %s", other).isNotNull();
                assertThat(forwarded.path("pid").asLong()).isEqualTo(direct.path("pid").asLong());
                assertThat(forwarded.path("state").asText()).isEqualTo("ready");
                assertThat(DevLoop.viewHere(suite, other, admin, sessionId)).as("%s does not run it itself", other).isNull();

                // the owner checks the tenant, as for a direct call: another tenant learns nothing through either
                DevLoop.invoke(suite, other, stranger, sessionId, "get", 404);
                DevLoop.invoke(suite, owner, stranger, sessionId, "get", 404);
                assertThat(DevLoop.view(suite, other, stranger, sessionId)).isNull();

                // a call marked as forwarded is answered where it lands: never a second hop, never a loop
                HttpResponse<String> marked = SuiteCalls.send(suite, other, "POST", "/internal/dev/sandboxes/" + sessionId + "/invoke",
                        Map.of("Authorization", "Bearer " + admin, DevLoop.FORWARDED_BY, "e2e"), "{\"handler\":\"get\"}");
                assertThat(marked.statusCode()).as(marked.body()).isEqualTo(404);
                assertThat(count(owner, admin, sessionId, "get")).as("nothing ran for the refused calls").isEqualTo(2);
            }
            // The list is the same through either replica: every replica's sandboxes of the caller's tenant, each once;
            // marked as forwarded, a replica answers with its own only; another tenant sees none of them.
            for (String replica : List.of(FIRST, second)) {
                assertThat(listed(replica, Map.of("Authorization", "Bearer " + admin)))
                        .as("the list through %s", replica).containsExactlyInAnyOrderElementsOf(runsOn.keySet());
                assertThat(listed(replica, Map.of("Authorization", "Bearer " + admin, DevLoop.FORWARDED_BY, "e2e")))
                        .as("%s's own", replica).containsExactlyInAnyOrderElementsOf(runsOn.entrySet().stream()
                                .filter(e -> e.getValue().equals(replica)).map(Map.Entry::getKey).toList());
                assertThat(listed(replica, Map.of("Authorization", "Bearer " + stranger))).as("another tenant's list").isEmpty();
            }
            assertThat(DevLoop.sandboxDb(suite, "SELECT count(*) FROM orchestrator_instance WHERE instance_id IN (?, ?)",
                    Suite.instanceId(FIRST), Suite.instanceId(second))).as("both replicas said where they answer").isEqualTo(2);
        } finally {
            for (String sessionId : runsOn.keySet()) {
                DevLoop.call(suite, "session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
            }
            for (Map.Entry<String, String> session : runsOn.entrySet()) {
                DevLoop.awaitSandbox(suite, session.getValue(), admin, session.getKey(), "stopped", Duration.ofSeconds(60));
            }
            suite.stopReplica(second);
        }
        System.out.printf("forwarding checked for %d sessions at %s%n", runsOn.size(), Instant.now());
    }

    /** The session ids a replica's {@code GET /internal/dev/sandboxes} lists; its {@code total} must agree. */
    private static List<String> listed(String orchestrator, Map<String, String> headers) throws Exception {
        HttpResponse<String> answer = SuiteCalls.send(suite, orchestrator, "GET", "/internal/dev/sandboxes", headers, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("data");
        assertThat(data.has("unansweredReplicas")).as(answer.body()).isFalse();
        List<String> ids = data.path("items").findValuesAsText("sessionId");
        assertThat(data.path("total").asInt()).isEqualTo(ids.size());
        return ids;
    }

    private static int count(String orchestrator, String token, String sessionId, String handler) throws Exception {
        return DevLoop.invoke(suite, orchestrator, token, sessionId, handler, 200).at("/data/result/count").asInt();
    }
}
