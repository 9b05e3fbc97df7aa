package com.powerx.devhotload.contracts.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How session-service answered a reload request (CONTRACT.md §3 {@code data.status}). */
public enum ReloadStatus implements WireValue {
    ACCEPTED("accepted"),
    RECORDED("recorded"),
    WAITING_FOR_FILES("waiting-for-files");

    private final String wire;

    ReloadStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ReloadStatus from(String wire) {
        return WireValue.parse(ReloadStatus.class, wire);
    }
}
