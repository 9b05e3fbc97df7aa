package com.powerx.devhotload.platform.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.platform.outbox.ProcessedEvents;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.tracing.EventTraces;
import com.powerx.devhotload.platform.tracing.Traceparent;
import com.powerx.devhotload.platform.tracing.TransactionTraces;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * The one consumer shape of the services (STYLE.md): an {@code @Incoming} method hands its raw record here and
 * returns the {@code Uni}, so the record is acknowledged only after the effect committed.
 * <ul>
 *   <li>A record that is not a valid CloudEvent of the contract is logged and skipped: no retry could apply it.</li>
 *   <li>Otherwise the event id is recorded and the handler run on one transaction ({@link ProcessedEvents#once}).</li>
 *   <li>Any other failure (database or broker away) is retried with backoff until it succeeds: nothing is lost.</li>
 *   <li>The handling is a span whose parent is the event's traceparent, and the events the handler appends carry
 *       that span's trace ({@link TransactionTraces}): one trace from the user's call through every event it causes.</li>
 * </ul>
 */
public final class IdempotentConsumer {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private IdempotentConsumer() {
    }

    /** Emits true when this delivery applied the event, false for a duplicate or a skipped malformed record. */
    public static Uni<Boolean> consume(TransactionalOutbox outbox, byte[] record, EventHandler handler) {
        CloudEvent event = decode(record, handler.consumerName());
        if (event == null) {
            return Uni.createFrom().item(false);
        }
        Span span = EventTraces.startHandling(handler.consumerName() + " " + event.type(), event);
        String trace = Traceparent.of(span.getSpanContext());
        return outbox.inTransaction(tx -> TransactionTraces.within(tx, trace,
                        () -> ProcessedEvents.once(tx, handler.consumerName(), event.id(), () -> handler.handle(tx, event))))
                .onFailure(IdempotentConsumer::transientFailure).retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely()
                .onFailure().invoke(e -> {
                    span.recordException(e);
                    Log.warnf("%s: skipping event %s: %s", handler.consumerName(), event.id(), e.getMessage());
                })
                .onFailure().recoverWithItem(false)
                .onTermination().invoke(span::end);
    }

    /** The event, or null (logged) when the record breaks the contract: bad envelope, unknown type, bad payload. */
    static CloudEvent decode(byte[] record, String consumer) {
        try {
            CloudEvent event = EventCodec.decode(record);
            EventCodec.payload(event); // the payload's contract, checked before anything is recorded
            return event;
        } catch (InvalidEventException | IllegalArgumentException e) {
            Log.warnf("%s: skipping malformed event: %s", consumer, e.getMessage());
            return null;
        }
    }

    /** A contract violation found while applying (a payload field the handler needed) is permanent; the rest is not. */
    private static boolean transientFailure(Throwable e) {
        return !(e instanceof InvalidEventException || e instanceof IllegalArgumentException);
    }
}
