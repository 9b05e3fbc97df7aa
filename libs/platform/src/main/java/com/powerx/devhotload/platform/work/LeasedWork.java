package com.powerx.devhotload.platform.work;

import io.quarkus.logging.Log;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fixed number of worker threads fed by one poller that claims leased rows (diagnostics' report tasks and
 * regression runs, ticket-bridge's queued actions) whenever
 * a worker is free: at once after {@link #nudge} (work created here), else every {@code pollMillis}, so that work
 * created by other instances, released for a retry, or left by a killed instance is found.
 *
 * @param <T> a claimed row
 */
public final class LeasedWork<T> {

    private final String name;
    private final int threads;
    private final long pollMillis;
    private final BiFunction<List<UUID>, Integer, List<T>> claim;
    private final Function<T, UUID> id;
    private final Consumer<T> work;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean stopping;
    private ExecutorService workers;

    /** {@code claim} gets the ids in hand and the number of free workers, and returns the rows it leased. */
    public LeasedWork(String name, int threads, long pollMillis, BiFunction<List<UUID>, Integer, List<T>> claim, Function<T, UUID> id,
               Consumer<T> work) {
        this.name = name;
        this.threads = threads;
        this.pollMillis = pollMillis;
        this.claim = claim;
        this.id = id;
        this.work = work;
    }

    public void start() {
        workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(name + "-", 0).factory());
        Thread.ofPlatform().name(name + "-poller").daemon(true).start(this::pollLoop);
    }

    public void stop() throws InterruptedException {
        stopping = true;
        wake.release();
        if (workers != null) {
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    public void nudge() {
        wake.release();
    }

    /** The ids of the rows in hand, whose leases the owner renews. */
    public List<UUID> inHand() {
        return List.copyOf(running);
    }

    private void pollLoop() {
        while (!stopping) {
            try {
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                claimAndRun();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("%s poller: %s", name, e.getMessage());
            }
        }
    }

    private void claimAndRun() {
        int free = threads - running.size();
        if (free <= 0 || stopping) {
            return;
        }
        for (T row : claim.apply(List.copyOf(running), free)) {
            UUID rowId = id.apply(row);
            running.add(rowId);
            workers.execute(() -> {
                try {
                    work.accept(row);
                } catch (RuntimeException e) {
                    Log.errorf(e, "%s: %s failed", name, rowId);
                } finally {
                    running.remove(rowId);
                    wake.release();
                }
            });
        }
    }
}
