package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The default provider: the bridge's own store is the tracker, so every operation is the state change the bridge
 * already made; the key is derived from the ticket id and the link is this service's ticket API.
 */
@ApplicationScoped
public class LocalTracker implements Tracker {

    private final String baseUrl;

    public LocalTracker(TicketsConfig config) {
        this.baseUrl = config.publicUrl().replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Optional<TrackerIssue> find(TrackerRequest request) {
        return Optional.empty();
    }

    @Override
    public TrackerIssue create(TrackerRequest request) {
        String id = request.ticket().ticketId().toString();
        return new TrackerIssue(id, "PX-" + id.substring(0, 8).toUpperCase(java.util.Locale.ROOT), baseUrl + "/internal/ticket/tickets/" + id);
    }

    @Override
    public void comment(TrackerRequest request) {
    }

    @Override
    public void close(TrackerRequest request) {
    }

    @Override
    public void reopen(TrackerRequest request) {
    }

    @Override
    public Optional<TrackerStatus> read(TrackerRequest request) {
        return Optional.empty();
    }
}
