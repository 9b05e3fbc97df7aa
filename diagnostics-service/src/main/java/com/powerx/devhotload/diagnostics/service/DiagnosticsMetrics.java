package com.powerx.devhotload.diagnostics.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The service's meters (issue #14): report generation time and failures, masking violations, coverage, ingest. */
@ApplicationScoped
public class DiagnosticsMetrics {

    private final MeterRegistry registry;
    private final Timer generate;
    private final Counter violations;
    private final Counter ingested;
    // Coverage in parts per million: a gauge reads a number, and the share is refreshed by a periodic query.
    private final AtomicLong coveragePpm = new AtomicLong(1_000_000);

    public DiagnosticsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.generate = Timer.builder("debug.report.generate_ms").description("Time from a report's first claim to ready")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        this.violations = Counter.builder("debug.masking.violation_total")
                .description("Finished outputs in which the verifier still found a secret (the report failed closed)").register(registry);
        this.ingested = Counter.builder("debug.evidence.ingested_total").description("Events stored in the evidence store").register(registry);
        registry.gauge("debug.report.coverage", coveragePpm, v -> v.get() / 1_000_000.0);
        // Registered at zero so that a dashboard shows the series before the first failure.
        for (String reason : new String[] {"error", "masking-violation"}) {
            failures(reason);
        }
    }

    private Counter failures(String reason) {
        return Counter.builder("debug.report.failure_total").description("Reports that ended failed, by reason").tag("reason", reason)
                .register(registry);
    }

    public void generated(Duration took) {
        generate.record(took);
    }

    public void failed(String reason) {
        failures(reason).increment();
    }

    public void violation() {
        violations.increment();
    }

    public void ingested(int events) {
        ingested.increment(events);
    }

    public void coverage(double share) {
        coveragePpm.set(Math.round(share * 1_000_000));
    }
}
