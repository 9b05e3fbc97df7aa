package com.powerx.devhotload.platform;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes outbox rows straight to the table (no service relay is nudged), for tests that drive a relay themselves. */
final class OutboxRows {

    private OutboxRows() {
    }

    /** Appends {@code count} events of {@code session} in one transaction; returns their event ids in order. */
    static List<String> append(Pool pool, String session, int count) {
        List<String> ids = new ArrayList<>();
        pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < count; i++) {
                CloudEvent e = CloudEvent.create("/platform-test", EventTypes.SESSION_UPDATED, session, "t1", "com.acme.p", session,
                        Map.of("sessionId", session, "status", "active", "n", i));
                ids.add(e.id());
                chain = chain.flatMap(v -> Outbox.append(tx, e));
            }
            return chain;
        }).await().indefinitely();
        return ids;
    }
}
