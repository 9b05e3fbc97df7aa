package com.powerx.devhotload.contracts.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The life of a development session as the Dev API reports it (CONTRACT.md §3). */
public enum SessionStatus implements WireValue {
    PENDING("pending"),
    ACTIVE("active"),
    TERMINATED("terminated"),
    EXPIRED("expired");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Pending or active: the session can still be reloaded. */
    public boolean isLive() {
        return this == PENDING || this == ACTIVE;
    }

    @JsonCreator
    public static SessionStatus from(String wire) {
        return WireValue.parse(SessionStatus.class, wire);
    }
}
