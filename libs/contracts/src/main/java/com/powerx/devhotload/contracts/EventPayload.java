package com.powerx.devhotload.contracts;

/** Marker for the {@code data} records of the events in CONTRACT.md §9; every implementation is a record. */
public interface EventPayload {

    /**
     * Checks this payload against its contract (required fields, closed value sets), naming the event type and the
     * offending field in the {@link InvalidEventException}. Validation runs on the JSON form so that a payload is
     * judged exactly as a consumer will read it.
     */
    default void validate(String eventType) {
        PayloadValidator.validate(eventType, getClass(), EventCodec.toNode(this));
    }
}
