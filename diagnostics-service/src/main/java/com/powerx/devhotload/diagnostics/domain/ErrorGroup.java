package com.powerx.devhotload.diagnostics.domain;

import com.powerx.devhotload.diagnostics.domain.fingerprint.Fingerprint;

import java.time.Instant;

/** The occurrences of one failure in a report's window: same fingerprint, counted, first and last seen. */
public record ErrorGroup(Fingerprint fingerprint, String origin, String message, String stack, int count, Instant firstSeen,
                         Instant lastSeen) {

    ErrorGroup seenAgain(Instant at, String latestMessage, String latestStack) {
        return new ErrorGroup(fingerprint, origin, latestMessage, latestStack, count + 1,
                at.isBefore(firstSeen) ? at : firstSeen, at.isAfter(lastSeen) ? at : lastSeen);
    }
}
