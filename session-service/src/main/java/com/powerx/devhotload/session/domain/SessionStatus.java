package com.powerx.devhotload.session.domain;

/** The life of a session as the Dev API reports it. */
public final class SessionStatus {
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String TERMINATED = "terminated";
    public static final String EXPIRED = "expired";

    private SessionStatus() {
    }

    public static boolean isLive(String status) {
        return PENDING.equals(status) || ACTIVE.equals(status);
    }
}
