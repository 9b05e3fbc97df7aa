package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.platform.work.LeasedWork;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/** Runs report tasks on {@code PX_DIAG_WORKERS} threads under leases it renews ({@link LeasedWork}). */
@ApplicationScoped
public class ReportWorker {

    private final Pool pool;
    private final ReportRepository reports;
    private final DiagnosticsMetrics metrics;
    private final DiagnosticsConfig config;
    private final LeasedWork<ReportTask> work;

    public ReportWorker(Pool pool, ReportRepository reports, ReportGeneration generation, DiagnosticsMetrics metrics,
                        DiagnosticsConfig config) {
        this.pool = pool;
        this.reports = reports;
        this.metrics = metrics;
        this.config = config;
        this.work = new LeasedWork<>("report-worker", config.workers(), 500,
                (inHand, free) -> reports.claim(pool, config.instanceId(), config.lease(), inHand, free).await().atMost(Duration.ofSeconds(10)),
                ReportTask::reportId, task -> generation.run(task, config.instanceId()));
    }

    void start(@Observes StartupEvent event) {
        work.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        work.stop();
    }

    /** A task was just created here: look for work now rather than at the next poll. */
    public void nudge() {
        work.nudge();
    }

    @Scheduled(every = "${px.diag.lease-renew:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        try {
            reports.renew(pool, config.instanceId(), config.lease(), work.inHand()).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // A lease not renewed runs out and the task is taken up again: the same as a killed worker, never a loss.
            Log.warnf("cannot renew report leases: %s", e.getMessage());
        }
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshCoverage() {
        try {
            metrics.coverage(reports.coverage(pool).await().atMost(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            Log.debugf("coverage not refreshed: %s", e.getMessage());
        }
    }
}
