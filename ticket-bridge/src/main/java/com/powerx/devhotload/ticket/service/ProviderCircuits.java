package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.ticket.config.TicketsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per provider (or notification channel): after {@code circuitFailures} failures in a row its
 * actions wait {@code circuitOpen} without calling it; then one call is let through (half-open). A rate limit opens it
 * for the tracker's {@code Retry-After}, so the other queued actions honour it too.
 */
@ApplicationScoped
public class ProviderCircuits {

    private record State(int failures, Instant openUntil) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final int threshold;
    private final Duration openFor;

    public ProviderCircuits(TicketsConfig config) {
        this.threshold = config.circuitFailures();
        this.openFor = config.circuitOpen();
    }

    /** Zero when a call may go now, else how long to wait. */
    public Duration waitFor(String provider) {
        State s = states.get(provider);
        if (s == null || s.openUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), s.openUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void succeeded(String provider) {
        states.remove(provider);
    }

    public void failed(String provider) {
        states.compute(provider, (k, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            return new State(failures, failures >= threshold ? Instant.now().plus(openFor) : null);
        });
    }

    public void rateLimited(String provider, Duration retryAfter) {
        if (retryAfter != null) {
            states.compute(provider, (k, s) -> new State(s == null ? 0 : s.failures(), Instant.now().plus(retryAfter)));
        }
    }
}
