package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.ticket.domain.ActionKind;
import com.powerx.devhotload.ticket.repository.ActionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Stores intents on the deciding transaction, and wakes the worker once they committed. */
@ApplicationScoped
public class ActionQueue {

    private final ActionRepository actions;
    private final ActionWorker worker;

    public ActionQueue(ActionRepository actions, ActionWorker worker) {
        this.actions = actions;
        this.worker = worker;
    }

    /** A ticket action; {@code key} names the intent so that deciding it again stores nothing new. */
    public Uni<Boolean> ticket(SqlClient tx, String key, String tenant, UUID ticketId, ActionKind kind, String provider, String text,
                               String reportId) {
        JsonObject body = new JsonObject().put("text", text);
        if (reportId != null) {
            body.put("reportId", reportId);
        }
        return actions.enqueue(tx, key, tenant, ticketId, kind, provider, body);
    }

    public Uni<Boolean> notification(SqlClient tx, String key, String tenant, String channel, JsonObject message) {
        return actions.enqueue(tx, key, tenant, null, ActionKind.NOTIFY, channel, message);
    }

    /** Called after the deciding transaction committed. */
    public void committed() {
        worker.nudge();
    }
}
