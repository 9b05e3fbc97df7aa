package com.powerx.devhotload.ticket.provider;

import java.time.Duration;

/**
 * A tracker or receiver call that did not succeed, classified for the worker. Messages name the operation and the
 * status only: never a credential, never the tracker's body (it may echo our headers).
 */
public final class TrackerFailure extends RuntimeException {

    /** How the worker treats it. */
    public enum Kind {
        /** Rate limited (429, 403 secondary limit): retry after {@link #retryAfter()} when the tracker said so. */
        RATE_LIMITED,
        /** Timeout, connection failure, 5xx: the call may have taken effect; look up before creating again. */
        UNCERTAIN,
        /** The tracker refused for good (4xx): retrying cannot help. */
        PERMANENT,
        /** The issue has no transition to the wanted state: a configuration problem, made visible and retried slowly. */
        MISSING_TRANSITION
    }

    private final Kind kind;
    private final Duration retryAfter;

    public TrackerFailure(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public TrackerFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The wait the tracker asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
