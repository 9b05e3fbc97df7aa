package com.powerx.devhotload.telemetry.domain;

/** An event of a batch that was not accepted, by its position in {@code events} (CONTRACT.md §6). */
public record RejectedEvent(int index, String reason) {

    public static RejectedEvent of(int index, Rejection rejection) {
        return new RejectedEvent(index, rejection.reason());
    }
}
