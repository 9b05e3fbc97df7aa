package com.powerx.devhotload.platform.outbox;

import com.powerx.devhotload.platform.kafka.EventProducers;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka in id order and deletes them only once the broker has acknowledged every one
 * (acks=all). A relay that dies half-way leaves its rows in place and the next pass publishes them again: delivery is
 * at-least-once, and consumers drop the duplicates by event id. One relay at a time per database holds a
 * transaction-scoped advisory lock, so several replicas never reorder a session's events.
 */
public final class OutboxRelay implements AutoCloseable {

    /** Advisory lock key shared by every replica of a service (its database is its own). */
    private static final long LOCK_KEY = 0x50584F5554L; // "PXOUT"
    private static final Duration DATABASE_WAIT = Duration.ofSeconds(30);
    /** Longer than the producer's delivery.timeout.ms (30 s), so a send fails by its own timeout first. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(60);

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

    /**
     * One pass: publishes up to one batch and returns how many rows it published and deleted. Runs wholly on the
     * calling (relay) thread: {@code producer.send} blocks for up to {@code max.block.ms} while the broker is away and
     * its metadata unknown, and doing that inside a pool callback blocked the Vert.x event loop the service's HTTP
     * requests and other queries share (a broker outage then starved the datasource pool).
     */
    public int relayBatch() {
        SqlConnection conn = pool.getConnection().await().atMost(DATABASE_WAIT);
        try {
            Transaction tx = conn.begin().await().atMost(DATABASE_WAIT);
            try {
                boolean locked = conn.query("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                        .await().atMost(DATABASE_WAIT).iterator().next().getBoolean(0);
                int published = locked ? publishPending(conn) : 0;
                tx.commit().await().atMost(DATABASE_WAIT);
                return published;
            } catch (RuntimeException e) {
                rollBackQuietly(tx, e);
                throw e;
            }
        } finally {
            conn.close().await().atMost(DATABASE_WAIT);
        }
    }

    private int publishPending(SqlConnection conn) {
        var rows = conn.preparedQuery("SELECT id, topic, partition_key, payload, traceparent FROM px_outbox ORDER BY id LIMIT $1")
                .execute(Tuple.of(batchSize)).await().atMost(DATABASE_WAIT);
        List<Long> ids = new ArrayList<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Row row : rows) {
            CompletableFuture<Void> ack = send(row);
            ids.add(row.getLong("id"));
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break; // the broker's metadata timed out: the rest would each wait max.block.ms just the same
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        awaitAcks(acks);
        conn.preparedQuery("DELETE FROM px_outbox WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).await().atMost(DATABASE_WAIT);
        return ids.size();
    }

    /** Every send acknowledged (acks=all) or the pass fails and its rows stay for the next one. */
    private static void awaitAcks(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker did not acknowledge the batch: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the batch within " + ACK_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("relay interrupted while waiting for acks", e);
        }
    }

    private static void rollBackQuietly(Transaction tx, RuntimeException cause) {
        try {
            tx.rollback().await().atMost(DATABASE_WAIT);
        } catch (RuntimeException rollbackFailure) {
            // A connection the database dropped has no transaction left to roll back; closing it is enough.
            cause.addSuppressed(rollbackFailure);
        }
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
