package com.powerx.devhotload.cli.watch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Delayed tasks on one thread, behind an interface so that debounce tests run on a manual clock instead of sleeping. */
public interface Scheduler {

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, long delayMillis);

    long nowMillis();

    /** A real single-thread scheduler: batches are handled one after another, never concurrently. */
    static Scheduler singleThread(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        return new Scheduler() {
            @Override
            public Cancellable schedule(Runnable task, long delayMillis) {
                ScheduledFuture<?> future = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public long nowMillis() {
                return System.nanoTime() / 1_000_000;
            }
        };
    }
}
