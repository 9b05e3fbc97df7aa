package com.powerx.devhotload.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One ticket per (tenant, fingerprint, provider), with its tracker link once created. */
public record Ticket(UUID ticketId, String tenantId, String pluginId, String fingerprint, String provider, String title,
                     String assignee, String trackerId, String trackerKey, String url, TicketState state, String closedBy,
                     Boolean closedAsFixed, List<String> reportIds, int occurrences, BuildMark lastBuild, BuildMark verifiedBuild,
                     String lastSessionId, Instant createdAt, Instant closedAt, Instant reopenedAt) {

    public boolean isOpen() {
        return state == TicketState.OPEN;
    }

    /** Whether the tracker issue exists (its create action completed). */
    public boolean linked() {
        return trackerId != null;
    }
}
