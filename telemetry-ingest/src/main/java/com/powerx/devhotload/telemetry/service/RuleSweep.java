package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.telemetry.repository.RedisStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;

/**
 * The rules that need a clock: telemetry gaps open, crash-loop and oversize windows pass. Runs every
 * {@code PX_ALERT_SWEEP_EVERY}, under the same lock as the consumer, committing like an event does.
 */
@ApplicationScoped
public class RuleSweep {

    private final TelemetryGapRule gaps;
    private final CrashLoopRule crashes;
    private final BundleOversizeRule oversize;
    private final SessionTracker tracker;
    private final RedisStore redis;
    private final RuleClock clock;

    public RuleSweep(TelemetryGapRule gaps, CrashLoopRule crashes, BundleOversizeRule oversize, SessionTracker tracker,
                     RedisStore redis, RuleClock clock) {
        this.gaps = gaps;
        this.crashes = crashes;
        this.oversize = oversize;
        this.tracker = tracker;
        this.redis = redis;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent ignored) {
        try {
            tracker.refreshActive();
        } catch (RuntimeException e) {
            Log.warnf("active sessions not loaded yet: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${px.alert.sweep-every:15s}", delayed = "${px.alert.sweep-every:15s}",
            concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            Log.warnf("rule sweep failed, next run retries: %s", e.getMessage());
        }
    }

    @WithSpan("RuleSweep.sweep")
    public void sweep(Instant now) {
        clock.exclusively(() -> {
            Effects fx = new Effects();
            gaps.sweep(now, fx);
            crashes.sweep(now, fx);
            oversize.sweep(now, fx);
            redis.commit(fx.writes());
            fx.committed();
            tracker.refreshActive();
            return null;
        });
    }
}
