package com.powerx.devhotload.bench;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A plain Kafka consumer of the events a P11 cycle waits for, from the topics' ends at open time: the sandbox's
 * {@code sandbox.ready} and {@code invoke.failed} by session, {@code plugin.debug.report.*} by report id and
 * {@code plugin.debug.regression.*} by run id. Waiting for the events (rather than polling the services) is what makes a
 * cycle's steps follow the suite's own order: a report is asked for only once the failure is on Kafka, which is what
 * diagnostics' collector waits for before it reads the window.
 */
final class DebugTopics implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    /** Keyed "type/id": id is the session, report or run the event is about. */
    private final Map<String, CloudEvent> seen = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    DebugTopics(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "px-bench-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(Topics.SESSION_SANDBOX, Topics.DEBUG_REPORT, Topics.DEBUG_REGRESSION).stream()
                .flatMap(t -> consumer.partitionsFor(t).stream()).map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixed now: nothing published after this is missed
        poller = Thread.ofPlatform().daemon().name("debug-topics").start(this::poll);
    }

    private void poll() {
        while (!closed) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                CloudEvent e = EventCodec.decode(r.value());
                String id = switch (e.type()) {
                    case EventTypes.REPORT_READY, EventTypes.REPORT_FAILED -> e.data().path("reportId").asText("");
                    case EventTypes.REGRESSION_PASSED, EventTypes.REGRESSION_FAILED -> e.data().path("runId").asText("");
                    default -> e.sessionid();
                };
                if (id != null) seen.putIfAbsent(e.type() + "/" + id, e);
            }
        }
        consumer.close();
    }

    /** The first event of one of {@code types} about {@code id}; throws after {@code seconds} without one. */
    CloudEvent await(String id, int seconds, String... types) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String type : types) {
                CloudEvent e = seen.get(type + "/" + id);
                if (e != null) return e;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no " + String.join("|", types) + " for " + id + " within " + seconds + " s");
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        poller.join(2000);
    }
}
