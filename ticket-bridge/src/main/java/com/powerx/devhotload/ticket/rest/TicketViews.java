package com.powerx.devhotload.ticket.rest;

import com.powerx.devhotload.ticket.domain.Ticket;

import java.time.Instant;
import java.util.List;

/** Answers of the ticket API. */
public final class TicketViews {

    private TicketViews() {
    }

    /** A ticket as CONTRACT.md §8 lists it, plus the plugin, title, assignee and who closed it. */
    public record View(String ticketId, String provider, String key, String url, String fingerprint, String state, List<String> reportIds,
                       int occurrences, Instant createdAt, Instant closedAt, Instant reopenedAt, String pluginId, String title,
                       String assignee, String closedBy) {

        public static View of(Ticket t) {
            return new View(t.ticketId().toString(), t.provider(), t.trackerKey(), t.url(), t.fingerprint(), t.state().wire(), t.reportIds(),
                    t.occurrences(), t.createdAt(), t.closedAt(), t.reopenedAt(), t.pluginId(), t.title(), t.assignee(), t.closedBy());
        }
    }

    public record Items(List<View> items) {
    }

    public record Reconciling(int tickets) {
    }
}
