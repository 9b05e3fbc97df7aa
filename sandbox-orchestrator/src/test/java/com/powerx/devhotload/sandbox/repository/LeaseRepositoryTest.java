package com.powerx.devhotload.sandbox.repository;

import com.powerx.devhotload.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leases against the real database: instances racing for the sandboxes of a dead one (and the dead one coming back
 * at the same moment) each get a disjoint share, every sandbox exactly once, with its pending lifecycle rows; live
 * leases are never taken. (The app's own adoption is off in the test profile, so only these claimants take part.)
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class LeaseRepositoryTest {

    private static final int LEASE_MS = 30_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LeaseRepository leases;

    @Inject
    Pool pool;

    @Test
    void ofAdoptersRacingForADeadInstancesSandboxesExactlyOneWinsEachWithItsPendingEvents() throws Exception {
        for (int round = 0; round < 5; round++) {
            String dead = "dead-" + UUID.randomUUID();
            List<String> sessions = sandboxes(dead, 30, true);
            String alive = "alive-" + UUID.randomUUID();
            List<String> living = sandboxes(alive, 3, false);

            List<String> adopters = List.of("adopter-a-" + round, "adopter-b-" + round, "adopter-c-" + round, "adopter-d-" + round);
            Map<String, List<String>> won = race(adopters.stream().<Callable<List<String>>>map(a -> () -> adoptUntilNone(a)).toList(),
                    adopters);

            assertExactlyOnce(won, sessions);
            for (String session : living) {
                assertThat(owner(session)).as("a live lease is never adopted").isEqualTo(alive);
            }
            release(sessions);
            release(living);
        }
    }

    @Test
    void aDeadInstanceComingBackWhileOthersAdoptGetsExactlyWhatTheyDidNotTake() throws Exception {
        for (int round = 0; round < 5; round++) {
            String returning = "returning-" + UUID.randomUUID();
            List<String> sessions = sandboxes(returning, 20, true);
            List<String> claimants = List.of(returning, "adopter-x-" + round, "adopter-y-" + round);
            List<Callable<List<String>>> claims = List.of(
                    () -> ids(pool.withConnection(c -> leases.claimOwn(c, returning, LEASE_MS)).await().atMost(WAIT)),
                    () -> adoptUntilNone(claimants.get(1)),
                    () -> adoptUntilNone(claimants.get(2)));
            assertExactlyOnce(race(claims, claimants), sessions);
            release(sessions);
        }
    }

    /** Every session won by exactly one claimant, recorded as its owner, with its pending row re-addressed to it. */
    private void assertExactlyOnce(Map<String, List<String>> won, List<String> sessions) {
        Map<String, String> winner = new HashMap<>();
        won.forEach((claimant, ids) -> ids.stream().filter(sessions::contains).forEach(id ->
                assertThat(winner.put(id, claimant)).as("session %s claimed twice", id).isNull()));
        assertThat(winner.keySet()).as("every sandbox claimed").containsExactlyInAnyOrderElementsOf(sessions);
        winner.forEach((session, claimant) -> {
            assertThat(owner(session)).as("owner of %s", session).isEqualTo(claimant);
            List<String> pending = pendingOf(session);
            if (!claimant.startsWith("returning-")) {
                assertThat(pending).as("the pending row went with the sandbox").containsExactly(claimant + "/untaken");
            }
        });
    }

    /** Runs the claims at the same instant, one thread each; what each claimant got. */
    private Map<String, List<String>> race(List<Callable<List<String>>> claims, List<String> claimants) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(claims.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (Callable<List<String>> claim : claims) {
                results.add(threads.submit(() -> {
                    go.await();
                    return claim.call();
                }));
            }
            go.countDown();
            Map<String, List<String>> won = new HashMap<>();
            for (int i = 0; i < claims.size(); i++) {
                won.put(claimants.get(i), results.get(i).get());
            }
            return won;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Adopts in small batches until a round finds nothing left to adopt. */
    private List<String> adoptUntilNone(String adopter) {
        List<String> all = new ArrayList<>();
        while (true) {
            List<String> batch = ids(pool.withTransaction(tx -> leases.adopt(tx, adopter, LEASE_MS, 4)).await().atMost(WAIT));
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    /** {@code n} unfinished sandboxes of {@code instance}, lease expired or not, each with one pending (taken) event. */
    private List<String> sandboxes(String instance, int n, boolean expired) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            pool.preparedQuery("INSERT INTO sandbox (session_id, tenant_id, plugin_id, runtime, state, sequence, instance_id, "
                            + "lease_expires_at) VALUES ($1, 'lease-test', 'com.acme.lease', 'node', 'ready', 0, $2, now() + $3::int * interval '1 millisecond')")
                    .execute(Tuple.of(id, instance, expired ? -1_000 : LEASE_MS)).await().atMost(WAIT);
            pool.preparedQuery("INSERT INTO pending_lifecycle (event_id, instance_id, session_id, event, taken) VALUES ($1, $2, $3, '{}', true)")
                    .execute(Tuple.of(UUID.randomUUID().toString(), instance, id.toString())).await().atMost(WAIT);
            ids.add(id.toString());
        }
        return ids;
    }

    private String owner(String session) {
        return pool.preparedQuery("SELECT instance_id FROM sandbox WHERE session_id = $1").execute(Tuple.of(UUID.fromString(session)))
                .await().atMost(WAIT).iterator().next().getString("instance_id");
    }

    private List<String> pendingOf(String session) {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("SELECT instance_id, taken FROM pending_lifecycle WHERE session_id = $1").execute(Tuple.of(session))
                .await().atMost(WAIT).forEach(r -> rows.add(r.getString("instance_id") + (r.getBoolean("taken") ? "/taken" : "/untaken")));
        return rows;
    }

    /** Ends the test's sandboxes, so that no later test (with adoption on) picks them up. */
    private void release(List<String> sessions) {
        pool.preparedQuery("UPDATE sandbox SET state = 'stopped' WHERE session_id = ANY($1)")
                .execute(Tuple.of(sessions.stream().map(UUID::fromString).toArray(UUID[]::new))).await().atMost(WAIT);
        pool.preparedQuery("DELETE FROM pending_lifecycle WHERE session_id = ANY($1)")
                .execute(Tuple.of(sessions.toArray(String[]::new))).await().atMost(WAIT);
    }

    private static List<String> ids(List<SandboxRepository.Saved> saved) {
        Set<String> unique = new HashSet<>();
        saved.forEach(s -> assertThat(unique.add(s.sessionId())).as("returned twice in one claim").isTrue());
        return new ArrayList<>(unique);
    }
}
