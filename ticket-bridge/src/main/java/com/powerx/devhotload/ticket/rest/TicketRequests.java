package com.powerx.devhotload.ticket.rest;

/** Wire bodies of the ticket API (CONTRACT.md §8); unknown fields are ignored. */
public final class TicketRequests {

    private TicketRequests() {
    }

    /** {@code POST /internal/ticket/create}: the manual hand-off of a report. */
    public record Create(String reportId) {
    }

    /** {@code POST /internal/ticket/update}: a comment, a state (open|closed), or both. */
    public record Update(String ticketId, String comment, String state) {
    }

    /** {@code POST /internal/ticket/reconcile}: all linked tickets of the tenant, or one plugin's. */
    public record Reconcile(String pluginId) {
    }
}
