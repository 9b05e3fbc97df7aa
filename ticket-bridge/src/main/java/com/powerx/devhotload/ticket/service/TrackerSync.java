package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.ticket.domain.BuildMark;
import com.powerx.devhotload.ticket.domain.ClosedBy;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A state change made in the tracker (webhook or reconciliation), applied to our ticket. A close there is a close by
 * {@code tracker}: it stays closed until a new occurrence, and counts as fixed only for a fix-like state. Nothing is
 * sent back to the tracker, so there is no close/reopen ping-pong.
 */
@ApplicationScoped
public class TrackerSync {

    private final TicketRepository tickets;
    private final TicketRules rules;

    public TrackerSync(TicketRepository tickets, TicketRules rules) {
        this.tickets = tickets;
        this.rules = rules;
    }

    /** True when our ticket changed; false when it already had that state (e.g. the echo of our own transition). */
    public Uni<Boolean> apply(SqlClient tx, Ticket t, TrackerStatus status) {
        if (status.closed() && t.isOpen()) {
            return tickets.closed(tx, t.ticketId(), ClosedBy.TRACKER, status == TrackerStatus.CLOSED_FIXED, BuildMark.UNKNOWN, null)
                    .flatMap(v -> rules.emit(tx, EventTypes.TICKET_CLOSED, t.ticketId())).replaceWith(true);
        }
        if (!status.closed() && !t.isOpen()) {
            return tickets.reopened(tx, t.ticketId()).flatMap(v -> rules.emit(tx, EventTypes.TICKET_REOPENED, t.ticketId())).replaceWith(true);
        }
        return Uni.createFrom().item(false);
    }
}
