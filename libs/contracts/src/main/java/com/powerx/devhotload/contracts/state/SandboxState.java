package com.powerx.devhotload.contracts.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A sandbox's state: the {@code sandbox.state} values of CONTRACT.md §3, shared by session-service and the orchestrator. */
public enum SandboxState implements WireValue {
    WAITING_FOR_FILES("waiting-for-files"),
    STARTING("starting"),
    READY("ready"),
    RELOADING("reloading"),
    FAILED("failed"),
    CRASHED("crashed"),
    STOPPED("stopped");

    private final String wire;

    SandboxState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SandboxState from(String wire) {
        return WireValue.parse(SandboxState.class, wire);
    }
}
