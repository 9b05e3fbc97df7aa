package com.powerx.devhotload.stream.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.platform.kafka.KafkaClientSecurity;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.service.EventIngest;
import com.powerx.devhotload.stream.service.StreamMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Consumes every {@code dev.session.*} and {@code plugin.debug.*} topic in one consumer group per gateway deployment
 * and hands each poll to {@link EventIngest}, up to {@value PollPipeline#MAX_IN_FLIGHT} polls at once
 * ({@link PollPipeline}). Offsets are committed only after Redis has applied the poll, so a crash redelivers (and the
 * dedup markers make the redelivery harmless) but never loses. Runs on its own thread: the Kafka client blocks.
 * <p>
 * A hand-made loop rather than a reactive-messaging channel because the ingest works on whole polls: each poll
 * becomes one pipeline of append calls, one per run of a tenant's consecutive events. One call per event could not
 * keep up with P7's 5,000 events/s, and P3 and P7 were measured with this loop (docs/stream-gateway.md).
 */
@ApplicationScoped
public class EventConsumer {

    /** Every topic of CONTRACT.md §9 the feed shows, including topics created later. */
    static final Pattern TOPICS = Pattern.compile("dev\\.session\\..+|plugin\\.debug\\..+");
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(5);

    private final EventIngest ingest;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long lastSuccessMillis = System.currentTimeMillis();
    private volatile String lastError;
    /**
     * Set once the group has given this replica its partitions: until then it cannot learn a session registered
     * a moment ago, so it is not ready (an orchestrator routing a CLI here would get 401 for a valid token).
     */
    private volatile boolean joined;
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
        return running && joined && thread != null && thread.isAlive()
                && (lastError == null || System.currentTimeMillis() - lastSuccessMillis < MAX_BACKOFF_MS * 2);
    }

    public String lastError() {
        return joined ? lastError : "waiting for the consumer group to assign partitions";
    }

    private void run() {
        long backoff = 250;
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                kafka.subscribe(TOPICS, new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // A rebalance after the first join keeps the replica ready: its peers cover meanwhile.
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        joined = true;
                    }
                });
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

    private void pollLoop(KafkaConsumer<String, byte[]> kafka) {
        PollPipeline polls = new PollPipeline(kafka, this::noteApplied);
        while (running) {
            // While polls are in flight, poll briefly so that their outcomes are handled soon.
            ConsumerRecords<String, byte[]> records = kafka.poll(polls.isEmpty() ? config.consumer().pollTimeout() : IN_FLIGHT_POLL);
            if (!records.isEmpty()) {
                polls.add(records, ingest.ingest(decode(records)));
            }
            try {
                polls.settle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Redis is unreachable or failing: rewind to the first unapplied records and try again.
                long backoff = polls.nextBackoff(MAX_BACKOFF_MS);
                lastError = e.getMessage();
                Log.warnf("cannot apply events to Redis (retrying in %d ms): %s", backoff, e.getMessage());
                polls.rewind();
                sleep(backoff);
            }
        }
        polls.finish();
    }

    private void noteApplied() {
        lastSuccessMillis = System.currentTimeMillis();
        lastError = null;
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
        // As the SmallRye channels of every service (libs/platform): a replica killed without leaving the group holds its
        // partitions until this timeout, and its replacement is not ready before (45 s with Kafka's default;
        // FaultInjectionIT measured it).
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        props.putAll(KafkaClientSecurity.settings());
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
