package com.powerx.devhotload.contracts.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of a reload in the sandbox (CONTRACT.md §3 {@code outcome.result}, §4 reload attempts). */
public enum ReloadResult implements WireValue {
    RELOADED("reloaded"),
    ROLLED_BACK("rolled-back"),
    FAILED("failed"),
    SUPERSEDED("superseded");

    private final String wire;

    ReloadResult(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ReloadResult from(String wire) {
        return WireValue.parse(ReloadResult.class, wire);
    }
}
