package com.powerx.devhotload.platform.outbox;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.platform.tracing.EventTraces;
import com.powerx.devhotload.platform.tracing.TransactionTraces;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.UUID;

/**
 * Appends events to the outbox table on the caller's transaction: the event exists exactly when the state change
 * that it describes was committed. {@link OutboxRelay} publishes it afterwards.
 */
public final class Outbox {

    private static final String INSERT =
            "INSERT INTO px_outbox (event_id, topic, partition_key, event_type, payload, traceparent) VALUES ($1, $2, $3, $4, $5, $6)";

    private Outbox() {
    }

    /**
     * {@code tx} must be the connection of the transaction that makes the state change. An event without a
     * traceparent takes the trace of the event this transaction handles ({@link TransactionTraces}), else the current
     * one; the row keeps it apart too, for the relay's Kafka header.
     */
    public static Uni<Void> append(SqlClient tx, CloudEvent event) {
        CloudEvent traced = traced(tx, event);
        String topic = EventTypes.topicOf(traced.type());
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(UUID.fromString(traced.id()), topic, traced.partitionKey(), traced.type(),
                        Buffer.buffer(EventCodec.encode(traced)), traced.traceparent()))
                .replaceWithVoid();
    }

    private static CloudEvent traced(SqlClient tx, CloudEvent event) {
        String cause = event.traceparent() == null ? TransactionTraces.of(tx) : null;
        return cause != null ? event.withTraceparent(cause) : EventTraces.stamp(event);
    }
}
