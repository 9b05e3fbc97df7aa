package com.powerx.devhotload.telemetry.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.telemetry.repository.ProcessedEvents;
import com.powerx.devhotload.telemetry.repository.RedisStore;
import com.powerx.devhotload.telemetry.service.Effects;
import com.powerx.devhotload.telemetry.service.EventRouter;
import com.powerx.devhotload.telemetry.service.RuleClock;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's consumer shape (libs/platform {@code IdempotentConsumer}) over Redis instead of PostgreSQL: a record
 * that breaks the contract is logged and skipped; otherwise the event's effects and its "seen" mark are committed in
 * one MULTI/EXEC, so a redelivery changes nothing; Redis or broker failures are retried with backoff until they
 * succeed, and only then does the caller return (and the record get acknowledged).
 */
@ApplicationScoped
public class RedisIdempotentConsumer {

    private static final long FIRST_RETRY_MS = 100;
    private static final long MAX_RETRY_MS = 5_000;

    private final ProcessedEvents processed;
    private final RedisStore redis;
    private final EventRouter router;
    private final RuleClock clock;

    public RedisIdempotentConsumer(ProcessedEvents processed, RedisStore redis, EventRouter router, RuleClock clock) {
        this.processed = processed;
        this.redis = redis;
        this.router = router;
        this.clock = clock;
    }

    /** True when this delivery applied the event; false for a duplicate or a skipped malformed record. */
    public boolean consume(byte[] record) {
        CloudEvent event = decode(record);
        if (event == null) {
            return false;
        }
        long backoff = FIRST_RETRY_MS;
        while (true) {
            try {
                return clock.exclusively(() -> applyOnce(event));
            } catch (InvalidEventException | IllegalArgumentException e) {
                Log.warnf("telemetry-ingest: skipping event %s: %s", event.id(), e.getMessage());
                return false;
            } catch (RuntimeException e) {
                Log.warnf("telemetry-ingest: event %s not applied yet (%s), retrying in %d ms", event.id(), e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_RETRY_MS);
            }
        }
    }

    private boolean applyOnce(CloudEvent event) {
        if (processed.seen(event.id())) {
            return false;
        }
        Effects fx = new Effects();
        router.apply(event, fx);
        fx.write(processed.mark(event.id()));
        redis.commit(fx.writes());
        fx.committed();
        return true;
    }

    private static CloudEvent decode(byte[] record) {
        try {
            CloudEvent event = EventCodec.decode(record);
            EventCodec.payload(event);
            return event;
        } catch (InvalidEventException | IllegalArgumentException e) {
            Log.warnf("telemetry-ingest: skipping malformed event: %s", e.getMessage());
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
