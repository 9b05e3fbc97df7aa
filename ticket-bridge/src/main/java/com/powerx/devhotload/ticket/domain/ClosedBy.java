package com.powerx.devhotload.ticket.domain;

/** Who closed a ticket; only {@link #REGRESSION} counts towards the autoclose rate. */
public enum ClosedBy {
    REGRESSION, TRACKER, MANUAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
