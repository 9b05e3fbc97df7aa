package com.powerx.devhotload.diagnostics.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    static EvidenceEvent e(String source, long seq, long millis) {
        return new EvidenceEvent(Instant.ofEpochMilli(millis), source + seq, "t", "p", "s", null, "x", source, seq, "info", source + seq, "{}");
    }

    @Test
    void sourcesWhoseClocksAgreeMergeInTimeOrder() {
        List<EvidenceEvent> in = new ArrayList<>(List.of(e("log", 2, 300), e("sandbox", 1, 200), e("log", 1, 100), e("sandbox", 2, 400)));
        assertThat(Timeline.merge(in)).extracting(EvidenceEvent::eventId).containsExactly("log1", "sandbox1", "log2", "sandbox2");
    }

    @Test
    void aSourceWhoseClockJumpsBackKeepsItsOwnOrder() {
        // log2 was written after log1 but its clock says earlier: sorting by time alone would put it first.
        List<EvidenceEvent> in = new ArrayList<>(List.of(e("log", 1, 500), e("log", 2, 100), e("log", 3, 600), e("sandbox", 1, 550)));
        List<String> out = Timeline.merge(in).stream().map(EvidenceEvent::eventId).toList();
        assertThat(out.indexOf("log1")).isLessThan(out.indexOf("log2"));
        assertThat(out.indexOf("log2")).isLessThan(out.indexOf("log3"));
        assertThat(out).containsExactlyInAnyOrder("log1", "log2", "log3", "sandbox1");
    }

    @Test
    void nothingInNothingOut() {
        assertThat(Timeline.merge(new ArrayList<>())).isEmpty();
    }
}
