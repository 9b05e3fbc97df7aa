package com.powerx.devhotload.diagnostics.repository;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.diagnostics.LoopEvents;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence store on the real PostgreSQL: masked at ingest, stored once however often delivered, expired by partition. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_diagnostics"))
class EvidenceStoreTest {

    @Inject
    Pool pool;
    @Inject
    EvidenceRepository evidence;
    @Inject
    EvidencePartitions partitions;

    @Test
    void aRedeliveredEventIsStoredOnceAndNothingUnmaskedIsStored() throws Exception {
        String tenant = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        CloudEvent line = LoopEvents.log(tenant, "com.acme.ev", session, "error", "login failed password=Pa55-w0rd-Hidden for bob");
        LoopEvents.publish(line, line, line);
        awaitRows(tenant, 1);
        Thread.sleep(500);
        assertThat(count(tenant)).as("three deliveries of one event id").isEqualTo(1);
        String stored = pool.preparedQuery("SELECT message || data FROM evidence WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
        assertThat(stored).doesNotContain("Pa55-w0rd-Hidden").contains("password=");
    }

    @Test
    void retentionDropsWholeDaysAndRowsCaughtByTheDefaultPartitionMoveIntoTheirDay() {
        String tenant = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        Instant oldTime = old.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600);
        // Before its day's partition exists the row lands in the default partition ...
        insert(tenant, oldTime);
        insert(tenant, Instant.now());
        // ... and creating the partition moves it there (a plain CREATE ... PARTITION OF would fail on it).
        assertThat(partitions.ensure(old, old).await().atMost(Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(pool.preparedQuery("SELECT count(*) FROM evidence_p" + old.toString().replace("-", "") + " WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0)).isEqualTo(1);
        assertThat(count(tenant)).isEqualTo(2);

        int dropped = partitions.expire(Instant.now().minus(Duration.ofHours(72))).await().atMost(Duration.ofSeconds(10));
        assertThat(dropped).isGreaterThanOrEqualTo(1);
        assertThat(count(tenant)).as("the 30-day-old row is gone, today's stays").isEqualTo(1);
    }

    private void insert(String tenant, Instant time) {
        evidence.insertAll(pool, List.of(new EvidenceEvent(time, UUID.randomUUID().toString(), tenant, "com.acme.ret", null, null,
                "dev.session.log", "dev.session.log", 1, "info", "line", "{}"))).await().atMost(Duration.ofSeconds(5));
    }

    private long count(String tenant) {
        return pool.preparedQuery("SELECT count(*) FROM evidence WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private void awaitRows(String tenant, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(tenant) < rows) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("evidence not stored within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
