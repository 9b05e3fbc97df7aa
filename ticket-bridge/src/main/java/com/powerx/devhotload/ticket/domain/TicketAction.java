package com.powerx.devhotload.ticket.domain;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A claimed row of the action queue. {@code target} is the provider (ticket actions) or the channel (notifications);
 * {@code body} the action's text and facts, fixed when the intent was stored.
 */
public record TicketAction(UUID actionId, String idempotencyKey, String tenantId, UUID ticketId, ActionKind kind, String target,
                           JsonObject body, int attempts) {

    public String text() {
        return body.getString("text");
    }

    public String reportId() {
        return body.getString("reportId");
    }
}
