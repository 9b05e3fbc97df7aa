package com.powerx.devhotload.ticket.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A set of tracker states per category: only fix-like states count as fixed. */
class TrackerStatesTest {

    @Test
    void jiraDoneCategoryIsFixedOnlyForFixLikeNames() {
        assertThat(TrackerStates.jira("Done", "done", null)).isEqualTo(TrackerStatus.CLOSED_FIXED);
        assertThat(TrackerStates.jira("Closed", "done", "Fixed")).isEqualTo(TrackerStatus.CLOSED_FIXED);
        assertThat(TrackerStates.jira("Resolved", "done", null)).isEqualTo(TrackerStatus.CLOSED_FIXED);
        assertThat(TrackerStates.jira("Closed", "done", "Won't Do")).isEqualTo(TrackerStatus.CLOSED_NOT_FIXED);
        assertThat(TrackerStates.jira("Cancelled", "done", null)).isEqualTo(TrackerStatus.CLOSED_NOT_FIXED);
        assertThat(TrackerStates.jira("Duplicate", "done", null)).isEqualTo(TrackerStatus.CLOSED_NOT_FIXED);
        assertThat(TrackerStates.jira("In Progress", "indeterminate", null)).isEqualTo(TrackerStatus.OPEN);
    }

    @Test
    void githubStateReasons() {
        assertThat(TrackerStates.github("closed", "completed")).isEqualTo(TrackerStatus.CLOSED_FIXED);
        assertThat(TrackerStates.github("closed", "not_planned")).isEqualTo(TrackerStatus.CLOSED_NOT_FIXED);
        assertThat(TrackerStates.github("closed", "duplicate")).isEqualTo(TrackerStatus.CLOSED_NOT_FIXED);
        assertThat(TrackerStates.github("open", "reopened")).isEqualTo(TrackerStatus.OPEN);
    }
}
