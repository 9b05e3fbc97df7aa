package com.powerx.devhotload.telemetry.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Meter tag cardinality stays bounded: plugin ids past the cap fold into "other". */
class BoundedTagTest {

    @Test
    void valuesBeyondTheCapFoldIntoOther() {
        TelemetryMeters.BoundedTag tag = new TelemetryMeters.BoundedTag(2);
        assertThat(tag.of("a")).isEqualTo("a");
        assertThat(tag.of("b")).isEqualTo("b");
        assertThat(tag.of("c")).isEqualTo("other");
        assertThat(tag.of("a")).isEqualTo("a");
        assertThat(tag.of(null)).isEqualTo("unknown");
    }
}
