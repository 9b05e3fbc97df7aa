package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.LoopEvents;
import com.powerx.devhotload.diagnostics.DiagnosticsApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks outlive their workers: a task left mid-way by a killed instance (its row in {@code collecting} or
 * {@code masking} under a lease) is finished by another once the lease runs out, and at once by an instance
 * restarted under the same name. Twenty reports asked for at once all become ready.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_diagnostics"))
class ResumeAfterKillTest {

    @Inject
    Pool pool;
    @Inject
    DiagnosticsConfig config;

    @Test
    void aTaskLeftMidWayByAKilledInstanceIsFinished() throws Exception {
        String tenant = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        LoopEvents.register(tenant, "com.acme.kill", session);
        LoopEvents.publish(LoopEvents.rolledBack(tenant, "com.acme.kill", session, 1, "boom", LoopEvents.nodeStack("k1", 3)));
        UUID deadOwners = leftBehind(tenant, session, "collecting", "dead-instance", Duration.ofSeconds(-1));
        UUID sameName = leftBehind(tenant, session, "masking", config.instanceId(), Duration.ofMinutes(5));
        for (UUID id : List.of(deadOwners, sameName)) {
            JsonPath report = awaitFinished(tenant, id);
            assertThat(report.getString("data.status")).isEqualTo("ready");
            assertThat(report.getString("data.fingerprint")).startsWith("v1:");
            assertThat(report.getInt("data.errors[0].count")).isEqualTo(1);
        }
    }

    @Test
    void twentyReportsAskedForAtOnceAreAllReady() throws Exception {
        String tenant = "many-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        LoopEvents.register(tenant, "com.acme.many", session);
        for (int i = 0; i < 50; i++) {
            LoopEvents.publish(LoopEvents.log(tenant, "com.acme.many", session, i % 10 == 0 ? "error" : "info", "line " + i));
        }
        ExecutorService pool20 = Executors.newFixedThreadPool(20);
        List<CompletableFuture<String>> asked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            asked.add(CompletableFuture.supplyAsync(() -> DiagnosticsApi.admin(tenant).contentType("application/json")
                    .body("{\"sessionId\":\"" + session + "\"}").when().post("/internal/debug/report").then().statusCode(202)
                    .extract().path("data.reportId"), pool20));
        }
        List<String> ids = asked.stream().map(CompletableFuture::join).toList();
        pool20.shutdown();
        assertThat(ids).doesNotHaveDuplicates().hasSize(20);
        for (String id : ids) {
            assertThat(awaitFinished(tenant, UUID.fromString(id)).getString("data.status")).isEqualTo("ready");
        }
    }

    /** A task as a killed worker leaves it: a state past pending, a lease of {@code owner} running for {@code left}. */
    private UUID leftBehind(String tenant, String session, String status, String owner, Duration left) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        pool.preparedQuery("INSERT INTO report (report_id, tenant_id, plugin_id, session_id, window_from, window_to, status, attempts, "
                        + "lease_owner, lease_expires_at) VALUES ($1, $2, 'com.acme.kill', $3, $4, $5, $6, 1, $7, now() + make_interval(secs => $8))")
                .execute(Tuple.from(new Object[] {id, tenant, session, now.minusSeconds(600).atOffset(java.time.ZoneOffset.UTC),
                        now.plusSeconds(60).atOffset(java.time.ZoneOffset.UTC), status, owner, (double) left.toSeconds()}))
                .await().atMost(Duration.ofSeconds(5));
        return id;
    }

    private static JsonPath awaitFinished(String tenant, UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath r = DiagnosticsApi.admin(tenant).when().get("/internal/debug/report/" + id).then().statusCode(200).extract().jsonPath();
            String status = r.getString("data.status");
            if ("ready".equals(status) || "failed".equals(status)) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("report " + id + " not finished within 60 s");
    }
}
