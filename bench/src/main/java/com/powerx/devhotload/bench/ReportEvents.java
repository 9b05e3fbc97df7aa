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
 * A plain Kafka consumer of {@code plugin.debug.report} from its end at open time: every
 * {@code plugin.debug.report.ready} by its alert id and every {@code plugin.debug.report.failed} by its session, with the
 * {@code System.nanoTime()} the record reached this process.
 */
final class ReportEvents implements AutoCloseable {

    /** An event and when it arrived here. */
    record Seen(CloudEvent event, long receivedNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Seen> ready = new ConcurrentHashMap<>();
    private final Map<String, Seen> failed = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    ReportEvents(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "px-bench-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEBUG_REPORT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixed now: nothing published after this is missed
        poller = Thread.ofPlatform().daemon().name("report-events").start(this::poll);
    }

    private void poll() {
        while (!closed) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                CloudEvent e = EventCodec.decode(r.value());
                if (EventTypes.REPORT_READY.equals(e.type())) {
                    ready.put(e.data().path("alertId").asText(""), new Seen(e, now));
                } else if (EventTypes.REPORT_FAILED.equals(e.type())) {
                    failed.put(e.data().path("sessionId").asText(""), new Seen(e, now));
                }
            }
        }
        consumer.close();
    }

    /**
     * The ready event of the report of {@code alertId}, or the failed event of its session (a report that failed closed
     * never becomes ready); throws after {@code seconds} without either.
     */
    Seen awaitReady(String alertId, String sessionId, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Seen s = ready.get(alertId);
            if (s != null) {
                return s;
            }
            Seen f = failed.get(sessionId);
            if (f != null) {
                return f;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no plugin.debug.report.ready for alert " + alertId + " within " + seconds + " s");
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        poller.join(2000);
    }
}
