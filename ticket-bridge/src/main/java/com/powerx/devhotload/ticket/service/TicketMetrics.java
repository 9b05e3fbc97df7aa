package com.powerx.devhotload.ticket.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** The bridge's meters: the autoclose rate, and actions retried, failed and blocked by a missing transition. */
@ApplicationScoped
public class TicketMetrics {

    private final MeterRegistry registry;
    // Parts per million: a gauge reads a number; the share is refreshed by a periodic query.
    private final AtomicLong autoclosePpm = new AtomicLong(1_000_000);

    public TicketMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("debug.ticket.autoclose_rate", autoclosePpm, v -> v.get() / 1_000_000.0);
        // Registered at zero so that dashboards show the series before the first failure.
        for (String provider : new String[] {"local", "jira", "github", "webhook", "slack", "notify-webhook"}) {
            retried(provider, "none");
            counter("debug.ticket.action.failed_total", provider, "none");
        }
        counter("debug.ticket.transition.missing_total", "jira", "none");
    }

    public void autocloseRate(double share) {
        autoclosePpm.set(Math.round(share * 1_000_000));
    }

    /** An action that will be tried again; {@code reason} is the failure kind (rate_limited, uncertain, circuit_open, ...). */
    public void retried(String provider, String reason) {
        counter("debug.ticket.action.retried_total", provider, reason).increment();
    }

    /** An action given up on (the tracker refused for good). */
    public void failed(String provider, String reason) {
        counter("debug.ticket.action.failed_total", provider, reason).increment();
    }

    public void missingTransition(String provider) {
        counter("debug.ticket.transition.missing_total", provider, "none").increment();
    }

    private Counter counter(String name, String provider, String reason) {
        return Counter.builder(name).tag("provider", provider).tag("reason", reason).register(registry);
    }
}
