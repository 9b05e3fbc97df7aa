package com.powerx.devhotload.devstack;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test's window on Kafka: collects every CloudEvent on some topics from the moment it is opened (own consumer
 * group, reading from the end at open time), and publishes events as another service would.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<CloudEvent> seen = new CopyOnWriteArrayList<>();
    private final String bootstrap;

    private EventProbe(String bootstrap, Collection<String> topics) {
        this.bootstrap = bootstrap;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        // Join the group and fix the start offsets now, so nothing published after open() is missed.
        long deadline = System.currentTimeMillis() + 30_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(tp -> consumer.position(tp));
    }

    public static EventProbe open(String bootstrap, String... topics) {
        return new EventProbe(bootstrap, List.of(topics));
    }

    /** Waits until {@code count} collected events match; returns the matching ones (possibly fewer on timeout). */
    public synchronized List<CloudEvent> await(Predicate<CloudEvent> match, int count, Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (matching(match).size() < count && System.currentTimeMillis() < deadline) {
            pollOnce(Duration.ofMillis(100));
        }
        return matching(match);
    }

    /** Collects for {@code duration}, then returns the matching events (to show that something did NOT happen). */
    public synchronized List<CloudEvent> during(Predicate<CloudEvent> match, Duration duration) {
        long deadline = System.currentTimeMillis() + duration.toMillis();
        while (System.currentTimeMillis() < deadline) {
            pollOnce(Duration.ofMillis(100));
        }
        return matching(match);
    }

    private void pollOnce(Duration timeout) {
        for (var record : consumer.poll(timeout)) {
            seen.add(EventCodec.decode(record.value()));
        }
    }

    private List<CloudEvent> matching(Predicate<CloudEvent> match) {
        List<CloudEvent> out = new ArrayList<>();
        for (CloudEvent e : seen) {
            if (match.test(e)) out.add(e);
        }
        return out;
    }

    public static Predicate<CloudEvent> of(String type, String sessionId) {
        return e -> e.type().equals(type) && sessionId.equals(e.sessionid());
    }

    /** Publishes an event to its topic (keyed like the services do), waiting for the broker's ack. */
    public void publish(CloudEvent event) {
        publishAll(List.of(event));
    }

    /** Publishes events in order over one producer (keyed like the services do), waiting for every ack. */
    public void publishAll(List<CloudEvent> events) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (CloudEvent event : events) {
                // The services' wire format, header included: a consumer that trips over it must fail here, not in production.
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventTypes.topicOf(event.type()), event.partitionKey(), EventCodec.encode(event));
                record.headers().add(CloudEvent.KAFKA_CONTENT_TYPE_HEADER, CloudEvent.KAFKA_CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
