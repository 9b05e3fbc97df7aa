package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.repository.EvidencePartitions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keeps the evidence store's daily partitions: two days ahead always exist, and every partition past
 * {@code PX_DIAG_RETENTION} (72 h) is dropped; the rows of the partition the cutoff falls in are deleted.
 */
@ApplicationScoped
public class EvidenceRetention {

    private final EvidencePartitions partitions;
    private final DiagnosticsConfig config;

    public EvidenceRetention(EvidencePartitions partitions, DiagnosticsConfig config) {
        this.partitions = partitions;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensure();
        } catch (RuntimeException e) {
            // The store still works (the default partition takes the rows); the next run moves them.
            Log.warnf("cannot create evidence partitions at start: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${px.diag.retention-interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        ensure();
        Instant cutoff = Instant.now().minus(config.retention());
        int dropped = partitions.expire(cutoff).await().atMost(Duration.ofMinutes(5));
        Log.infof("evidence retention: dropped %d partitions older than %s", dropped, cutoff);
    }

    void ensure() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = LocalDate.ofInstant(Instant.now().minus(config.retention()), ZoneOffset.UTC);
        partitions.ensure(first, today.plusDays(2)).await().atMost(Duration.ofMinutes(1));
    }
}
