package com.powerx.devhotload.ticket.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a recurrence reopens a ticket whose fix was verified: on that build or a later one, judged without clocks. */
class BuildMarkTest {

    private final BuildMark verified = new BuildMark("s1", 5L, "sha256:b5");

    @Test
    void aLaterOrEqualReloadOfTheSessionReopens() {
        assertThat(new BuildMark("s1", 6L, "sha256:b6").atOrAfter(verified)).isTrue();
        assertThat(new BuildMark("s1", 5L, "sha256:b5").atOrAfter(verified)).isTrue();
    }

    @Test
    void anOlderReloadOfTheSessionDoesNot() {
        assertThat(new BuildMark("s1", 4L, "sha256:b4").atOrAfter(verified)).isFalse();
    }

    @Test
    void theVerifiedBuildItselfReopensInAnySession() {
        assertThat(new BuildMark("s2", 1L, "sha256:b5").atOrAfter(verified)).isTrue();
    }

    @Test
    void whatCannotBeOrderedCounts() {
        assertThat(new BuildMark("s2", 1L, "sha256:x").atOrAfter(verified)).isTrue();
        assertThat(BuildMark.UNKNOWN.atOrAfter(verified)).isTrue();
        assertThat(new BuildMark("s1", 1L, null).atOrAfter(BuildMark.UNKNOWN)).isTrue();
    }
}
