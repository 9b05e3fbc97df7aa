package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.sandbox.config.SandboxConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This replica's load and capacity on {@code /q/metrics}: {@code dev_hotload_sandboxes}, the sandboxes it runs (those
 * holding one of its {@code PX_SANDBOX_MAX} slots; external ones hold none), and {@code dev_hotload_sandboxes_capacity},
 * that maximum. Capacity is sandboxes, not CPU, so this pair is what the orchestrator autoscales on
 * (deploy/k8s/components/custom-metrics-hpa) and what tells an operator how close a replica is to refusing starts.
 */
@Startup
@ApplicationScoped
public class SandboxGauges {

    public SandboxGauges(MeterRegistry meters, SandboxRegistry sandboxes, SandboxConfig config) {
        // Read at scrape time from the registry itself, so the gauge cannot drift from what the capacity check counts.
        Gauge.builder("dev.hotload.sandboxes", sandboxes, SandboxRegistry::slotsHeld).strongReference(true)
                .description("sandboxes this replica runs (processes or pods holding a PX_SANDBOX_MAX slot)")
                .register(meters);
        int capacity = config.max();
        Gauge.builder("dev.hotload.sandboxes.capacity", () -> capacity)
                .description("PX_SANDBOX_MAX: sandboxes this replica runs at most")
                .register(meters);
    }
}
