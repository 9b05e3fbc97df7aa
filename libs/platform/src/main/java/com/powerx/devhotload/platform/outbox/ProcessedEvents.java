package com.powerx.devhotload.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The idempotent-consumer half of exactly-once effects: record an event id on the same transaction as the effect,
 * and apply the effect only when the id was new. A redelivered event then changes nothing.
 */
public final class ProcessedEvents {

    private static final String MARK =
            "INSERT INTO px_processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

    private ProcessedEvents() {
    }

    /** True the first time {@code consumer} sees {@code eventId}; false for a duplicate. */
    public static Uni<Boolean> firstDelivery(SqlClient tx, String consumer, String eventId) {
        return tx.preparedQuery(MARK).execute(Tuple.of(consumer, eventId)).map(rows -> rows.rowCount() == 1);
    }

    /** Runs {@code effect} on {@code tx} only for the first delivery of {@code eventId}; emits whether it ran. */
    public static Uni<Boolean> once(SqlClient tx, String consumer, String eventId, java.util.function.Supplier<Uni<Void>> effect) {
        return firstDelivery(tx, consumer, eventId)
                .flatMap(first -> first ? effect.get().replaceWith(true) : Uni.createFrom().item(false));
    }

    /** Forgets ids older than the retention; the broker never redelivers that far back. */
    public static Uni<Integer> purgeOlderThanDays(SqlClient client, int days) {
        return client.preparedQuery("DELETE FROM px_processed_event WHERE processed_at < now() - make_interval(days => $1)")
                .execute(Tuple.of(days)).map(rows -> rows.rowCount());
    }
}
