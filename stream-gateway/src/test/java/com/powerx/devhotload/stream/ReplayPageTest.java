package com.powerx.devhotload.stream;

import com.powerx.devhotload.stream.repository.ReplayPage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entry numbers tell a reader exactly whether what followed its cursor was trimmed. */
class ReplayPageTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long RETENTION_START = NOW - 86_400_000L;

    private static StreamEntry entry(long number) {
        return new StreamEntry(new StreamId(NOW, number), "dev.session.log", null, null, 0, "{}");
    }

    @Test
    void theNextNumberMeansNothingWasLost() {
        ReplayPage page = new ReplayPage(12, List.of(entry(11), entry(12)));
        assertThat(page.lostAfter(new StreamId(NOW - 5, 10), RETENTION_START)).isFalse();
    }

    @Test
    void aJumpMeansEntriesWereTrimmed() {
        ReplayPage page = new ReplayPage(40, List.of(entry(31), entry(32)));
        assertThat(page.lostAfter(new StreamId(NOW - 5, 10), RETENTION_START)).isTrue();
        assertThat(page.lostAfter(StreamId.ZERO, RETENTION_START)).isTrue();
        assertThat(new ReplayPage(2, List.of(entry(1))).lostAfter(StreamId.ZERO, RETENTION_START)).isFalse();
    }

    @Test
    void anExpiredStreamLostWhatCameAfterTheCursor() {
        assertThat(new ReplayPage(20, List.of()).lostAfter(new StreamId(NOW - 5, 12), RETENTION_START)).isTrue();
        assertThat(new ReplayPage(12, List.of()).lostAfter(new StreamId(NOW - 5, 12), RETENTION_START)).isFalse();
    }

    @Test
    void aCursorOlderThanTheRetentionAgeIsAGap() {
        ReplayPage page = new ReplayPage(1, List.of(entry(1)));
        assertThat(page.lostAfter(new StreamId(1000, 0), RETENTION_START)).isTrue();
    }
}
