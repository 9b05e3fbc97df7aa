package com.powerx.devhotload.stream.messaging;

import com.powerx.devhotload.stream.service.EventIngest;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The polls one Kafka consumer has handed to Redis, oldest first, and the offsets of those Redis has applied but
 * that are not committed yet. Offsets are committed in poll order, and only for applied polls; on a failure every
 * partition is rewound to its first unapplied record. Used by the consumer's thread only.
 */
final class PollPipeline {

    /** Polls handed to Redis at once: their writes overlap with decoding the next poll and with the round trips. */
    static final int MAX_IN_FLIGHT = 4;
    private static final long APPLY_TIMEOUT_S = 60;
    private static final long FIRST_BACKOFF_MS = 250;
    /**
     * Applied offsets are committed at most this often. A commit is a write to the broker's offsets log; one per poll
     * (hundreds a second under load) cost the broker more CPU than the events themselves. What a crash or a
     * rebalance redelivers from the last commit is absorbed by the dedup markers.
     */
    private static final long COMMIT_INTERVAL_MS = 500;

    /** A poll handed to Redis whose outcome is not known yet. */
    private record InFlight(Future<EventIngest.Result> applied, Map<TopicPartition, OffsetAndMetadata> next,
                            Map<TopicPartition, Long> first) {
    }

    private final KafkaConsumer<String, byte[]> kafka;
    /** Called for every poll Redis has applied (the consumer's health). */
    private final Runnable onApplied;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    private long lastCommit;
    private long backoff = FIRST_BACKOFF_MS;

    PollPipeline(KafkaConsumer<String, byte[]> kafka, Runnable onApplied) {
        this.kafka = kafka;
        this.onApplied = onApplied;
    }

    boolean isEmpty() {
        return inFlight.isEmpty();
    }

    void add(ConsumerRecords<String, byte[]> records, Future<EventIngest.Result> applying) {
        inFlight.add(new InFlight(applying, nextOffsets(records), firstOffsets(records)));
    }

    /**
     * Takes the applied polls at the head, waiting for the oldest while more than {@value #MAX_IN_FLIGHT} are in
     * flight, and commits what they applied when a commit is due. Throws when Redis failed to apply a poll.
     */
    void settle() throws Exception {
        while (!inFlight.isEmpty() && (inFlight.peek().applied().isComplete() || inFlight.size() > MAX_IN_FLIGHT)) {
            InFlight head = inFlight.peek();
            head.applied().toCompletionStage().toCompletableFuture().get(APPLY_TIMEOUT_S, TimeUnit.SECONDS);
            inFlight.poll();
            applied.putAll(head.next());
            onApplied.run();
            backoff = FIRST_BACKOFF_MS;
        }
        if (!applied.isEmpty() && System.currentTimeMillis() - lastCommit >= COMMIT_INTERVAL_MS) {
            commit(kafka, applied);
            applied = new HashMap<>();
            lastCommit = System.currentTimeMillis();
        }
    }

    /** How long to wait before trying again after a failure: doubles with each failure, up to {@code max}. */
    long nextBackoff(long max) {
        long wait = backoff;
        backoff = Math.min(backoff * 2, max);
        return wait;
    }

    /**
     * Redis failed: every partition goes back to its first unapplied record, to be tried again in order (polls after
     * the failed one may have been applied: their appends are deduplicated).
     */
    void rewind() {
        Map<TopicPartition, Long> earliest = new HashMap<>();
        for (InFlight poll : inFlight) {
            poll.first().forEach((partition, offset) -> earliest.merge(partition, offset, Math::min));
        }
        // A partition taken away by a rebalance meanwhile starts at its committed offset on its new owner.
        earliest.keySet().retainAll(kafka.assignment());
        earliest.forEach(kafka::seek);
        inFlight.clear();
        // Polls applied before the failure keep their commit; the rewind only covers unapplied ones.
        if (!applied.isEmpty()) {
            commit(kafka, applied);
            applied = new HashMap<>();
        }
    }

    // A clean shutdown commits the polls Redis has applied, so the next owner of the partitions starts right there;
    // whatever is not applied by then is simply consumed again.
    void finish() {
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
}
