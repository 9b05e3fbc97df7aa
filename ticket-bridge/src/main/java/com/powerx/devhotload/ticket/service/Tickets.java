package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.ActionKind;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.repository.ReportRepository;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The ticket API's operations for an admin of its own tenant (CONTRACT.md §8): another tenant's ticket or report is
 * answered exactly like one that does not exist. Manual paths follow the same rules and dedupe as events.
 */
@ApplicationScoped
public class Tickets {

    private final TransactionalOutbox outbox;
    private final TicketRepository tickets;
    private final ReportRepository reports;
    private final TicketRules rules;
    private final ActionQueue queue;
    private final boolean enabled;

    public Tickets(TransactionalOutbox outbox, TicketRepository tickets, ReportRepository reports, TicketRules rules, ActionQueue queue,
                   TicketsConfig config) {
        this.outbox = outbox;
        this.tickets = tickets;
        this.reports = reports;
        this.rules = rules;
        this.queue = queue;
        this.enabled = config.enabled();
    }

    public Uni<List<Ticket>> list(Caller caller, String pluginId, String state) {
        return tickets.list(outbox.pool(), tenant(caller), pluginId, state, 500);
    }

    public Uni<Ticket> get(Caller caller, UUID id) {
        String tenant = tenant(caller);
        return tickets.find(outbox.pool(), id).map(t -> visible(t, tenant));
    }

    public Uni<Ticket> create(Caller caller, String reportId) {
        String tenant = tenant(caller);
        requireEnabled();
        return outbox.inTransaction(tx -> reports.find(tx, tenant, reportId).flatMap(report -> {
            if (report == null) {
                throw ApiException.notFound("report " + reportId);
            }
            return rules.occurrence(tx, report).flatMap(id -> tickets.find(tx, id));
        })).invoke(queue::committed);
    }

    public Uni<Ticket> update(Caller caller, UUID id, String comment, String state) {
        String tenant = tenant(caller);
        requireEnabled();
        return outbox.inTransaction(tx -> tickets.lock(tx, id).map(t -> visible(t, tenant))
                .flatMap(t -> rules.manual(tx, t, comment, state).flatMap(v -> tickets.find(tx, id)))).invoke(queue::committed);
    }

    /** Queues a re-read of every linked ticket of the tenant (or one plugin); emits how many. */
    public Uni<Integer> reconcile(Caller caller, String pluginId) {
        String tenant = tenant(caller);
        requireEnabled();
        return outbox.inTransaction(tx -> tickets.linkedOf(tx, tenant, pluginId).flatMap(list -> TicketRules.each(list, t ->
                queue.ticket(tx, "sync:" + t.ticketId() + ":" + UUID.randomUUID(), t.tenantId(), t.ticketId(), ActionKind.SYNC, t.provider(),
                        null, null)).replaceWith(list.size()))).invoke(queue::committed);
    }

    private static Ticket visible(Ticket t, String tenant) {
        if (t == null || !t.tenantId().equals(tenant)) {
            throw ApiException.notFound("ticket");
        }
        return t;
    }

    private static String tenant(Caller caller) {
        caller.require(Permissions.ADMIN_MANAGE);
        return caller.tenantId();
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new ApiException(ErrorCode.DEV_FEATURE_DISABLED, "feature_disabled", "tickets are off (PX_DEBUG_TICKET_BRIDGE=false)");
        }
    }
}
