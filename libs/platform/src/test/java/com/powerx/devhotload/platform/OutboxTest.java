package com.powerx.devhotload.platform;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.platform.kafka.EventProducers;
import com.powerx.devhotload.platform.outbox.OutboxRelay;
import com.powerx.devhotload.platform.outbox.ProcessedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The transactional outbox and the idempotent consumer against real PostgreSQL and Kafka. */
@QuarkusTest
class OutboxTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void committedEventsArePublishedAsCloudEventsKeyedBySession() {
        String session = UUID.randomUUID().toString();
        given().queryParam("count", 3).queryParam("session", session)
                .when().post("/test/outbox").then().statusCode(202);

        List<CloudEvent> events = consume(session, 3, Duration.ofSeconds(20));
        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.specversion()).isEqualTo("1.0");
            assertThat(e.type()).isEqualTo(EventTypes.SESSION_UPDATED);
            assertThat(e.sessionid()).isEqualTo(session);
            assertThat(e.tenantid()).isEqualTo("t1");
        });
        assertThat(events).extracting(e -> e.data().get("n").asInt()).containsExactly(0, 1, 2);
        assertThat(pendingRows()).isZero();
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverPublished() {
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        given().queryParam("count", 2).queryParam("session", rolledBack).queryParam("fail", true)
                .when().post("/test/outbox").then().statusCode(409);
        given().queryParam("count", 1).queryParam("session", committed)
                .when().post("/test/outbox").then().statusCode(202);

        // Once the later, committed event has arrived, anything of the rolled-back one would have arrived too.
        assertThat(consume(committed, 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(consume(rolledBack, 1, Duration.ofSeconds(2))).isEmpty();
        long counterRows = pool.preparedQuery("SELECT count(*) FROM platform_test_counter WHERE name = $1")
                .execute(Tuple.of(rolledBack)).await().indefinitely().iterator().next().getLong(0);
        assertThat(counterRows).isZero();
    }

    @Test
    void aRelayThatDiesMidBatchLosesNothing() {
        String session = UUID.randomUUID().toString();
        // Written straight to the table, so only the relays of this test can pick them up first.
        List<String> ids = OutboxRows.append(pool, session, 20);

        try (Producer<String, byte[]> real = EventProducers.create(bootstrap, "dying-relay")) {
            Producer<String, byte[]> dying = new DyingProducer(real, 7);
            OutboxRelay relay = new OutboxRelay(pool, dying, Duration.ofSeconds(1), 500);
            org.assertj.core.api.Assertions.assertThatThrownBy(relay::relayBatch).hasMessageContaining("killed");
            assertThat(pendingRowsNow()).isEqualTo(20); // nothing deleted: the batch never committed
            // A restarted relay picks the rows up again; duplicates are allowed, loss is not.
            new OutboxRelay(pool, real, Duration.ofSeconds(1), 500).relayBatch();
        }
        List<CloudEvent> seen = consume(session, 27, Duration.ofSeconds(20));
        assertThat(seen).extracting(CloudEvent::id).containsAll(ids);
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aDuplicateEventIsAppliedOnce() {
        String eventId = UUID.randomUUID().toString();
        String counter = "dup-" + eventId;
        AtomicInteger applied = new AtomicInteger();
        for (int delivery = 0; delivery < 3; delivery++) {
            pool.withTransaction(tx -> ProcessedEvents.once(tx, "platform-test", eventId, () -> {
                applied.incrementAndGet();
                return tx.preparedQuery("INSERT INTO platform_test_counter (name, value) VALUES ($1, 1) "
                                + "ON CONFLICT (name) DO UPDATE SET value = platform_test_counter.value + 1")
                        .execute(Tuple.of(counter)).replaceWithVoid();
            })).await().indefinitely();
        }
        assertThat(applied).hasValue(1);
        long value = pool.preparedQuery("SELECT value FROM platform_test_counter WHERE name = $1")
                .execute(Tuple.of(counter)).await().indefinitely().iterator().next().getLong(0);
        assertThat(value).isEqualTo(1);
    }

    @Test
    void anEffectThatFailsLeavesTheEventUnprocessedSoARetryAppliesIt() {
        String eventId = UUID.randomUUID().toString();
        Uni<Boolean> failing = pool.withTransaction(tx -> ProcessedEvents.once(tx, "platform-test", eventId,
                () -> Uni.createFrom().failure(new IllegalStateException("effect failed"))));
        try {
            failing.await().indefinitely();
        } catch (IllegalStateException expected) {
            // rolled back together with the processed-id row
        }
        Boolean retried = pool.withTransaction(tx -> ProcessedEvents.once(tx, "platform-test", eventId, () -> Uni.createFrom().voidItem()))
                .await().indefinitely();
        assertThat(retried).isTrue();
    }

    private long pendingRowsNow() {
        return pool.query("SELECT count(*) FROM px_outbox").execute().await().indefinitely().iterator().next().getLong(0);
    }

    private long pendingRows() {
        long deadline = System.currentTimeMillis() + 10_000;
        long rows;
        do {
            rows = pool.query("SELECT count(*) FROM px_outbox").execute().await().indefinitely().iterator().next().getLong(0);
        } while (rows > 0 && System.currentTimeMillis() < deadline && pause());
        return rows;
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private List<CloudEvent> consume(String sessionKey, int atLeast, Duration within) {
        List<CloudEvent> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_LIFECYCLE));
            long deadline = System.currentTimeMillis() + within.toMillis();
            while (events.size() < atLeast && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (sessionKey.equals(record.key())) {
                        assertThat(new String(record.headers().lastHeader("content-type").value())).startsWith("application/cloudevents+json");
                        events.add(EventCodec.decode(record.value()));
                    }
                }
            }
        }
        return events;
    }

    /** A real producer that fails like a killed process after {@code limit} sends. */
    static final class DyingProducer extends ForwardingProducer {
        private final int limit;
        private int sent;

        DyingProducer(Producer<String, byte[]> delegate, int limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
            if (++sent > limit) {
                throw new KafkaException("relay process killed");
            }
            return super.send(record, callback);
        }
    }
}
