package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sandbox-orchestrator replicas in one consumer group; each runs the sessions whose registration it consumed and
 * renews their leases. One is killed (kill -9) and never comes back, as a Kubernetes pod whose identity is gone for
 * good: once its leases run out the other adopts its sessions, restarted on their last good version with their saved
 * state, and they answer again within 45 s with their counts kept. No session ever runs in two places, and the
 * survivor's own sessions are not touched.
 */
class OrchestratorReplicasIT {

    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static final String SURVIVOR = "sandbox-orchestrator";
    private static final Duration ADOPTED_WITHIN = Duration.ofSeconds(45);
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void aKilledReplicasSessionsAnswerAgainFromTheOtherWithTheirCountsAndNoneRunsTwice() throws Exception {
        String replica = suite.startReplica("sandbox-orchestrator");
        String tenant = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        Map<String, byte[]> counter = Bundles.read(PLUGINS.resolve("counter-node"));
        DevLoop.upload(suite, admin, counter);
        Map<String, String> runsOn = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            // Kafka gives each replica a share of the partitions: register until each runs some of the sessions.
            for (int i = 0; i < 20 && (sessionsOn(runsOn, replica) < 2 || sessionsOn(runsOn, SURVIVOR) < 1); i++) {
                String sessionId = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", admin,
                        DevLoop.registerBody("com.acme.replicas-" + i, "node", "index.mjs", counter), 201).at("/data/sessionId").asText();
                String where = DevLoop.awaitRunningOn(suite, admin, sessionId, List.of(SURVIVOR, replica));
                runsOn.put(sessionId, where);
                counts.put(sessionId, i + 1);
                for (int k = 0; k <= i; k++) {
                    DevLoop.invoke(suite, where, admin, sessionId, "increment", 200);
                }
            }
            assertThat(sessionsOn(runsOn, replica)).as("sessions on the replica: %s", runsOn).isGreaterThanOrEqualTo(2);
            assertThat(sessionsOn(runsOn, SURVIVOR)).as("sessions on the survivor: %s", runsOn).isGreaterThanOrEqualTo(1);
            Map<String, Long> pids = new LinkedHashMap<>();
            for (String sessionId : runsOn.keySet()) {
                pids.put(sessionId, DevLoop.view(suite, runsOn.get(sessionId), admin, sessionId).path("pid").asLong());
            }

            suite.kill(replica);
            Instant killed = Instant.now();

            for (Map.Entry<String, String> session : runsOn.entrySet()) {
                String sessionId = session.getKey();
                if (session.getValue().equals(replica)) {
                    Duration left = ADOPTED_WITHIN.minus(Duration.between(killed, Instant.now()));
                    JsonNode view = DevLoop.awaitSandbox(suite, SURVIVOR, admin, sessionId, "ready", left.isNegative() ? Duration.ZERO : left);
                    assertThat(view.path("restarts").asInt()).as("restarted on adoption").isGreaterThanOrEqualTo(1);
                    assertThat(count(admin, sessionId)).as("count of %s kept", sessionId).isEqualTo(counts.get(sessionId));
                } else {
                    JsonNode view = DevLoop.view(suite, SURVIVOR, admin, sessionId);
                    assertThat(view.path("pid").asLong()).as("the survivor's own session is untouched").isEqualTo(pids.get(sessionId));
                    assertThat(view.path("restarts").asInt()).isZero();
                    assertThat(count(admin, sessionId)).isEqualTo(counts.get(sessionId));
                }
            }
            System.out.printf("adopted sessions answered %d ms after the kill%n", Duration.between(killed, Instant.now()).toMillis());

            for (String sessionId : runsOn.keySet()) {
                JsonNode view = DevLoop.view(suite, SURVIVOR, admin, sessionId);
                assertThat(harnessesOf(sessionId)).as("harness processes of %s on this machine", sessionId)
                        .containsExactly(view.path("pid").asLong());
                assertThat(DevLoop.sandboxDbValue(suite, "SELECT instance_id FROM sandbox WHERE session_id = ?::uuid", sessionId))
                        .isEqualTo(Suite.instanceId(SURVIVOR));
            }
        } finally {
            suite.stopReplica(replica);
            for (String sessionId : runsOn.keySet()) {
                DevLoop.call(suite, "session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId, admin, null, 200);
            }
        }
        for (String sessionId : runsOn.keySet()) {
            DevLoop.awaitSandbox(suite, SURVIVOR, admin, sessionId, "stopped", Duration.ofSeconds(60));
            assertThat(harnessesOf(sessionId)).isEmpty();
        }
    }

    private static int count(String token, String sessionId) throws Exception {
        return DevLoop.invoke(suite, SURVIVOR, token, sessionId, "get", 200).at("/data/result/count").asInt();
    }

    private static long sessionsOn(Map<String, String> runsOn, String orchestrator) {
        return runsOn.values().stream().filter(orchestrator::equals).count();
    }

    /**
     * The harness processes of a session on this machine, whichever orchestrator started them: each runs in its
     * session's folder ({@code <work dir>/sessions/<sessionId>}).
     */
    private static List<Long> harnessesOf(String sessionId) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("harness")).orElse(false))
                .filter(p -> cwd(p).map(dir -> dir.endsWith(Path.of("sessions", sessionId))).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static Optional<Path> cwd(ProcessHandle p) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
