package com.powerx.devhotload.platform.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The middle of every consumer: transport ({@code @Incoming} method) → idempotent handler → service. A handler
 * applies one decoded event on the transaction {@link IdempotentConsumer} opened, which also records the event id,
 * so the effect and the "seen" mark commit together and a redelivery changes nothing.
 */
public interface EventHandler {

    /** The name the event ids are recorded under; unique per consuming purpose, stable across releases. */
    String consumerName();

    /** Applies the event's effect on {@code tx}; called at most once per event id. */
    Uni<Void> handle(SqlClient tx, CloudEvent event);
}
