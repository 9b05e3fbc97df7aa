package com.powerx.devhotload.stream.bench;

import com.powerx.devhotload.contracts.Topics;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the comparison: a plain Kafka consumer (its own group, default settings but for the offset reset)
 * timing the very same bench events from their send to their arrival, in the same run.
 */
final class KafkaFloor implements AutoCloseable {

    private final Recorder latencyMicros = new Recorder(3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong received = new AtomicLong();
    private final Thread thread;
    private volatile String run = "";
    private volatile long warmupSeq;
    private volatile boolean assigned;

    KafkaFloor(String bootstrap) {
        thread = Thread.ofPlatform().name("kafka-floor").start(() -> consume(bootstrap));
    }

    /** Starts timing the events of {@code run} (earlier runs' events are ignored). */
    void measure(String run, long warmupSeq) {
        this.warmupSeq = warmupSeq;
        this.run = run;
        received.set(0);
        latencyMicros.reset();
    }

    Recorder latency() {
        return latencyMicros;
    }

    long received() {
        return received.get();
    }

    boolean assigned() {
        return assigned;
    }

    private void consume(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_LOG));
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(200));
                assigned = assigned || !consumer.assignment().isEmpty();
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    BenchEvents.Mark mark = BenchEvents.find(BenchEvents.utf8(record.value()));
                    if (mark != null && mark.run().equals(run)) {
                        received.incrementAndGet();
                        if (mark.seq() >= warmupSeq) {
                            latencyMicros.recordValue(Math.max(0, (now - mark.sentNanos()) / 1000));
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5000);
    }
}
