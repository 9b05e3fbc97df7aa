package com.powerx.devhotload.stream;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Filters combine as AND across parts and OR within a part; type filters are prefixes. */
class EventFilterTest {

    private static StreamEntry entry(String type, String session, String plugin) {
        return new StreamEntry(StreamId.of("1-0"), type, session, plugin, 0, "{}");
    }

    @Test
    void emptyFilterMatchesEverything() {
        EventFilter all = new EventFilter(Set.of(), null, List.of());
        assertThat(all.matches(entry("plugin.debug.alert", null, "p"))).isTrue();
    }

    @Test
    void sessionsPluginAndTypePrefixesNarrowTogether() {
        EventFilter filter = new EventFilter(Set.of("s1", "s2"), "p1", List.of("dev.session.log", "plugin.debug.alert"));
        assertThat(filter.matches(entry("dev.session.log", "s1", "p1"))).isTrue();
        assertThat(filter.matches(entry("plugin.debug.alert.resolved", "s2", "p1"))).isTrue();
        assertThat(filter.matches(entry("dev.session.reloaded", "s1", "p1"))).isFalse();
        assertThat(filter.matches(entry("dev.session.log", "s3", "p1"))).isFalse();
        assertThat(filter.matches(entry("dev.session.log", "s1", "p2"))).isFalse();
        assertThat(filter.matches(entry("dev.session.log", null, "p1"))).isFalse();
    }
}
