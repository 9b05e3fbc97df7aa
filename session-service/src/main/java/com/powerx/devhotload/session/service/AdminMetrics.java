package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The admin meters on {@code /q/metrics}: {@code admin.dev_hotload.active_sessions} and {@code .terminate_latency_ms}. */
@ApplicationScoped
public class AdminMetrics {

    private final AtomicLong activeSessions = new AtomicLong();
    private final DistributionSummary terminateLatency;
    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;

    public AdminMetrics(MeterRegistry registry, TransactionalOutbox outbox, SessionRepository sessions) {
        this.outbox = outbox;
        this.sessions = sessions;
        registry.gauge("admin.dev_hotload.active_sessions", activeSessions);
        // A summary in milliseconds, not a Timer (as stream-gateway's meter of the same name): the name says ms, and a
        // Timer would be exported in seconds.
        terminateLatency = DistributionSummary.builder("admin.dev_hotload.terminate_latency_ms")
                .description("admin terminate (REST or GraphQL): call to committed answer, ms")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(60_000.0)
                .register(registry);
    }

    /** Records one admin terminate that started at {@code startNanos} ({@link System#nanoTime()}). */
    public void terminated(long startNanos) {
        terminateLatency.record((System.nanoTime() - startNanos) / 1_000_000.0);
    }

    /**
     * Refreshes the gauge from the database (every tenant, every replica's sessions) rather than counting in memory:
     * sessions end on other replicas and by expiry, and a scrape must not run a query on the event loop.
     */
    @Scheduled(every = "${px.admin.metrics-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshActiveSessions() {
        return outbox.pool().withConnection(c -> sessions.count(c, null, null, null, null, List.of(SessionStatus.ACTIVE)))
                .invoke(activeSessions::set)
                .onFailure().invoke(e -> Log.debugf("active sessions gauge not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
