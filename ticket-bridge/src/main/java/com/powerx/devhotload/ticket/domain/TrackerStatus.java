package com.powerx.devhotload.ticket.domain;

/**
 * A tracker issue's state reduced to what the bridge acts on. Trackers have many states; a set of them maps to each
 * category (docs/ticket-bridge.md), so "Won't Do" is closed but never counted as fixed.
 */
public enum TrackerStatus {
    OPEN, CLOSED_FIXED, CLOSED_NOT_FIXED;

    public boolean closed() {
        return this != OPEN;
    }
}
