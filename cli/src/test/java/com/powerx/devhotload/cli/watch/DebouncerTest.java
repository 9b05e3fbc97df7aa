package com.powerx.devhotload.cli.watch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DebouncerTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final List<Set<String>> batches = new ArrayList<>();
    private final Debouncer debouncer = new Debouncer(clock, 150, batches::add);

    @Test
    void aBurstOfSavesBecomesOneBatch() {
        debouncer.submit("index.mjs");
        clock.advance(50);
        debouncer.submit("lib/counter.mjs");
        clock.advance(100);
        debouncer.submit("index.mjs");
        clock.advance(149);
        assertThat(batches).isEmpty();

        clock.advance(1);

        assertThat(batches).containsExactly(Set.of("index.mjs", "lib/counter.mjs"));
    }

    @Test
    void savesAfterTheQuietTimeStartANewBatch() {
        debouncer.submit("a.mjs");
        clock.advance(200);
        debouncer.submit("b.mjs");
        clock.advance(200);
        assertThat(batches).containsExactly(Set.of("a.mjs"), Set.of("b.mjs"));
    }

    @Test
    void nonStopWritesStillReloadAfterTheMaximumWait() {
        for (int i = 0; i < 30; i++) {
            debouncer.submit("log-" + i);
            clock.advance(100);
        }
        assertThat(batches).isNotEmpty();
        assertThat(batches.getFirst()).hasSizeLessThanOrEqualTo(21);
    }

    @Test
    void eventsDuringABatchFormTheNextOne() {
        List<Set<String>> seen = new ArrayList<>();
        Debouncer[] self = new Debouncer[1];
        self[0] = new Debouncer(clock, 150, batch -> {
            seen.add(batch);
            if (seen.size() == 1) {
                self[0].submit("saved-while-reloading.mjs");
            }
        });
        self[0].submit("first.mjs");
        clock.advance(150);
        clock.advance(150);
        assertThat(seen).containsExactly(Set.of("first.mjs"), Set.of("saved-while-reloading.mjs"));
    }
}
