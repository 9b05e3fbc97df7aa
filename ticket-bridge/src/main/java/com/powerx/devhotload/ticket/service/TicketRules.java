package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.ticket.domain.ActionKind;
import com.powerx.devhotload.ticket.domain.BuildMark;
import com.powerx.devhotload.ticket.domain.ClosedBy;
import com.powerx.devhotload.ticket.domain.ReportFacts;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.mapping.TicketTexts;
import com.powerx.devhotload.ticket.provider.Trackers;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The ticket rules (CONTRACT.md §8), applied on the caller's transaction: the ticket row changes, the tracker intent is
 * queued and the event appended together, so an acknowledged event has its effect stored and nothing runs twice.
 */
@ApplicationScoped
public class TicketRules {

    private final TicketRepository tickets;
    private final ActionQueue queue;
    private final Trackers trackers;

    public TicketRules(TicketRepository tickets, ActionQueue queue, Trackers trackers) {
        this.tickets = tickets;
        this.queue = queue;
        this.trackers = trackers;
    }

    /** A ready report: create, or comment an open ticket, or reopen a closed one; emits the ticket's id. */
    public Uni<UUID> occurrence(SqlClient tx, ReportFacts r) {
        String provider = trackers.providerFor(r.pluginId());
        return tickets.insertIfAbsent(tx, r, provider, trackers.ownerOf(r.pluginId()).orElse(null)).flatMap(created -> created != null
                ? queue.ticket(tx, "create:" + created, r.tenantId(), created, ActionKind.CREATE, provider, TicketTexts.description(r),
                        r.reportId()).replaceWith(created)
                // The unique key made a racing insert wait for the winner; the row is now there to lock.
                : tickets.lockByKey(tx, r.tenantId(), r.fingerprint(), provider).flatMap(t -> again(tx, t, r)));
    }

    private Uni<UUID> again(SqlClient tx, Ticket t, ReportFacts r) {
        if (t.reportIds().contains(r.reportId())) {
            return Uni.createFrom().item(t.ticketId()); // one report counts once (its event and a manual hand-off)
        }
        String key = ":" + t.ticketId() + ":report:" + r.reportId();
        Uni<Void> change;
        if (t.isOpen()) {
            change = tickets.occurred(tx, t.ticketId(), r.reportId(), r.build())
                    .flatMap(v -> queue.ticket(tx, "comment" + key, t.tenantId(), t.ticketId(), ActionKind.COMMENT, t.provider(),
                            TicketTexts.occurred(r, t.occurrences() + 1), r.reportId()))
                    .flatMap(v -> emit(tx, EventTypes.TICKET_UPDATED, t.ticketId()));
        } else if (r.build().atOrAfter(t.verifiedBuild())) {
            change = tickets.occurred(tx, t.ticketId(), r.reportId(), r.build()).flatMap(v -> tickets.reopened(tx, t.ticketId()))
                    .flatMap(v -> queue.ticket(tx, "reopen" + key, t.tenantId(), t.ticketId(), ActionKind.REOPEN, t.provider(),
                            TicketTexts.regressed(r), r.reportId()))
                    .flatMap(v -> emit(tx, EventTypes.TICKET_REOPENED, t.ticketId()));
        } else {
            change = tickets.occurred(tx, t.ticketId(), r.reportId(), r.build())
                    .flatMap(v -> queue.ticket(tx, "comment" + key, t.tenantId(), t.ticketId(), ActionKind.COMMENT, t.provider(),
                            TicketTexts.olderBuild(r), r.reportId()))
                    .flatMap(v -> emit(tx, EventTypes.TICKET_UPDATED, t.ticketId()));
        }
        return change.replaceWith(t.ticketId());
    }

    /** A regression result: passed closes the open tickets of the fingerprint; failed comments, and they stay as they are. */
    public Uni<Void> regression(SqlClient tx, String tenant, RegressionResult res) {
        return tickets.lockForRegression(tx, tenant, res.fingerprint(), res.reportId()).flatMap(list -> each(list, t -> res.passed()
                ? passed(tx, t, res)
                : queue.ticket(tx, "comment:" + t.ticketId() + ":run:" + res.runId(), t.tenantId(), t.ticketId(), ActionKind.COMMENT,
                        t.provider(), TicketTexts.failed(res), res.reportId()).flatMap(v -> emit(tx, EventTypes.TICKET_UPDATED, t.ticketId()))));
    }

    private Uni<Void> passed(SqlClient tx, Ticket t, RegressionResult res) {
        if (!t.isOpen()) {
            return Uni.createFrom().voidItem(); // closed already: by an earlier run, or by hand (which stays as it is)
        }
        BuildMark verified = new BuildMark(res.sessionId(), res.reloadSequence(), res.buildHash());
        return tickets.closed(tx, t.ticketId(), ClosedBy.REGRESSION, true, verified, res.runId())
                .flatMap(v -> queue.ticket(tx, "close:" + t.ticketId() + ":run:" + res.runId(), t.tenantId(), t.ticketId(), ActionKind.CLOSE,
                        t.provider(), TicketTexts.passed(res), res.reportId()))
                .flatMap(v -> emit(tx, EventTypes.TICKET_CLOSED, t.ticketId()));
    }

    /** A change by a person through the API: a comment, a close or a reopen (or a comment with either). */
    public Uni<Void> manual(SqlClient tx, Ticket t, String comment, String state) {
        String key = ":" + t.ticketId() + ":manual:" + UUID.randomUUID();
        if ("closed".equals(state) && t.isOpen()) {
            return tickets.closed(tx, t.ticketId(), ClosedBy.MANUAL, null, BuildMark.UNKNOWN, null)
                    .flatMap(v -> queue.ticket(tx, "close" + key, t.tenantId(), t.ticketId(), ActionKind.CLOSE, t.provider(),
                            comment == null ? "Closed by hand." : comment, null))
                    .flatMap(v -> emit(tx, EventTypes.TICKET_CLOSED, t.ticketId()));
        }
        if ("open".equals(state) && !t.isOpen()) {
            return tickets.reopened(tx, t.ticketId())
                    .flatMap(v -> queue.ticket(tx, "reopen" + key, t.tenantId(), t.ticketId(), ActionKind.REOPEN, t.provider(),
                            comment == null ? "Reopened by hand." : comment, null))
                    .flatMap(v -> emit(tx, EventTypes.TICKET_REOPENED, t.ticketId()));
        }
        if (comment == null) {
            return Uni.createFrom().voidItem();
        }
        return queue.ticket(tx, "comment" + key, t.tenantId(), t.ticketId(), ActionKind.COMMENT, t.provider(), comment, null)
                .flatMap(v -> emit(tx, EventTypes.TICKET_UPDATED, t.ticketId()));
    }

    Uni<Void> emit(SqlClient tx, String type, UUID ticketId) {
        return tickets.find(tx, ticketId).flatMap(t -> TicketEvents.emit(tx, type, t));
    }

    static Uni<Void> each(List<Ticket> list, java.util.function.Function<Ticket, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Ticket t : list) {
            chain = chain.flatMap(v -> step.apply(t)).replaceWithVoid();
        }
        return chain;
    }
}
