package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.payload.TicketEvent;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.ticket.domain.Ticket;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The single exit of {@code plugin.debug.ticket.*} events: appended to the outbox on the transaction of the change. */
final class TicketEvents {

    private TicketEvents() {
    }

    /** {@code ticket} as it is after the change. */
    static Uni<Void> emit(SqlClient tx, String type, Ticket ticket) {
        TicketEvent payload = new TicketEvent(ticket.ticketId().toString(), ticket.provider(), ticket.trackerKey(), ticket.url(),
                ticket.fingerprint(), ticket.state().wire(), ticket.reportIds(), ticket.pluginId());
        // Keyed by the session of the last occurrence (CONTRACT §9 keys by session), else by the ticket.
        CloudEvent event = CloudEvent.create(EventSources.TICKET_BRIDGE, type, ticket.ticketId().toString(), ticket.tenantId(),
                ticket.pluginId(), ticket.lastSessionId(), payload);
        return Outbox.append(tx, event);
    }
}
