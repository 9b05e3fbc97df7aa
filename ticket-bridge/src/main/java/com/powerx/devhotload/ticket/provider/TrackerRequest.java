package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.domain.Ticket;

/** One tracker operation's input: the ticket, the text to post (description or comment) and the report it is about. */
public record TrackerRequest(Ticket ticket, String text, String reportId) {

    public TrackerIssue issue() {
        return new TrackerIssue(ticket.trackerId(), ticket.trackerKey(), ticket.url());
    }
}
