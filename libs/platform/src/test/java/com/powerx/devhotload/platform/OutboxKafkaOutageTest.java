package com.powerx.devhotload.platform;

import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.FreePorts;
import com.powerx.devhotload.devstack.KafkaBrokerProcess;
import com.powerx.devhotload.platform.kafka.EventProducers;
import com.powerx.devhotload.platform.outbox.OutboxRelay;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker outage: events committed while Kafka is down stay in the outbox and are delivered, all of them, once it is
 * back. Uses a real broker process that the test kills and restarts.
 */
@QuarkusTest
class OutboxKafkaOutageTest {

    @Inject
    Pool pool;

    @Test
    void eventsWrittenDuringAnOutageAreDeliveredWhenTheBrokerReturns() throws Exception {
        var dir = DevStack.shared().runDir().resolve("outage-broker-" + UUID.randomUUID());
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir, FreePorts.next(), FreePorts.next());
        try {
            DevStack.createTopics(broker.bootstrapServers(), List.of(Topics.SESSION_LIFECYCLE));
            try (var producer = EventProducers.create(broker.bootstrapServers(), "outage-test");
                 OutboxRelay relay = new OutboxRelay(pool, producer, Duration.ofMillis(200), 500)) {
                broker.kill();
                String session = UUID.randomUUID().toString();
                Set<String> ids = new HashSet<>(OutboxRows.append(pool, session, 10));
                relay.start("outage");
                relay.nudge();
                Thread.sleep(3000); // the relay keeps failing and retrying while the broker is away
                assertThat(pending(session)).isEqualTo(10);

                broker.restart();
                long deadline = System.currentTimeMillis() + 60_000;
                while (pending(session) > 0 && System.currentTimeMillis() < deadline) {
                    relay.nudge();
                    Thread.sleep(200);
                }
                assertThat(pending(session)).isZero();
                assertThat(consumeIds(broker.bootstrapServers(), session)).containsAll(ids);
            }
        } finally {
            broker.close();
        }
    }

    private long pending(String session) {
        return pool.preparedQuery("SELECT count(*) FROM px_outbox WHERE partition_key = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(session)).await().indefinitely().iterator().next().getLong(0);
    }

    private static Set<String> consumeIds(String bootstrap, String session) {
        Set<String> seen = new HashSet<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_LIFECYCLE));
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.size() < 10 && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (session.equals(r.key())) seen.add(EventCodec.decode(r.value()).id());
                }
            }
        }
        return seen;
    }
}
