package com.powerx.devhotload.platform.outbox;

import com.powerx.devhotload.platform.kafka.EventProducers;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in id order and deletes them only once the broker has acknowledged every one
 * (acks=all). A relay that dies half-way leaves its rows in place and the next pass publishes them again: delivery is
 * at-least-once, and consumers drop the duplicates by event id. One relay at a time per database holds a
 * transaction-scoped advisory lock, so several replicas never reorder a session's events.
 */
public final class OutboxRelay implements AutoCloseable {

    /** Advisory lock key shared by every replica of a service (its database is its own). */
    private static final long LOCK_KEY = 0x50584F5554L; // "PXOUT"

    private final Pool pool;
    private final Producer<String, byte[]> producer;
    private final Duration pollInterval;
    private final int batchSize;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(Pool pool, Producer<String, byte[]> producer, Duration pollInterval, int batchSize) {
        this.pool = pool;
        this.producer = producer;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    /** Starts the relay loop on its own thread: it blocks on Kafka acks, which must never happen on an event loop. */
    public synchronized void start(String name) {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay-" + name).daemon().start(this::loop);
    }

    /** Asks for a pass now instead of at the next poll: called after a transaction with new events commits. */
    public void nudge() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                int published = relayBatch();
                backoff = Duration.ofMillis(100);
                if (published < batchSize) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Broker or database away: keep the rows and try again later; nothing is lost.
                if (running) {
                    Log.warnf("outbox relay pass failed (%s), retrying in %d ms", e.getMessage(), backoff.toMillis());
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
                }
            }
        }
    }

    /** One pass: publishes up to one batch and returns how many rows it published and deleted. */
    public int relayBatch() {
        return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                        .flatMap(lock -> lock.iterator().next().getBoolean(0) ? publishPending(tx) : Uni.createFrom().item(0)))
                .await().atMost(Duration.ofSeconds(60));
    }

    private Uni<Integer> publishPending(SqlConnection tx) {
        return tx.preparedQuery("SELECT id, topic, partition_key, payload, traceparent FROM px_outbox ORDER BY id LIMIT $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<CompletableFuture<?>> acks = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        acks.add(send(row));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                            .flatMap(all -> tx.preparedQuery("DELETE FROM px_outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                });
    }

    private CompletableFuture<Void> send(Row row) {
        ProducerRecord<String, byte[]> record = EventProducers.record(row.getString("topic"), row.getString("partition_key"),
                row.getBuffer("payload").getBytes(), row.getString("traceparent"));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) ack.completeExceptionally(error); else ack.complete(null);
        });
        return ack;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            wakeUp.release();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
