package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.session.domain.Session;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Appends a session's lifecycle event to the outbox on the caller's transaction. */
final class SessionEvents {

    private SessionEvents() {
    }

    static Uni<Void> emit(SqlClient tx, Session session, String type, EventPayload payload) {
        CloudEvent event = CloudEvent.create(EventSources.SESSION_SERVICE, type, session.id().toString(),
                session.tenantId(), session.pluginId(), session.id().toString(), payload);
        return Outbox.append(tx, event);
    }
}
