package com.powerx.devhotload.diagnostics.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges the events of several sources (logs, lifecycle, sandbox, telemetry, alerts) into one order.
 * <p>
 * Sorting everything by event time alone would put a source's own events out of order whenever its clock
 * jumps or its timestamps are coarse (an orchestrator log line stamped before the reload it belongs to). So each
 * source keeps its own order (its Kafka offsets: the order its producer wrote), and the sources are merged by the
 * time of their next event — a k-way merge. Where clocks agree this is plain time order; where they disagree,
 * no source's sequence is ever reversed.
 */
public final class Timeline {

    private Timeline() {
    }

    public static List<EvidenceEvent> merge(List<EvidenceEvent> events) {
        Map<String, List<EvidenceEvent>> bySource = new LinkedHashMap<>();
        for (EvidenceEvent e : events) {
            bySource.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator
                .comparing((Cursor c) -> c.head().eventTime())
                .thenComparing(c -> c.head().source())
                .thenComparingLong(c -> c.head().sourceSeq()));
        for (List<EvidenceEvent> run : bySource.values()) {
            run.sort(Comparator.comparingLong(EvidenceEvent::sourceSeq));
            heads.add(new Cursor(run));
        }
        List<EvidenceEvent> merged = new ArrayList<>(events.size());
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            merged.add(c.head());
            if (c.advance()) {
                heads.add(c);
            }
        }
        return merged;
    }

    /** The next unmerged event of one source. */
    private static final class Cursor {
        private final List<EvidenceEvent> run;
        private int index;

        Cursor(List<EvidenceEvent> run) {
            this.run = run;
        }

        EvidenceEvent head() {
            return run.get(index);
        }

        boolean advance() {
            return ++index < run.size();
        }
    }
}
