package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.domain.TicketAction;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import com.powerx.devhotload.ticket.provider.TrackerIssue;
import com.powerx.devhotload.ticket.repository.ActionRepository;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * The end of an action, each in one transaction fenced by the lease: a worker that lost its row to another instance
 * records nothing. A completed create links the ticket and publishes {@code plugin.debug.ticket.created}.
 */
@ApplicationScoped
public class ActionOutcomes {

    private static final Duration DB = Duration.ofSeconds(10);

    private final TransactionalOutbox outbox;
    private final ActionRepository actions;
    private final TicketRepository tickets;
    private final TrackerSync sync;

    public ActionOutcomes(TransactionalOutbox outbox, ActionRepository actions, TicketRepository tickets, TrackerSync sync) {
        this.outbox = outbox;
        this.actions = actions;
        this.tickets = tickets;
        this.sync = sync;
    }

    public void done(TicketAction a, String owner) {
        outbox.inTransaction(tx -> actions.done(tx, a.actionId(), owner)).await().atMost(DB);
    }

    /** {@code issue} null: the ticket was linked already (a repeated create). */
    public void created(TicketAction a, String owner, TrackerIssue issue) {
        outbox.inTransaction(tx -> actions.done(tx, a.actionId(), owner).flatMap(held -> held && issue != null
                ? tickets.linked(tx, a.ticketId(), issue.id(), issue.key(), issue.url())
                        .flatMap(t -> TicketEvents.emit(tx, EventTypes.TICKET_CREATED, t))
                : Uni.createFrom().voidItem())).await().atMost(DB);
    }

    /** Reconciliation read the tracker: drift is applied like a tracker webhook, unless one of our transitions is on its way. */
    public void synced(TicketAction a, String owner, Ticket ticket, Optional<TrackerStatus> status) {
        outbox.inTransaction(tx -> actions.done(tx, a.actionId(), owner).flatMap(held -> held && status.isPresent()
                ? actions.transitionPending(tx, ticket.ticketId()).flatMap(pending -> pending
                        ? Uni.createFrom().voidItem()
                        : tickets.lock(tx, ticket.ticketId()).flatMap(t -> sync.apply(tx, t, status.get())).replaceWithVoid())
                : Uni.createFrom().voidItem())).await().atMost(DB);
    }

    public void retryLater(TicketAction a, String owner, Duration delay, String error) {
        actions.retryLater(outbox.pool(), a.actionId(), owner, delay, error).await().atMost(DB);
    }

    public void failed(TicketAction a, String owner, String error) {
        actions.failed(outbox.pool(), a.actionId(), owner, error).await().atMost(DB);
    }
}
