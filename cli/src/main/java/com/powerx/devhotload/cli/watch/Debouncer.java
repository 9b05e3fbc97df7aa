package com.powerx.devhotload.cli.watch;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns a burst of file events into one batch: the batch goes out once no event came for {@code quietMillis}
 * (or {@code maxWaitMillis} after the first, so a file written without pause still reloads). Batches are handed over
 * on the scheduler's thread; events that arrive while one is being handled form the next batch.
 */
public final class Debouncer {

    private final Scheduler scheduler;
    private final long quietMillis;
    private final long maxWaitMillis;
    private final Consumer<Set<String>> onBatch;
    private Set<String> pending = new TreeSet<>();
    private long firstAt = -1;
    private Scheduler.Cancellable timer;

    public Debouncer(Scheduler scheduler, long quietMillis, Consumer<Set<String>> onBatch) {
        this.scheduler = scheduler;
        this.quietMillis = quietMillis;
        this.maxWaitMillis = Math.max(quietMillis * 10, 2000);
        this.onBatch = onBatch;
    }

    public synchronized void submit(String path) {
        long now = scheduler.nowMillis();
        if (pending.isEmpty()) {
            firstAt = now;
        }
        pending.add(path);
        if (timer != null) {
            timer.cancel();
        }
        long delay = Math.max(0, Math.min(quietMillis, firstAt + maxWaitMillis - now));
        timer = scheduler.schedule(this::fire, delay);
    }

    private void fire() {
        Set<String> batch;
        synchronized (this) {
            batch = pending;
            pending = new TreeSet<>();
            timer = null;
            firstAt = -1;
        }
        if (!batch.isEmpty()) {
            onBatch.accept(batch);
        }
    }
}
