package com.powerx.devhotload.stream.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.service.EventIngest;
import com.powerx.devhotload.stream.service.StreamMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Consumes every {@code dev.session.*} and {@code plugin.debug.*} topic in one consumer group per gateway deployment
 * and hands each poll to {@link EventIngest}, up to {@value #MAX_IN_FLIGHT} polls at once. Offsets are committed only
 * after Redis has applied the poll, so a crash redelivers (and the dedup markers make the redelivery harmless) but
 * never loses. Runs on its own thread: the Kafka client blocks.
 */
@ApplicationScoped
public class EventConsumer {

    /** Every topic of CONTRACT.md §9 the feed shows, including topics created later. */
    static final Pattern TOPICS = Pattern.compile("dev\\.session\\..+|plugin\\.debug\\..+");
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long APPLY_TIMEOUT_S = 60;
    /** Polls handed to Redis at once: their writes overlap with decoding the next poll and with the round trips. */
    private static final int MAX_IN_FLIGHT = 4;
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(5);
    /**
     * Applied offsets are committed at most this often. A commit is a write to the broker's offsets log; one per poll
     * (hundreds a second under load) cost the broker more CPU than the events themselves. What a crash or a
     * rebalance redelivers from the last commit is absorbed by the dedup markers.
     */
    private static final long COMMIT_INTERVAL_MS = 500;

    private final EventIngest ingest;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long lastSuccessMillis = System.currentTimeMillis();
    private volatile String lastError;
    private Thread thread;

    public EventConsumer(EventIngest ingest, StreamConfig config, StreamMetrics metrics,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.ingest = ingest;
        this.config = config;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "stream-gateway-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Whether the loop is alive and has not been failing for long (readiness). */
    public boolean healthy() {
        return running && thread != null && thread.isAlive()
                && (lastError == null || System.currentTimeMillis() - lastSuccessMillis < MAX_BACKOFF_MS * 2);
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        long backoff = 250;
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                kafka.subscribe(TOPICS);
                pollLoop(kafka);
            } catch (WakeupException e) {
                // shutting down
            } catch (Exception e) {
                lastError = e.getMessage();
                Log.errorf(e, "event consumer failed; restarting in %d ms", backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            } finally {
                consumer = null;
            }
        }
    }

    /** A poll handed to Redis whose outcome is not known yet. */
    private record InFlight(Future<EventIngest.Result> applied, Map<TopicPartition, OffsetAndMetadata> next,
                            Map<TopicPartition, Long> first) {
    }

    private void pollLoop(KafkaConsumer<String, byte[]> kafka) {
        Deque<InFlight> inFlight = new ArrayDeque<>();
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        long lastCommit = 0;
        long backoff = 250;
        while (running) {
            // While polls are in flight, poll briefly so that their outcomes are handled soon.
            ConsumerRecords<String, byte[]> records = kafka.poll(inFlight.isEmpty() ? config.consumer().pollTimeout() : IN_FLIGHT_POLL);
            if (!records.isEmpty()) {
                inFlight.add(new InFlight(ingest.ingest(decode(records)), nextOffsets(records), firstOffsets(records)));
            }
            try {
                // Offsets are committed in poll order, and only for polls Redis has applied.
                while (!inFlight.isEmpty() && (inFlight.peek().applied().isComplete() || inFlight.size() > MAX_IN_FLIGHT)) {
                    InFlight head = inFlight.peek();
                    head.applied().toCompletionStage().toCompletableFuture().get(APPLY_TIMEOUT_S, TimeUnit.SECONDS);
                    inFlight.poll();
                    applied.putAll(head.next());
                    lastSuccessMillis = System.currentTimeMillis();
                    lastError = null;
                    backoff = 250;
                }
                if (!applied.isEmpty() && System.currentTimeMillis() - lastCommit >= COMMIT_INTERVAL_MS) {
                    commit(kafka, applied);
                    applied = new HashMap<>();
                    lastCommit = System.currentTimeMillis();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Redis is unreachable or failing: rewind every partition to its first unapplied record and try
                // again, in order (polls after the failed one may have been applied: their appends are deduplicated).
                lastError = e.getMessage();
                Log.warnf("cannot apply events to Redis (retrying in %d ms): %s", backoff, e.getMessage());
                rewind(kafka, inFlight);
                inFlight.clear();
                // Polls applied before the failure keep their commit; the rewind only covers unapplied ones.
                if (!applied.isEmpty()) {
                    commit(kafka, applied);
                    applied = new HashMap<>();
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        finish(kafka, inFlight, applied);
    }

    // Asynchronously: a commit lost to a crash or a rebalance means a redelivery, which the dedup markers absorb;
    // waiting for it would add a broker round trip to every event's latency.
    private static void commit(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        kafka.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                Log.debugf("offset commit failed (the next one covers it): %s", failure.getMessage());
            }
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            next.put(partition, new OffsetAndMetadata(records.records(partition).getLast().offset() + 1));
        }
        return next;
    }

    private static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            first.put(partition, records.records(partition).getFirst().offset());
        }
        return first;
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, Deque<InFlight> inFlight) {
        Map<TopicPartition, Long> earliest = new HashMap<>();
        for (InFlight poll : inFlight) {
            poll.first().forEach((partition, offset) -> earliest.merge(partition, offset, Math::min));
        }
        // A partition taken away by a rebalance meanwhile starts at its committed offset on its new owner.
        earliest.keySet().retainAll(kafka.assignment());
        earliest.forEach(kafka::seek);
    }

    // A clean shutdown commits the polls Redis has applied, so the next owner of the partitions starts right there;
    // whatever is not applied by then is simply consumed again.
    private static void finish(KafkaConsumer<String, byte[]> kafka, Deque<InFlight> inFlight,
                               Map<TopicPartition, OffsetAndMetadata> applied) {
        try {
            if (!applied.isEmpty()) {
                kafka.commitSync(applied, Duration.ofSeconds(5));
            }
            for (InFlight poll : inFlight) {
                poll.applied().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                kafka.commitSync(poll.next(), Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.debugf("stopped with polls not applied; they will be consumed again: %s", e.getMessage());
        }
    }

    private List<CloudEvent> decode(ConsumerRecords<String, byte[]> records) {
        List<CloudEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(EventCodec.decode(record.value()));
            } catch (InvalidEventException e) {
                // A malformed record can never become valid: skip it (counted) rather than block the partition.
                metrics.skipped("malformed");
                Log.warnf("skipping malformed event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        return events;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumer().group());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "stream-gateway-" + hostName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new deployment shows what Kafka still holds; events older than the retention age are skipped anyway.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.consumer().maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics created after start (pattern subscription) are picked up within this delay.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
        return props;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return String.valueOf(ProcessHandle.current().pid());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
