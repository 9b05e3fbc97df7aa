package com.powerx.devhotload.cli.watch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler on a hand-moved clock: {@link #advance} runs what became due, in order. */
final class ManualScheduler implements Scheduler {

    private final class Task implements Cancellable {
        final long due;
        final Runnable action;
        boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        Task scheduled = new Task(now + delayMillis, task);
        tasks.add(scheduled);
        return scheduled;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    void advance(long millis) {
        long target = now + millis;
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= target).min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.action.run();
        }
        now = target;
    }
}
