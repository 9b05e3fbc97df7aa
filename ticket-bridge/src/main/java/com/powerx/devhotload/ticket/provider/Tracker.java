package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.domain.TrackerStatus;

import java.util.Optional;

/**
 * One issue tracker behind the bridge (CONTRACT.md §8: local, jira, github, webhook). Calls are blocking and run on the
 * action workers; a failure is a {@link TrackerFailure}. Every operation may be repeated after an uncertain outcome,
 * so each is either idempotent in the tracker or preceded by {@link #find} (create).
 */
public interface Tracker {

    /** The provider name in routes and on tickets. */
    String name();

    /** The issue already made for this ticket (by its fingerprint label), if the tracker can tell; the dedupe before any create. */
    Optional<TrackerIssue> find(TrackerRequest request);

    TrackerIssue create(TrackerRequest request);

    void comment(TrackerRequest request);

    /** Closes as fixed, with the request's text as the closing comment. */
    void close(TrackerRequest request);

    /** Reopens, with the request's text as the comment saying why. */
    void reopen(TrackerRequest request);

    /** The issue's state now (reconciliation); empty when the tracker cannot be read (the webhook provider). */
    Optional<TrackerStatus> read(TrackerRequest request);
}
