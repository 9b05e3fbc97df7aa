package com.powerx.devhotload.ticket.domain;

/** What a queued action does: a tracker operation on a ticket, an alert notification, or a re-read of the tracker. */
public enum ActionKind {
    CREATE, COMMENT, CLOSE, REOPEN, NOTIFY, SYNC;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ActionKind fromWire(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
