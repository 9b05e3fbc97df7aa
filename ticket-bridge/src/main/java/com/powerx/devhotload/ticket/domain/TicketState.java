package com.powerx.devhotload.ticket.domain;

/** A ticket as the bridge sees it: open, or closed (by a passed regression, in the tracker, or by hand through the API). */
public enum TicketState {
    OPEN, CLOSED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TicketState fromWire(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
