package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.platform.work.LeasedWork;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.RegressionRun;
import com.powerx.devhotload.diagnostics.repository.RegressionRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Runs regression runs on two threads. A run's lease is as long as its longest wait (the reload outcome) plus a
 * margin, so a live run is never taken over and a killed one is taken up again soon after.
 */
@ApplicationScoped
public class RegressionWorker {

    private final LeasedWork<RegressionRun> work;

    public RegressionWorker(Pool pool, RegressionRepository runs, RegressionExecution execution, DiagnosticsConfig config) {
        Duration lease = config.regressionTimeout().plus(config.lease());
        this.work = new LeasedWork<>("regression-worker", 2, 1000,
                (inHand, free) -> runs.claim(pool, config.instanceId(), lease, inHand, free).await().atMost(Duration.ofSeconds(10)),
                RegressionRun::runId, run -> execution.run(run, config.instanceId()));
    }

    void start(@Observes StartupEvent event) {
        work.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        work.stop();
    }

    public void nudge() {
        work.nudge();
    }
}
