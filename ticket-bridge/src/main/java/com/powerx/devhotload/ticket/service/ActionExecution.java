package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.ActionKind;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.domain.TicketAction;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import com.powerx.devhotload.ticket.provider.Notifiers;
import com.powerx.devhotload.ticket.provider.Tracker;
import com.powerx.devhotload.ticket.provider.TrackerFailure;
import com.powerx.devhotload.ticket.provider.TrackerIssue;
import com.powerx.devhotload.ticket.provider.TrackerRequest;
import com.powerx.devhotload.ticket.provider.Trackers;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Performs one leased action against its tracker or channel (blocking, on an action worker thread) and records the
 * outcome: done (with the tracker link and event, {@link ActionOutcomes}), retried later with backoff, or failed.
 * A create is always preceded by a lookup, so a create whose answer was lost (timeout, 5xx) is linked, not repeated.
 */
@ApplicationScoped
public class ActionExecution {

    private static final Duration DB = Duration.ofSeconds(10);

    private final Pool pool;
    private final TicketRepository tickets;
    private final Trackers trackers;
    private final Notifiers notifiers;
    private final ActionOutcomes outcomes;
    private final ProviderCircuits circuits;
    private final TicketMetrics metrics;
    private final Backoff backoff;

    public ActionExecution(Pool pool, TicketRepository tickets, Trackers trackers, Notifiers notifiers, ActionOutcomes outcomes,
                           ProviderCircuits circuits, TicketMetrics metrics, TicketsConfig config) {
        this.pool = pool;
        this.tickets = tickets;
        this.trackers = trackers;
        this.notifiers = notifiers;
        this.outcomes = outcomes;
        this.circuits = circuits;
        this.metrics = metrics;
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap());
    }

    public void run(TicketAction action, String owner) {
        Duration wait = circuits.waitFor(action.target());
        if (!wait.isZero()) {
            metrics.retried(action.target(), "circuit_open");
            outcomes.retryLater(action, owner, wait, "circuit open for " + action.target());
            return;
        }
        try {
            perform(action, owner);
            circuits.succeeded(action.target());
        } catch (TrackerFailure f) {
            failed(action, owner, f);
        }
    }

    private void perform(TicketAction action, String owner) {
        if (action.kind() == ActionKind.NOTIFY) {
            notifiers.send(action.target(), action.body());
            outcomes.done(action, owner);
            return;
        }
        Ticket ticket = tickets.find(pool, action.ticketId()).await().atMost(DB);
        Tracker tracker = trackers.get(action.target());
        TrackerRequest request = new TrackerRequest(ticket, action.text(), action.reportId());
        switch (action.kind()) {
            case CREATE -> outcomes.created(action, owner, ticket.linked() ? null : findOrCreate(tracker, request));
            case SYNC -> outcomes.synced(action, owner, ticket, ticket.linked() ? tracker.read(request) : Optional.<TrackerStatus>empty());
            default -> {
                if (!ticket.linked()) {
                    throw new TrackerFailure(TrackerFailure.Kind.PERMANENT, "ticket has no tracker issue (its create failed)");
                }
                switch (action.kind()) {
                    case COMMENT -> tracker.comment(request);
                    case CLOSE -> tracker.close(request);
                    case REOPEN -> tracker.reopen(request);
                    default -> throw new IllegalStateException("unexpected action " + action.kind());
                }
                outcomes.done(action, owner);
            }
        }
    }

    private static TrackerIssue findOrCreate(Tracker tracker, TrackerRequest request) {
        return tracker.find(request).orElseGet(() -> tracker.create(request));
    }

    private void failed(TicketAction action, String owner, TrackerFailure f) {
        String provider = action.target();
        switch (f.kind()) {
            case PERMANENT -> {
                metrics.failed(provider, "refused");
                Log.errorf("ticket action %s (%s %s) failed for good: %s", action.actionId(), action.kind().wire(), provider, f.getMessage());
                outcomes.failed(action, owner, f.getMessage());
            }
            case MISSING_TRANSITION -> {
                // Visible (error log, metric, last_error on the row) and retried slowly: a workflow fix makes it pass.
                metrics.missingTransition(provider);
                Log.errorf("ticket action %s: %s", action.actionId(), f.getMessage());
                outcomes.retryLater(action, owner, backoff.after(Math.max(action.attempts(), 10), null), f.getMessage());
            }
            case RATE_LIMITED -> {
                circuits.rateLimited(provider, f.retryAfter());
                metrics.retried(provider, "rate_limited");
                outcomes.retryLater(action, owner, backoff.after(action.attempts(), f.retryAfter()), f.getMessage());
            }
            case UNCERTAIN -> {
                circuits.failed(provider);
                metrics.retried(provider, "uncertain");
                Log.warnf("ticket action %s (%s %s) will be retried: %s", action.actionId(), action.kind().wire(), provider, f.getMessage());
                outcomes.retryLater(action, owner, backoff.after(action.attempts(), f.retryAfter()), f.getMessage());
            }
        }
    }
}
