package com.powerx.devhotload.ticket.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter ("equal jitter": half fixed, half random), so that many actions failed by one
 * outage do not retry in step. A tracker's own {@code Retry-After} wins when it asks for longer.
 */
final class Backoff {

    private final Duration base;
    private final Duration cap;

    Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** The wait before try number {@code attempts + 1}. */
    Duration after(int attempts, Duration retryAfter) {
        long exp = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(cap.toMillis(), exp);
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration wait = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
