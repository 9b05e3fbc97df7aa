package com.powerx.devhotload.platform.outbox;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
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
            "INSERT INTO px_outbox (event_id, topic, partition_key, event_type, payload) VALUES ($1, $2, $3, $4, $5)";

    private Outbox() {
    }

    /** {@code tx} must be the connection of the transaction that makes the state change. */
    public static Uni<Void> append(SqlClient tx, CloudEvent event) {
        String topic = EventTypes.topicOf(event.type());
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(UUID.fromString(event.id()), topic, event.partitionKey(), event.type(),
                        Buffer.buffer(EventCodec.encode(event))))
                .replaceWithVoid();
    }
}
