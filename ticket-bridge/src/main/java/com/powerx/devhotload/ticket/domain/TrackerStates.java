package com.powerx.devhotload.ticket.domain;

import java.util.Locale;
import java.util.Set;

/**
 * A *set* of tracker states maps to each category (the peers' mistake: one "resolved" state). A fix-like state or
 * resolution (Done, Fixed, Resolved, GitHub's {@code completed}) is fixed; Cancelled, Duplicate, Won't Do, Declined,
 * GitHub's {@code not_planned} / {@code duplicate} are closed but not fixed. A done-category state of another name
 * is closed, not fixed: only a state that says "fixed" counts as resolved.
 */
public final class TrackerStates {

    public static final Set<String> FIXED = Set.of("done", "fixed", "resolved", "completed", "closed as fixed");
    public static final Set<String> NOT_FIXED = Set.of("cancelled", "canceled", "duplicate", "won't do", "won't fix", "wont do",
            "wontfix", "declined", "not_planned", "not planned", "rejected", "invalid");

    private TrackerStates() {
    }

    /** Jira: the status category decides open/closed, the resolution (else the status name) fixed or not. */
    public static TrackerStatus jira(String statusName, String categoryKey, String resolution) {
        if (!"done".equalsIgnoreCase(categoryKey)) {
            return TrackerStatus.OPEN;
        }
        String deciding = resolution != null && !resolution.isBlank() ? resolution : statusName;
        return isFixed(deciding) ? TrackerStatus.CLOSED_FIXED : TrackerStatus.CLOSED_NOT_FIXED;
    }

    /** GitHub: {@code state} open|closed, {@code state_reason} completed | not_planned | duplicate | reopened | null. */
    public static TrackerStatus github(String state, String stateReason) {
        if (!"closed".equalsIgnoreCase(state)) {
            return TrackerStatus.OPEN;
        }
        return stateReason == null || isFixed(stateReason) ? TrackerStatus.CLOSED_FIXED : TrackerStatus.CLOSED_NOT_FIXED;
    }

    public static boolean isFixed(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return FIXED.contains(n) && !NOT_FIXED.contains(n);
    }

    public static boolean isNotFixed(String name) {
        return name != null && NOT_FIXED.contains(name.trim().toLowerCase(Locale.ROOT));
    }
}
