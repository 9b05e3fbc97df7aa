package com.powerx.devhotload.ticket.domain;

/**
 * The code a failure happened on, or a fix was verified on: a session's reload sequence and the bundle's build hash
 * (either may be unknown). Builds are ordered by reload sequence within one session; across sessions only an equal
 * build hash is known to be "the same build". Wall clocks are never used: a late report says nothing about its build.
 */
public record BuildMark(String sessionId, Long sequence, String buildHash) {

    public static final BuildMark UNKNOWN = new BuildMark(null, null, null);

    /**
     * Whether a failure on this build shows that the fix verified on {@code verified} does not hold: it happened on
     * that build or a later one. When the order cannot be told (unknown fields, another session, another build) it
     * counts: a recurrence is never swallowed on a guess; only a provably older build is.
     */
    public boolean atOrAfter(BuildMark verified) {
        if (verified == null || verified.isUnknown() || isUnknown()) {
            return true;
        }
        if (buildHash != null && buildHash.equals(verified.buildHash)) {
            return true;
        }
        if (sessionId != null && sessionId.equals(verified.sessionId) && sequence != null && verified.sequence != null) {
            return sequence >= verified.sequence;
        }
        return true;
    }

    public boolean isUnknown() {
        return sequence == null && buildHash == null;
    }
}
