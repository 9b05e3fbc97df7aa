package com.powerx.devhotload.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream ids are the SSE ids: parsed from what clients send back, ordered like Redis orders them. */
class StreamIdTest {

    @Test
    void parsesRedisIdsAndBareMilliseconds() {
        assertThat(StreamId.parse("1732312345678-3")).contains(new StreamId(1732312345678L, 3));
        assertThat(StreamId.parse("1732312345678")).contains(new StreamId(1732312345678L, 0));
        assertThat(StreamId.parse(" 0-0 ")).contains(StreamId.ZERO);
        assertThat(StreamId.parse("abc")).isEmpty();
        assertThat(StreamId.parse("1-2-3")).isEmpty();
        assertThat(StreamId.parse("-1")).isEmpty();
        assertThat(StreamId.parse("99999999999999999999-0")).isEmpty();
        assertThat(StreamId.parse(null)).isEmpty();
    }

    @Test
    void ordersByMillisThenSequence() {
        StreamId a = StreamId.of("1000-5");
        StreamId b = StreamId.of("1000-10");
        StreamId c = StreamId.of("1001-0");
        assertThat(b.isAfter(a)).isTrue();
        assertThat(c.isAfter(b)).isTrue();
        assertThat(a.isAfter(a)).isFalse();
        assertThat(StreamId.max(a, c)).isEqualTo(c);
        assertThat(b.toString()).isEqualTo("1000-10");
    }
}
