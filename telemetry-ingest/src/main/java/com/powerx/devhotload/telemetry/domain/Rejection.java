package com.powerx.devhotload.telemetry.domain;

/** Why one telemetry event of a batch was not accepted: the {@code reason} of {@code rejected[]} (CONTRACT.md §6). */
public enum Rejection {
    NOT_AN_OBJECT("bad_event"),
    MISSING_NAME("missing_name"),
    UNKNOWN_NAME("unknown_name"),
    BAD_TIMESTAMP("bad_timestamp"),
    TOO_OLD("too_old"),
    IN_FUTURE("in_future"),
    BAD_VALUE("bad_value"),
    BAD_ATTRIBUTES("bad_attributes"),
    UNKNOWN_SESSION("unknown_session");

    private final String reason;

    Rejection(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
