package com.powerx.devhotload.ticket.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Inbound webhook deliveries already applied; recorded on the transaction of their effect. */
@ApplicationScoped
public class DeliveryRepository {

    /** True the first time {@code deliveryId} of {@code provider} arrives; a tracker's redelivery is then a no-op. */
    public Uni<Boolean> first(SqlClient tx, String provider, String deliveryId) {
        return tx.preparedQuery("INSERT INTO webhook_delivery (provider, delivery_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(provider, deliveryId)).map(rows -> rows.rowCount() == 1);
    }
}
