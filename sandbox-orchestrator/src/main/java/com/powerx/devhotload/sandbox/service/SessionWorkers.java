package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.sandbox.domain.Sandbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One single worker thread per session: a session's steps run one at a time in the order queued, while sessions
 * proceed in parallel. Also the timer that queues delayed steps (restart backoff, forgetting a stopped sandbox).
 */
@ApplicationScoped
public class SessionWorkers {

    private final SandboxStops stops;
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-restart-timer").factory());

    public SessionWorkers(SandboxStops stops) {
        this.stops = stops;
    }

    /** Runs {@code step} on the session's worker; failures are logged, never lost silently. */
    public void run(Sandbox sandbox, Runnable step) {
        run(sandbox, step, () -> { });
    }

    /** Queues {@code step} on the session's worker; {@code done} runs after it (also when it failed or was dropped). */
    public void run(Sandbox sandbox, Runnable step, Runnable done) {
        if (sandbox.ended() && !workers.containsKey(sandbox.sessionId())) {
            done.run(); // stopped or let go: nothing more runs for it (a late exit, a restart timer)
            return;
        }
        ExecutorService worker = workers.computeIfAbsent(sandbox.sessionId(),
                id -> Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("sandbox-" + id).factory()));
        try {
            worker.execute(() -> {
                try {
                    step.run();
                } catch (OwnershipLostException e) {
                    stops.release(sandbox, e.getMessage());
                } catch (RuntimeException e) {
                    Log.errorf(e, "sandbox step of session %s failed", sandbox.sessionId());
                } finally {
                    done.run();
                }
            });
        } catch (RejectedExecutionException e) {
            Log.debugf("session %s has ended; step dropped", sandbox.sessionId());
            done.run();
        }
    }

    /** Queues {@code step} on the session's worker after {@code delayMs}. */
    void later(Sandbox sandbox, Runnable step, long delayMs) {
        timers.schedule(() -> run(sandbox, step), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the timer thread after {@code delayMs}, not on a session's worker. */
    void schedule(Runnable task, long delayMs) {
        timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** The session's worker finishes what it has queued, then ends (the step calling this runs on it). */
    void retire(Sandbox sandbox) {
        ExecutorService worker = workers.remove(sandbox.sessionId());
        if (worker != null) {
            worker.shutdown();
        }
    }

    /** No more delayed steps (first, when the instance stops). */
    void stopTimers() {
        timers.shutdownNow();
    }

    /** Every worker interrupted (last, when the instance stops). */
    void stopAll() {
        workers.values().forEach(ExecutorService::shutdownNow);
    }
}
